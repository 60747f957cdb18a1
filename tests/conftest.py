"""Fixtures shared by every test module, and the CI rule that PostgreSQL tests never skip."""

import os
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, models
from django.utils import translation

# Playwright's sync API runs an event loop in the test's thread; Django refuses ORM calls from a
# thread with a running loop unless told the calls are safe (they are: the loop is Playwright's).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")

IN_CI = os.environ.get("CI", "").lower() == "true"


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    # PostgreSQL-only tests are left out of an SQLite run (deselected, not skipped), so a skip in
    # CI always means something that should have run did not.
    if is_postgres():
        return
    selected, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("postgres") else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"Skipped in CI, where every test must run: {report.longrepr}"


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    # Production serves hashed names from a manifest built by collectstatic; tests use finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _thai_by_default(settings):
    # LocaleMiddleware leaves a request's language active in the thread: an English request in
    # one test must not make the next test's reverse() produce /en/ addresses.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian's Chromium is not installed at /usr/bin/chromium (apt install chromium)"
        )
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def stored_dates_after(year: int = 2200) -> list[str]:
    """Every stored date or date-time later than the year, as "model.field: count": a B.E. year
    stored as if it were C.E. (2569 for 2026) lands centuries ahead."""
    found = []
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateField):
                count = model._default_manager.filter(**{f"{field.name}__year__gt": year}).count()
                if count:
                    found.append(f"{model._meta.label}.{field.name}: {count}")
    return found


@pytest.fixture
def no_date_after_2200(db):
    """Used by every importer test module (and after the demo): nothing is stored after 2200."""
    yield
    assert stored_dates_after(2200) == []
