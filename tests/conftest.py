"""Fixtures shared by every test module, and the CI rule that PostgreSQL tests never skip.

The suite runs in parallel (`make test` passes `-n auto` to pytest-xdist; each module runs in one
worker, `--dist loadfile` in pyproject.toml): each worker process has its own test database
(test_portal_gw0, test_portal_gw1, ...), its own live server for the browser tests and its own
folder for uploaded files, so nothing a test writes is shared with another worker, nor with this
checkout's demo data in var/.
"""

import os
from pathlib import Path

import pytest
from django.apps import apps
from django.core.servers.basehttp import WSGIServer
from django.db import connection, models
from django.utils import translation

# Playwright's sync API runs an event loop in the test's thread; Django refuses ORM calls from a
# thread with a running loop unless told the calls are safe (they are: the loop is Playwright's).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")

IN_CI = os.environ.get("CI", "").lower() == "true"

# Tests need no strong password hashes: PBKDF2's million rounds cost about half a second of CPU
# (a second and more on a busy machine) for each password the ~140 tests that log in or create
# users set or check (admin_user, client.login, ensure_admin); the admin tests alone went from 97
# to 37 s of CPU. The portal's own hasher is still PBKDF2: tests/test_settings.py checks it in a
# fresh interpreter, outside this session.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class SerialWSGIServer(WSGIServer):
    """Django's development server without threads, taking the live server's arguments."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


def pytest_configure(config):
    from django.conf import settings
    from django.contrib.auth import hashers

    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS
    # Django's test client and the browser tests' live server speak plain HTTP: with DEBUG off
    # (`make test`, CI) HTTPS_ONLY would send every request to https:// and no test would see a
    # page. Only the redirect is relaxed (the cookies stay Secure, as in production); the
    # redirect itself, HSTS and the proxy header are tested in tests/core/test_security.py.
    settings.SECURE_SSL_REDIRECT = False
    if not is_postgres():
        # The browser tests' live server shares the in-memory SQLite connection with its request
        # threads; a browser's parallel requests (the admin's autocomplete) then met on that one
        # connection, and once a run hung there. On SQLite the server answers one request at a
        # time (the browser is told to close each connection, so none waits on another).
        from django.test.testcases import LiveServerThread

        LiveServerThread.server_class = SerialWSGIServer
    # The hashers are cached on first use; a direct assignment sends no setting_changed signal.
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    # PostgreSQL-only tests are left out of an SQLite run (deselected, not skipped), so a skip in
    # CI always means something that should have run did not; SQLite-only tests (the SQLite
    # variant of a PostgreSQL test, on the in-memory test database) likewise out of a PostgreSQL run.
    other_vendor = "sqlite" if is_postgres() else "postgres"
    selected, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker(other_vendor) else selected).append(item)
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


@pytest.fixture(scope="session")
def _media_folder_of_this_worker(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _uploads_outside_the_checkout(settings, _media_folder_of_this_worker):
    # Never var/media: that is the demo's uploads, and another worker may be writing there.
    # tests/portal gives each test a folder of its own on top of this.
    settings.MEDIA_ROOT = _media_folder_of_this_worker


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
