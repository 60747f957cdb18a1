"""`make serve`'s commands and gunicorn's settings (deploy/gunicorn.conf.py), without a server."""

import runpy
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"


def test_make_serve_collects_migrates_and_starts_the_worker_and_gunicorn():
    commands = subprocess.run(
        ["make", "--no-print-directory", "--dry-run", "serve", "HOST=0.0.0.0", "PORT=8811"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    steps = [
        "manage.py collectstatic --noinput",
        "manage.py migrate --noinput",
        "manage.py db_worker",
        "gunicorn --config deploy/gunicorn.conf.py --bind 0.0.0.0:8811",
    ]
    positions = [commands.index(step) for step in steps]
    assert positions == sorted(positions)
    assert "runserver" not in commands


def gunicorn_settings(monkeypatch, cores: int, **environment: str) -> dict:
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: cores)
    for name in ["WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_BIND"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


@pytest.mark.parametrize(("cores", "workers"), [(1, 3), (2, 5), (4, 9), (32, 12)])
def test_workers_are_twice_the_cores_plus_one_at_most_twelve(monkeypatch, cores, workers):
    settings = gunicorn_settings(monkeypatch, cores)
    assert settings["workers"] == workers
    assert (settings["threads"], settings["worker_class"]) == (2, "gthread")
    assert settings["wsgi_app"] == "portal.wsgi:application"


def test_the_environment_sets_workers_and_threads(monkeypatch):
    settings = gunicorn_settings(monkeypatch, 2, WEB_CONCURRENCY="3", GUNICORN_THREADS="1")
    assert (settings["workers"], settings["threads"], settings["worker_class"]) == (3, 1, "sync")
