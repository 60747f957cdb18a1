"""HTTPS, the security headers and the admin login's lockout (core.security, django-axes)."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from core.security import client_ip

pytestmark = pytest.mark.django_db

WRONG = {"username": "admin", "password": "wrong"}
RIGHT = {"username": "admin", "password": "password"}


@pytest.fixture
def https_only(settings):
    # What HTTPS_ONLY (the default with DEBUG off) gives; tests/conftest.py turns the redirect
    # off for the rest of the suite, whose client speaks plain HTTP.
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True


def test_plain_http_is_redirected_to_https(client, https_only):
    response = client.get("/about/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/about/"


def test_a_client_claiming_https_is_still_redirected_without_a_proxy(client, https_only):
    response = client.get("/about/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301


def test_behind_a_proxy_its_https_header_is_believed(client, https_only, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/about/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert client.get("/about/").status_code == 301  # the proxy says http: still redirected


def test_every_response_carries_the_security_headers(client):
    response = client.get("/about/")
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def login(client, credentials, address="10.0.0.1"):
    return client.post(reverse("admin:login"), credentials, REMOTE_ADDR=address)


def fail_five_times(client, address="10.0.0.1"):
    responses = [login(client, WRONG, address) for _ in range(5)]
    assert [r.status_code for r in responses[:4]] == [200] * 4  # the form again, with its error
    return responses[-1]


def test_five_wrong_passwords_lock_that_user_from_that_address(client, admin_user):
    locked = fail_five_times(client)
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "ใส่รหัสผ่านผิด 5 ครั้ง" in text
    assert "ลองใหม่ได้หลัง" in text and "เวลา" in text and " น." in text
    # Locked: even the right password is refused, before it is checked.
    assert login(client, RIGHT).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_says_when_the_lock_lifts(client, admin_user, settings):
    from core.dates import format_datetime

    locked = fail_five_times(client)
    lifts_at = locked.context["lifts_at"]
    assert format_datetime(lifts_at) in locked.content.decode()


def test_another_address_or_another_user_is_not_locked(client, admin_user, django_user_model):
    django_user_model.objects.create_user("other", password="password", is_staff=True)
    fail_five_times(client, "10.0.0.1")
    assert login(client, RIGHT, "10.0.0.2").status_code == 302
    client.logout()
    other = {"username": "other", "password": "password"}
    assert login(client, other, "10.0.0.1").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, admin_user, settings):
    fail_five_times(client)
    # Fifteen minutes pass (AXES_COOLOFF_TIME): the failures are that old.
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(tz=datetime.UTC)
        - settings.AXES_COOLOFF_TIME
        - datetime.timedelta(seconds=1)
    )
    assert login(client, RIGHT).status_code == 302


class FakeRequest:
    def __init__(self, **meta):
        self.META = meta


def test_the_client_address_is_remote_addr_without_a_proxy(settings):
    settings.BEHIND_PROXY = False
    request = FakeRequest(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.0.0.1"


def test_behind_a_proxy_the_client_is_the_address_the_proxy_appended(settings):
    settings.BEHIND_PROXY = True
    # The client wrote 1.2.3.4 itself; nginx appended the address it saw.
    request = FakeRequest(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert client_ip(request) == "203.0.113.7"
    assert client_ip(FakeRequest(REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"


def test_a_forged_forwarded_for_does_not_unlock_behind_a_proxy(client, admin_user, settings):
    settings.BEHIND_PROXY = True
    for forged in ["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"]:
        client.post(reverse("admin:login"), WRONG, HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.7")
    response = client.post(
        reverse("admin:login"), RIGHT, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    assert response.status_code == 429


def test_an_officers_session_ends_with_the_browser_and_after_eight_hours(client, admin_user):
    response = login(client, RIGHT)
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    assert client.session.get_expiry_age() == 8 * 3600


def test_robots_txt_does_not_announce_an_admin_path_of_its_own(client, settings):
    assert "Disallow: /admin/" in client.get("/robots.txt").content.decode()
    settings.ADMIN_URL = "office-7f3a/"
    text = client.get("/robots.txt").content.decode()
    assert "admin" not in text and "office" not in text
