"""Settings come from the environment or .env; production refuses to start without a secret.

Each test runs the settings in a fresh interpreter, in a copy of the project's code with no .env
(unless the test writes one), so this checkout's own .env (`make demo` writes one) cannot change
the outcome, and with nothing in the environment but what the test sets.
"""

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What `manage.py` needs to start, and what `make demo` needs to write .env: the project's
# files and every Python package at the top (the apps), whatever their number.
PROJECT = ["manage.py", "Makefile", "requirements.lock", "templates"]
PROJECT += sorted(
    path.name
    for path in ROOT.iterdir()
    if (path / "__init__.py").exists() and path.name not in {"tests", "benchmarks"}
)

SETTINGS = (
    "from django.conf import settings; "
    "print(settings.DATABASES['default']['ENGINE'], settings.DEBUG, "
    "','.join(settings.ALLOWED_HOSTS), settings.LANGUAGE_CODE, settings.TIME_ZONE, "
    "settings.CACHES['default']['BACKEND'], settings.PASSWORD_HASHERS[0], settings.SITE_URL)"
)


@pytest.fixture
def checkout(tmp_path) -> Path:
    """The project's code as a fresh clone has it: no .env, no var/."""
    root = tmp_path / "checkout"
    root.mkdir()
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / name)
    (root / "static").mkdir()  # STATICFILES_DIRS: the files themselves are not needed here
    return root


