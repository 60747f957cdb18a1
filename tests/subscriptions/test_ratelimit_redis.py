"""The signup limit holds across server processes when the cache is Redis (CACHE_URL=redis://…).

Needs Redis on 127.0.0.1:6379 (it runs there in CI, where a skipped test fails the build).
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings

from portal.subscriptions.ratelimit import allow_signup

REDIS_URL = os.environ.get("NEWSLETTER_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")
BASE_DIR = Path(django_settings.BASE_DIR)

# One "server process": counts 10 signups from one IP and prints how many were let through.
SIGNUPS_IN_ONE_PROCESS = """
import os, sys
import django
django.setup()
from django.conf import settings
settings.CACHES["default"]["KEY_PREFIX"] = sys.argv[1]
from portal.subscriptions.ratelimit import allow_signup
print(sum(allow_signup(ip="203.0.113.7", email=f"reader{n}@example.com") for n in range(10)))
"""


@pytest.fixture
def redis_prefix():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip(f"Redis is not running at {REDIS_URL}")
    prefix = f"test-subscriptions-{uuid.uuid4().hex}"
    yield prefix
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


def run_processes(cache_url: str, prefix: str, count: int) -> list[int]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "SECRET_KEY": "rate-limit-test-secret-key",
        "CACHE_URL": cache_url,
        "NEWSLETTER_SIGNUP_LIMIT_PER_IP": "5",
        "NEWSLETTER_SIGNUP_LIMIT_PER_ADDRESS": "5",
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", SIGNUPS_IN_ONE_PROCESS, prefix],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    allowed = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        allowed.append(int(out.strip()))
    return allowed


def test_with_redis_two_processes_share_one_limit(redis_prefix):
    allowed = run_processes(REDIS_URL, redis_prefix, count=2)
    assert sum(allowed) == 5


def test_with_local_memory_each_process_counts_alone(redis_prefix):
    """Why production needs CACHE_URL=redis://…: locmem gives each process its own limit."""
    allowed = run_processes("locmemcache://", redis_prefix, count=2)
    assert allowed == [5, 5]


def test_with_redis_this_process_and_another_share_the_counter(settings, redis_prefix):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": redis_prefix,
        }
    }
    settings.NEWSLETTER_SIGNUP_LIMIT_PER_IP = 5
    for n in range(3):
        assert allow_signup(ip="203.0.113.7", email=f"here{n}@example.com")
    assert run_processes(REDIS_URL, redis_prefix, count=1) == [2]
    assert not allow_signup(ip="203.0.113.7", email="late@example.com")
