"""Admin date inputs read the Buddhist Era as officers type it, and show it back in B.E."""

import datetime

import pytest
from django.urls import reverse

from core.forms import BuddhistEraDateField, BuddhistEraSplitDateTimeField
from groups.models import SmallGroupMembership
from tests.groups.factories import SmallGroupFactory, fill_small_group
from tests.groups.test_admin import change_url, small_group_post
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def post_with_started_on(admin_client, small_group, member, typed):
    data = small_group_post(small_group, [member])
    new_row = len(small_group.memberships.all())
    data[f"memberships-{new_row}-started_on"] = typed
    return admin_client.post(change_url(small_group), data)


@pytest.mark.parametrize("typed", ["15/11/2569", "15/11/2026", "2569-11-15", "15 พ.ย. 2569"])
def test_a_date_typed_in_either_era_is_stored_as_meant(admin_client, typed):
    small_group = SmallGroupFactory()
    fill_small_group(small_group, 5)
    member = MemberFactory(pay_unit=small_group.pay_unit)

    response = post_with_started_on(admin_client, small_group, member, typed)

    assert response.status_code == 302, response.context["inline_admin_formsets"]
    membership = SmallGroupMembership.objects.get(member=member)
    assert membership.started_on == datetime.date(2026, 11, 15)


@pytest.mark.parametrize(
    "typed, words",
    [("15/11/69", "ปี 69"), ("15/11/2300", "ปี 2300"), ("31/11/2569", "ไม่มีวันที่")],
)
def test_an_impossible_date_is_refused_with_a_message_and_nothing_is_saved(
    admin_client, typed, words
):
    small_group = SmallGroupFactory()
    fill_small_group(small_group, 5)
    member = MemberFactory(pay_unit=small_group.pay_unit)

    response = post_with_started_on(admin_client, small_group, member, typed)

    assert response.status_code == 200
    assert words in response.content.decode()
    assert not SmallGroupMembership.objects.filter(member=member).exists()


def test_stored_dates_are_shown_in_the_buddhist_era_in_the_inputs(admin_client):
    small_group = SmallGroupFactory(founded_on=datetime.date(2026, 12, 2))
    page = admin_client.get(change_url(small_group)).content.decode()
    assert 'value="02/12/2569"' in page
    assert "2026-12-02" not in page
    # The calendar's script that teaches the widget the era comes with it.
    assert "core/js/buddhist-era-calendar.js" in page


def test_the_date_field_and_the_date_time_field_share_the_parser():
    assert BuddhistEraDateField().clean("2/12/2569") == datetime.date(2026, 12, 2)
    moment = BuddhistEraSplitDateTimeField().clean(["2/12/2569", "14:30"])
    assert (moment.year, moment.month, moment.day, moment.hour) == (2026, 12, 2, 14)


def test_a_date_time_input_shows_its_date_in_the_buddhist_era(admin_client):
    from tests.portal.factories import NewsItemFactory

    item = NewsItemFactory()
    page = admin_client.get(
        reverse("admin:portal_newsitem_change", args=[item.pk])
    ).content.decode()
    local = item.published_at.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    assert f'value="{local.day:02d}/{local.month:02d}/{local.year + 543}"' in page
