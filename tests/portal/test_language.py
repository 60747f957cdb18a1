"""Thai first: the browser's Accept-Language never switches the portal to English by itself.

The public pages sit in i18n_patterns without a prefix for Thai, so Django's LocaleMiddleware
gives every unprefixed address (the admin too) the default language; English is /en/.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_login_is_thai_for_a_browser_that_asks_for_english(client):
    response = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.status_code == 200
    assert 'lang="th"' in response.content.decode()


def test_public_home_is_thai_at_the_root_and_english_under_en(client):
    thai = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US")
    english = client.get("/en/", HTTP_ACCEPT_LANGUAGE="th")

    assert thai.status_code == english.status_code == 200
    assert 'lang="th"' in thai.content.decode()
    assert 'lang="en"' in english.content.decode()
