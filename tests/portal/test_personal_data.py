"""No public page shows a member's national ID, phone number or e-mail address."""

import re

import pytest

from tests.portal.factories import Site

pytestmark = pytest.mark.django_db


def personal_values(member) -> list[str]:
    values = [member.national_id, member.email, member.phone]
    # Also the ways people write them: 0812345678 as 081-234-5678, the ID in groups.
    digits = member.phone
    values.append(f"{digits[:3]}-{digits[3:6]}-{digits[6:]}")
    nid = member.national_id
    values.append(f"{nid[0]}-{nid[1:5]}-{nid[5:10]}-{nid[10:12]}-{nid[12]}")
    # The officers' pickers show the ID's last four digits (Member.choice_label): never here.
    values.append(f"···{nid[-4:]}")
    return [value for value in values if value]


def test_every_public_page_in_both_languages_is_free_of_personal_data(client):
    site = Site(size=3)
    urls = site.public_urls()
    urls += ["/en" + url for url in urls if not url.startswith(("/sitemap", "/robots"))]
    assert len(site.people) > 10
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for member in site.people:
            for value in personal_values(member):
                assert value not in text, f"{value!r} of {member} shown on {url}"
        # Nothing that even looks like a 13-digit ID or an e-mail address of the roster.
        assert not re.search(r"(?<!\d)\d{13}(?!\d)", text), url
        assert "@example.com" not in text, url


def test_the_check_itself_finds_personal_data_when_it_is_there(client):
    # Guard against a test that cannot fail: the values are real and searchable.
    site = Site(size=1)
    member = site.people[0]
    assert member.national_id.isdigit() and len(member.national_id) == 13
    assert member.email.endswith("@example.com") and member.phone
    page = f"<p>{member.email}</p>"
    assert any(value in page for value in personal_values(member))
