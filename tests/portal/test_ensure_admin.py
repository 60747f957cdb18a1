"""`manage.py ensure_admin`: one admin account, created once, and the login told every time."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

User = get_user_model()
STRONG = "Kamphaeng-Phet-2567-demo"
LOGIN_URL = "http://127.0.0.1:8000/admin/"


@pytest.fixture(autouse=True)
def _default_site_and_no_password_in_env(settings, monkeypatch):
    settings.SITE_URL = "http://127.0.0.1:8000"
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)


def run() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ensure_admin", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def printed_password(output: str) -> str:
    return re.search(r"รหัสผ่าน: (\S+)", output).group(1)


def test_debug_creates_admin_with_the_demo_password(db, settings):
    settings.DEBUG = True
    output, _err = run()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.is_active
    assert admin.check_password("admin")
    assert LOGIN_URL in output and "ชื่อผู้ใช้: admin" in output
    assert printed_password(output) == "admin"


def test_the_login_address_is_the_site_url_make_demo_serves(db, settings):
    # `make demo HOST=0.0.0.0 PORT=8001` exports SITE_URL=http://127.0.0.1:8001.
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8001"
    output, _err = run()
    assert "เข้าสู่ระบบผู้ดูแลได้ที่ http://127.0.0.1:8001/admin/" in output
    settings.SITE_URL = "https://portal.example.org/"
    output, _err = run()
    assert "https://portal.example.org/admin/" in output
    assert "127.0.0.1" not in output


def test_second_run_changes_nothing_and_still_tells_how_to_log_in(db, settings):
    settings.DEBUG = True
    run()
    before = list(User.objects.values_list("pk", "username", "password", "last_login"))
    output, _err = run()
    assert list(User.objects.values_list("pk", "username", "password", "last_login")) == before
    assert "มีบัญชีผู้ดูแลระบบอยู่แล้ว" in output
    assert LOGIN_URL in output and "ชื่อผู้ใช้: admin" in output
    assert printed_password(output) == "admin"


def test_without_debug_a_random_password_is_printed_once(db, settings):
    settings.DEBUG = False
    output, _err = run()
    password = printed_password(output)
    assert password != "admin" and len(password) >= 12
    assert User.objects.get(username="admin").check_password(password)
    again, _err = run()
    assert password not in again  # stored nowhere, so it cannot be shown again
    assert "changepassword admin" in again


def test_without_debug_two_databases_get_different_passwords(db, settings):
    settings.DEBUG = False
    first = printed_password(run()[0])
    User.objects.all().delete()
    assert printed_password(run()[0]) != first


def test_password_from_environment_is_used_and_not_echoed(db, settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", STRONG)
    output, _err = run()
    assert User.objects.get(username="admin").check_password(STRONG)
    assert STRONG not in output and "DEMO_ADMIN_PASSWORD" in output
    again, _err = run()
    assert STRONG not in again and "DEMO_ADMIN_PASSWORD" in again


def test_without_debug_a_weak_password_from_environment_is_refused(db, settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "admin")
    with pytest.raises(CommandError, match="DEMO_ADMIN_PASSWORD ใช้เป็นรหัสผ่านไม่ได้"):
        run()
    assert not User.objects.exists()


def test_with_debug_the_environment_password_is_taken_as_given(db, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "demo")
    run()
    assert User.objects.get(username="admin").check_password("demo")


def test_another_superuser_means_nothing_is_created(db, settings):
    settings.DEBUG = True
    User.objects.create_superuser(username="officer", email="", password=STRONG)
    output, _err = run()
    assert list(User.objects.values_list("username", flat=True)) == ["officer"]
    assert "ชื่อผู้ใช้: officer" in output
    assert "admin (" not in output  # the demo password is not claimed for someone else's account


def test_an_ordinary_user_named_admin_is_not_promoted(db, settings):
    settings.DEBUG = True
    User.objects.create_user(username="admin", password=STRONG)
    with pytest.raises(CommandError, match="ไม่ใช่ผู้ดูแลระบบ"):
        run()
    assert not User.objects.get(username="admin").is_superuser


def test_demo_password_left_on_without_debug_is_warned_about(db, settings):
    settings.DEBUG = True
    run()
    settings.DEBUG = False
    output, err = run()
    assert "คำเตือน" in err and "changepassword admin" in err
    assert LOGIN_URL in output
