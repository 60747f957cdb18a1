"""Fixtures of the loans tests: which task backend runs the alert mail; the groups factories."""

import pytest
from django_tasks import default_task_backend

from core.audit import acting
from tests.factories import TEST_ACTOR
from tests.groups.factories import LargeGroupFactory, SmallGroupFactory


@pytest.fixture(autouse=True)
def group_factories_act_as_tests(monkeypatch):
    """The large and small group factories call the groups services themselves, past
    AuditedFactory's actor; run them as the tests actor too, like every other factory, so that
    the loans tests pass with AUDIT_REQUIRE_ACTOR on. (Redundant once the groups services take
    their own actor= and the factories pass it.)"""
    for factory_class in (LargeGroupFactory, SmallGroupFactory):
        create = factory_class._create.__func__

        def acting_create(cls, model_class, *args, _create=create, **kwargs):
            with acting(TEST_ACTOR):
                return _create(cls, model_class, *args, **kwargs)

        monkeypatch.setattr(factory_class, "_create", classmethod(acting_create))


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