def bare_environment(**env) -> dict[str, str]:
    """PATH and nothing else of this shell (no SECRET_KEY, DEBUG, DATABASE_URL, SITE_URL...)."""
    return {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", **env}


def run(checkout: Path, command: list[str], **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        command,
        cwd=checkout,
        env=bare_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def load_settings(checkout: Path, code: str = SETTINGS, **env) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with exactly these variables set."""
    return run(
        checkout, [sys.executable, "-c", code], DJANGO_SETTINGS_MODULE="portal.settings", **env
    )


def write_env_as_make_demo_does(checkout: Path) -> subprocess.CompletedProcess:
    """The Makefile's own recipe for .env (the first step of `make demo` after the venv)."""
    return run(checkout, ["make", "--no-print-directory", ".env", f"PYTHON={sys.executable}"])


def dot_env(checkout: Path) -> dict[str, str]:
    lines = (checkout / ".env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_production_refuses_to_start_without_a_secret_key(checkout):
    result = load_settings(checkout, DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_without_debug_and_secret_manage_py_refuses_even_with_a_dot_env_that_has_none(checkout):
    # A production .env that forgot the key: DEBUG off, no SECRET_KEY anywhere.
    (checkout / ".env").write_text("DEBUG=false\nALLOWED_HOSTS=portal.example\n")
    result = run(checkout, [sys.executable, "manage.py", "check"])
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr
    # Nothing at all set: DEBUG is off by default, so the same refusal.
    (checkout / ".env").unlink()
    result = run(checkout, [sys.executable, "manage.py", "check"])
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_starts_with_a_secret_key(checkout):
    result = load_settings(
        checkout, DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="portal.example"
    )
    assert result.returncode == 0, result.stderr
    engine, debug, hosts, language, zone, cache, hasher, site_url = result.stdout.split()
    assert (engine, debug, hosts) == ("django.db.backends.sqlite3", "False", "portal.example")
    assert (language, zone) == ("th", "Asia/Bangkok")
    assert cache.endswith("LocMemCache")
    # The tests hash passwords with MD5 for speed (tests/conftest.py); the portal never does.
    assert hasher == "django.contrib.auth.hashers.PBKDF2PasswordHasher"
    assert site_url == "http://127.0.0.1:8000"


def test_development_runs_without_a_secret_key(checkout):
    result = load_settings(checkout, DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_database_and_cache_come_from_urls(checkout):
    result = load_settings(
        checkout,
        DEBUG="true",
        DATABASE_URL="postgres://portal:pw@db.internal:5432/portal",
        CACHE_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stderr
    engine, *_rest = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
    assert _rest[4].endswith("RedisCache")


def test_templates_are_cached_outside_development(checkout):
    code = "from django.conf import settings; print(settings.TEMPLATES[0]['OPTIONS']['loaders'])"
    production = load_settings(checkout, code, DEBUG="false", SECRET_KEY="x" * 50)
    assert production.returncode == 0, production.stderr
    assert production.stdout.startswith("[('django.template.loaders.cached.Loader', [")
    development = load_settings(checkout, code, DEBUG="true")
    assert development.stdout.startswith("['django.template.loaders.filesystem.Loader'")


def test_site_url_is_the_base_of_addresses_and_a_development_host(checkout):
    result = load_settings(checkout, DEBUG="true", SITE_URL="http://pc-12.school.example:8001/")
    assert result.returncode == 0, result.stderr
    _engine, _debug, hosts, *_rest, site_url = result.stdout.split()
    assert site_url == "http://pc-12.school.example:8001"  # without the trailing slash
    assert hosts.split(",") == ["127.0.0.1", "localhost", "pc-12.school.example"]


def test_make_demo_writes_a_dot_env_that_manage_py_commands_read(checkout):
    result = write_env_as_make_demo_does(checkout)
    assert result.returncode == 0, result.stderr
    values = dot_env(checkout)
    assert values["DEBUG"] == "true"
    assert len(values["SECRET_KEY"]) >= 60  # token_urlsafe(50): 67 characters
    # The key is a secret: only its owner reads the file.
    assert stat.S_IMODE((checkout / ".env").stat().st_mode) == 0o600
    # Nothing in the environment: the README's commands run as written after `make demo`.
    check = run(checkout, [sys.executable, "manage.py", "check"])
    assert check.returncode == 0, check.stderr
    assert "System check identified no issues" in check.stdout
    code = "from django.conf import settings as s; print(s.DEBUG, s.SECRET_KEY)"
    key = run(checkout, [sys.executable, "manage.py", "shell", "-v", "0", "-c", code])
    assert key.stdout.split() == ["True", values["SECRET_KEY"]], key.stderr


def test_an_existing_dot_env_is_never_overwritten(checkout):
    mine = "# my settings\nDEBUG=false\nSECRET_KEY=kept-as-it-is\n"
    (checkout / ".env").write_text(mine)
    result = write_env_as_make_demo_does(checkout)
    assert result.returncode == 0, result.stderr
    assert (checkout / ".env").read_text() == mine


def test_each_machine_gets_a_secret_key_of_its_own(checkout, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy2(checkout / "Makefile", other / "Makefile")
    assert write_env_as_make_demo_does(checkout).returncode == 0
    assert write_env_as_make_demo_does(other).returncode == 0
    assert dot_env(checkout)["SECRET_KEY"] != dot_env(other)["SECRET_KEY"]


FAKE_PYTHON = """#!/bin/sh
# Stands in for .venv/bin/python: says what `make demo` ran it with, then stops.
echo "ran: $* SITE_URL=$SITE_URL DEBUG=$DEBUG"
"""


@pytest.fixture
def fake_venv(checkout) -> Path:
    """A venv whose python only reports its calls, newer than requirements.lock (installed)."""
    venv = checkout / "fake-venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text(FAKE_PYTHON)
    python.chmod(0o755)
    (venv / ".installed").touch()
    (checkout / "var").mkdir()  # made by `manage.py migrate` in a real run
    return venv


def make_demo(checkout, venv, *arguments, **env) -> list[str]:
    result = run(
        checkout,
        ["make", "--no-print-directory", "-s", "demo", f"VENV={venv}", f"BIN={venv}/bin"]
        + [f"PYTHON={sys.executable}", *arguments],
        **env,
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line.startswith("ran: ")]


def test_make_demo_tells_every_command_the_address_it_serves(checkout, fake_venv):
    calls = make_demo(checkout, fake_venv, "HOST=0.0.0.0", "PORT=8001")
    # 0.0.0.0 (every interface) is shown as the address that works on this machine.
    ensure_admin = next(call for call in calls if "ensure_admin" in call)
    assert ensure_admin.endswith("SITE_URL=http://127.0.0.1:8001 DEBUG=true")
    runserver = next(call for call in calls if "runserver" in call)
    assert "runserver 0.0.0.0:8001 SITE_URL=http://127.0.0.1:8001" in runserver
    assert (checkout / ".env").exists()


def test_make_demo_keeps_the_default_address_and_a_given_one(checkout, fake_venv):
    assert all("SITE_URL=http://127.0.0.1:8000 " in call for call in make_demo(checkout, fake_venv))
    given = make_demo(checkout, fake_venv, "HOST=0.0.0.0", "SITE_URL=http://pc-12:8000")
    assert all("SITE_URL=http://pc-12:8000 " in call for call in given)
    exported = make_demo(checkout, fake_venv, SITE_URL="https://demo.example")
    assert all("SITE_URL=https://demo.example " in call for call in exported)


def test_production_passes_the_deployment_check_with_nothing_but_key_and_hosts(checkout):
    key = "k" + "x9Q-" * 15
    result = run(
        checkout,
        [sys.executable, "manage.py", "check", "--deploy"],
        DEBUG="false",
        SECRET_KEY=key,
        ALLOWED_HOSTS="portal.example",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"
    assert result.stderr == ""


HTTPS_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
    "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
    "getattr(s, 'SECURE_PROXY_SSL_HEADER', None) is not None, "
    "s.SESSION_COOKIE_AGE, s.SESSION_EXPIRE_AT_BROWSER_CLOSE, s.ADMIN_URL)"
)


def test_https_is_required_by_default_without_debug(checkout):
    result = load_settings(checkout, HTTPS_SETTINGS, DEBUG="false", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    # The proxy's X-Forwarded-Proto is not believed unless BEHIND_PROXY says there is one.
    assert result.stdout.split() == "True True True 31536000 True False 28800 True admin/".split()


def test_https_only_false_relaxes_it_for_plain_http(checkout):
    result = load_settings(
        checkout, HTTPS_SETTINGS, DEBUG="false", SECRET_KEY="x" * 50, HTTPS_ONLY="false"
    )
    assert result.stdout.split()[:5] == "False False False 0 False".split()
    check = run(
        checkout,
        [sys.executable, "manage.py", "check", "--deploy"],
        DEBUG="false",
        SECRET_KEY="k" + "x9Q-" * 15,
        ALLOWED_HOSTS="127.0.0.1",
        HTTPS_ONLY="false",
    )
    for warning in ["security.W004", "security.W008", "security.W012", "security.W016"]:
        assert warning in check.stderr


def test_development_speaks_plain_http(checkout):
    result = load_settings(checkout, HTTPS_SETTINGS, DEBUG="true")
    assert result.stdout.split()[:6] == "False False False 0 False False".split()


def test_the_proxy_header_sessions_and_admin_path_come_from_the_environment(checkout):
    result = load_settings(
        checkout,
        HTTPS_SETTINGS,
        DEBUG="false",
        SECRET_KEY="x" * 50,
        BEHIND_PROXY="true",
        SESSION_COOKIE_AGE="3600",
        ADMIN_URL="/office-7f3a/",
    )
    assert result.stdout.split()[5:] == "True 3600 True office-7f3a/".split()
