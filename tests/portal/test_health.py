"""/healthz: 200 when the database, the cache and the task queue are well, 503 when not."""

import datetime
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

pytestmark = pytest.mark.django_db

# `SELECT 1`, then the age of the oldest queued task (one aggregate); the cache is in memory.
HEALTH_QUERIES = 2


@pytest.fixture(autouse=True)
def _database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HEALTH_MAX_TASK_AGE = 900


def queued_task(*, waited: float, run_after: datetime.datetime | None = None) -> DBTaskResult:
    """A task row as `enqueue` writes it, enqueued `waited` seconds ago."""
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="portal.subscriptions.tasks.deliver_mailing",
        backend_name="default",
        queue_name="default",
        run_after=run_after or get_date_max(),
    )
    # enqueued_at is auto_now_add: set the past afterwards.
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(seconds=waited)
    )
    return task


def test_all_well_is_200_with_every_check_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    assert response.json() == {
        "status": "ok",
        "database": {"ok": True},
        "cache": {"ok": True},
        "tasks": {"ok": True, "oldest_queued_age_seconds": None, "max_age_seconds": 900},
    }


def test_the_address_has_no_language_prefix(client):
    assert client.get("/en/healthz").status_code == 404
    assert client.get("/healthz", HTTP_ACCEPT_LANGUAGE="en").status_code == 200


def test_a_load_balancer_on_plain_http_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


@pytest.mark.parametrize("queued", [0, 3])
def test_the_check_costs_a_fixed_number_of_queries(client, django_assert_num_queries, queued):
    for _ in range(queued):
        queued_task(waited=10)
    with django_assert_num_queries(HEALTH_QUERIES):
        assert client.get("/healthz").status_code == 200


def test_a_cache_that_raises_is_503(client, monkeypatch):
    broken = mock.Mock()
    broken.set.side_effect = ConnectionError("redis is down at 10.0.0.5")
    monkeypatch.setattr("portal.health.cache", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    report = response.json()
    assert report["status"] == "error"
    assert report["cache"] == {"ok": False, "error": "ConnectionError"}
    assert report["database"] == {"ok": True}
    # The message (a host here) stays in the log, not on the public page.
    assert "10.0.0.5" not in response.content.decode()


def test_a_cache_that_loses_the_value_is_503(client, monkeypatch):
    forgetful = mock.Mock()
    forgetful.get.return_value = None
    monkeypatch.setattr("portal.health.cache", forgetful)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"]["ok"] is False


def test_a_database_that_raises_is_503(client, monkeypatch):
    broken = mock.Mock()
    broken.cursor.side_effect = OperationalError("could not connect to server")
    monkeypatch.setattr("portal.health.connection", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    report = response.json()
    assert report["database"] == {"ok": False, "error": "OperationalError"}
    assert report["cache"] == {"ok": True}
    assert report["tasks"]["ok"] is False


def test_a_queued_task_younger_than_the_threshold_is_reported_and_200(client):
    queued_task(waited=600)
    queued_task(waited=30)
    response = client.get("/healthz")
    assert response.status_code == 200
    tasks = response.json()["tasks"]
    assert tasks["ok"] is True
    assert 600 <= tasks["oldest_queued_age_seconds"] < 610


def test_a_queued_task_older_than_the_threshold_is_503(client):
    queued_task(waited=901)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    tasks = response.json()["tasks"]
    assert tasks["ok"] is False
    assert tasks["oldest_queued_age_seconds"] >= 901


def test_a_threshold_of_zero_only_reports_the_age(client, settings):
    settings.HEALTH_MAX_TASK_AGE = 0
    queued_task(waited=5000)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["tasks"]["oldest_queued_age_seconds"] >= 5000


def test_a_task_put_off_waits_from_its_run_after_and_a_future_one_not_at_all(client):
    now = timezone.now()
    # Enqueued an hour ago to run ten minutes ago: late by ten minutes, not an hour.
    queued_task(waited=3600, run_after=now - datetime.timedelta(seconds=600))
    queued_task(waited=7200, run_after=now + datetime.timedelta(hours=1))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert 600 <= response.json()["tasks"]["oldest_queued_age_seconds"] < 610


def test_finished_and_running_tasks_are_not_queued(client):
    for status in ["RUNNING", "SUCCESSFUL", "FAILED"]:
        DBTaskResult.objects.filter(pk=queued_task(waited=5000).pk).update(status=status)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["tasks"]["oldest_queued_age_seconds"] is None


def test_another_task_backend_has_no_queue_to_read(client, settings, django_assert_num_queries):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["tasks"]["oldest_queued_age_seconds"] is None
