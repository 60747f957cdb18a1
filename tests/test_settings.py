"""Settings come from the environment; production refuses to start without a secret."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env):
    """Import the settings in a fresh interpreter with exactly these variables set."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "ALLOWED_HOSTS", "CACHE_URL"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="portal.settings")
    code = (
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DEBUG, "
        "','.join(settings.ALLOWED_HOSTS), settings.LANGUAGE_CODE, settings.TIME_ZONE, "
        "settings.CACHES['default']['BACKEND'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_starts_with_a_secret_key():
    result = load_settings(DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="portal.example")
    assert result.returncode == 0, result.stderr
    engine, debug, hosts, language, zone, cache = result.stdout.split()
    assert (engine, debug, hosts) == ("django.db.backends.sqlite3", "False", "portal.example")
    assert (language, zone) == ("th", "Asia/Bangkok")
    assert cache.endswith("LocMemCache")


def test_development_runs_without_a_secret_key():
    result = load_settings(DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_database_and_cache_come_from_urls():
    result = load_settings(
        DEBUG="true",
        DATABASE_URL="postgres://portal:pw@db.internal:5432/portal",
        CACHE_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stderr
    engine, *_rest, cache = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
    assert cache.endswith("RedisCache")
