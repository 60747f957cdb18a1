"""Fixtures of the news-by-e-mail tests: a private cache per test and task backends to choose."""

import uuid

import pytest
from django_tasks import default_task_backend


@pytest.fixture(autouse=True)
def _private_cache(settings):
    # Rate-limit counters must not leak from one test to the next (nor to another engineer's).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"subscriptions-{uuid.uuid4().hex}",
        }
    }


@pytest.fixture
def dummy_tasks(settings):
    """Tasks are recorded, not run: the test inspects and runs them itself."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


@pytest.fixture
def immediate_tasks(settings):
    """Tasks run at once, in the enqueuing thread, as soon as the transaction commits."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
