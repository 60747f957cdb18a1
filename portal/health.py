"""The health checks a load balancer polls (/healthz): the database, the cache, the task queue."""

import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, F, Min, When
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    ok: bool
    # The exception's class only: the page is public, a message could name hosts or users.
    error: str = ""

    def as_json(self) -> dict:
        return {"ok": self.ok, **({"error": self.error} if self.error else {})}


def _failed(name: str, exception: Exception) -> Check:
    logger.warning("Health check %s failed", name, exc_info=exception)
    return Check(ok=False, error=type(exception).__name__)


def check_database() -> Check:
    """One `SELECT 1` on the default database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exception:  # any failure is "down"
        return _failed("database", exception)
    return Check(ok=True)


def check_cache() -> Check:
    """A key of its own set, read back and deleted in the default cache."""
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        value = cache.get(key)
        cache.delete(key)
    except Exception as exception:
        return _failed("cache", exception)
    if value != "ok":
        return Check(ok=False, error="value not read back")
    return Check(ok=True)


def oldest_queued_task_age() -> float | None:
    """Seconds the oldest task due to run has waited (one query); None when nothing waits.

    Only the database backend of django-tasks keeps a queue this can read; with another backend
    (the immediate one of the tests, a Redis queue) it is None too. A task has waited since it was
    enqueued, or since its `run_after` when it was put off: the model stores "no run_after" as
    the year 9999.
    """
    # The backend itself: django_tasks.default_task_backend is a proxy, never an instance.
    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return None
    waiting_since = DBTaskResult.objects.ready().aggregate(
        since=Min(
            Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
        )
    )["since"]
    if waiting_since is None:
        return None
    return max(0.0, (timezone.now() - waiting_since).total_seconds())


def health() -> tuple[bool, dict]:
    """Whether the portal can serve, and the report: two queries, one cache round trip."""
    database = check_database()
    cache_check = check_cache()
    tasks: dict = {"max_age_seconds": settings.HEALTH_MAX_TASK_AGE}
    tasks_ok = True
    if database.ok:
        try:
            age = oldest_queued_task_age()
        except Exception as exception:
            tasks.update(_failed("tasks", exception).as_json())
            tasks_ok = False
        else:
            tasks["oldest_queued_age_seconds"] = None if age is None else round(age, 1)
            # 0 turns the threshold off: the age is reported, never a 503.
            limit = settings.HEALTH_MAX_TASK_AGE
            tasks_ok = age is None or not limit or age <= limit
            tasks["ok"] = tasks_ok
    else:
        tasks.update(ok=False, error="database down")
        tasks_ok = False
    ok = database.ok and cache_check.ok and tasks_ok
    return ok, {
        "status": "ok" if ok else "error",
        "database": database.as_json(),
        "cache": cache_check.as_json(),
        "tasks": tasks,
    }
