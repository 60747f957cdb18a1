"""Fixtures of the loans tests: which task backend runs the alert mail."""

import pytest
from django_tasks import default_task_backend


@pytest.fixture
def immediate_tasks(settings):
    """Tasks run in the committing thread, as the default ImmediateBackend of django-tasks does."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def dummy_tasks(settings):
    """Tasks are only recorded, as a queue would hold them for the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend
