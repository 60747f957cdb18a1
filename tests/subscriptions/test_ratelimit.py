"""The signup rate limit: per address and per IP, counted in the shared cache."""

import pytest
from django.test import RequestFactory

from portal.subscriptions.ratelimit import allow_signup, client_ip


@pytest.fixture
def limits(settings):
    settings.NEWSLETTER_SIGNUP_LIMIT_PER_IP = 3
    settings.NEWSLETTER_SIGNUP_LIMIT_PER_ADDRESS = 2
    settings.NEWSLETTER_SIGNUP_LIMIT_WINDOW = 3600


def test_an_address_may_sign_up_up_to_its_limit_from_any_ip(limits):
    assert allow_signup(ip="10.0.0.1", email="somchai@example.com")
    assert allow_signup(ip="10.0.0.2", email="SOMCHAI@example.com")
    assert not allow_signup(ip="10.0.0.3", email="somchai@example.com ")
    assert allow_signup(ip="10.0.0.4", email="somsri@example.com")


def test_an_ip_may_sign_up_up_to_its_limit_with_any_address(limits):
    for n in range(3):
        assert allow_signup(ip="10.0.0.1", email=f"reader{n}@example.com")
    assert not allow_signup(ip="10.0.0.1", email="reader9@example.com")
    assert allow_signup(ip="10.0.0.2", email="reader9@example.com")


def test_the_counters_start_again_in_a_new_window(limits, settings):
    settings.NEWSLETTER_SIGNUP_LIMIT_WINDOW = 1
    from django.core.cache import cache

    for _ in range(3):
        allow_signup(ip="10.0.0.1", email="")
    assert not allow_signup(ip="10.0.0.1", email="")
    cache.clear()  # what the expiry does at the end of the window
    assert allow_signup(ip="10.0.0.1", email="")


def test_the_cache_never_holds_an_address_in_clear(limits):
    from django.core.cache import cache

    allow_signup(ip="10.0.0.1", email="somchai@example.com")
    keys = list(cache._cache.keys())
    assert keys and not any("somchai" in key or "10.0.0.1" in key for key in keys)


def test_client_ip_ignores_forwarded_for_unless_proxies_are_trusted(settings):
    request = RequestFactory().post(
        "/", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.7"
    )
    settings.NEWSLETTER_TRUSTED_PROXIES = 0
    assert client_ip(request) == "192.0.2.9"
    settings.NEWSLETTER_TRUSTED_PROXIES = 1
    assert client_ip(request) == "198.51.100.7"
    settings.NEWSLETTER_TRUSTED_PROXIES = 2
    assert client_ip(request) == "203.0.113.5"
