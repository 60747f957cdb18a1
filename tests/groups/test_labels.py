"""Roster pickers and messages name members and pay units by their choice labels, so two
schools of one name and three members of one name can be told apart."""

import datetime
import html
import re

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse

from groups import services
from groups.models import CommitteeSeat, Position, SmallGroupMembership
from members.models import MemberStatus
from tests.factories import TEST_ACTOR
from tests.groups.factories import (
    CommitteeFactory,
    CommitteeSeatFactory,
    SmallGroupFactory,
    fill_small_group,
)
from tests.members.factories import MemberFactory, namesakes, twin_pay_units

pytestmark = pytest.mark.django_db

JOINED = datetime.date(2016, 2, 1)


def add(member, small_group):
    return services.add_member_to_small_group(
        actor=TEST_ACTOR, member=member, small_group=small_group, started_on=JOINED
    )


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_pay_unit_mismatch_names_twin_schools_apart():
    home, twin = twin_pay_units()
    small_group = SmallGroupFactory(pay_unit=home)
    member = MemberFactory(pay_unit=twin)

    with pytest.raises(ValidationError) as excinfo:
        SmallGroupMembership(small_group=small_group, member=member, started_on=JOINED).full_clean()

    (message,) = excinfo.value.message_dict["member"]
    assert home.name == twin.name
    assert f"สังกัด {twin.choice_label} แต่กลุ่มย่อยนี้เป็นของ {home.choice_label}" in message
    assert message.startswith(member.choice_label)


def test_the_admin_names_twin_schools_apart_when_a_member_is_of_the_other(admin_client):
    home, twin = twin_pay_units()
    small_group = SmallGroupFactory(pay_unit=home)
    member = MemberFactory(pay_unit=twin)
    data = {
        "large_group": small_group.large_group_id,
        "pay_unit": home.pk,
        "founded_on": "10/01/2559",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-small_group": small_group.pk,
        "memberships-0-member": member.pk,
        "memberships-0-started_on": "01/02/2559",
    }

    response = admin_client.post(
        reverse("admin:groups_smallgroup_change", args=[small_group.pk]), data
    )

    assert response.status_code == 200
    assert f"สังกัด {twin.choice_label} แต่กลุ่มย่อยนี้เป็นของ {home.choice_label}" in (page_text(response))
    assert not SmallGroupMembership.objects.exists()


def test_a_member_who_left_is_named_by_label_when_refused_a_place():
    small_group = SmallGroupFactory()
    member = MemberFactory(pay_unit=small_group.pay_unit, status=MemberStatus.RETIRED)

    with pytest.raises(ValidationError) as excinfo:
        add(member, small_group)

    assert excinfo.value.messages[0].startswith(f"{member.choice_label} มีสถานะ")


def test_a_member_already_placed_is_named_by_label():
    first = SmallGroupFactory()
    second = SmallGroupFactory(large_group=first.large_group, pay_unit=first.pay_unit)
    (member,) = fill_small_group(first, 1)

    with pytest.raises(ValidationError) as excinfo:
        add(member, second)

    assert excinfo.value.messages[0].startswith(f"{member.choice_label} อยู่ใน")


def test_the_sitting_chair_is_named_by_label_when_terms_overlap():
    committee = CommitteeFactory()
    sitting, newcomer = namesakes([twin_pay_units()[0]] * 2)
    CommitteeSeatFactory(committee=committee, member=sitting, position=Position.CHAIR)
    seat = CommitteeSeat(
        committee=committee,
        member=newcomer,
        position=Position.CHAIR,
        term_start=datetime.date(2025, 1, 1),
    )

    with pytest.raises(ValidationError) as excinfo:
        seat.full_clean()

    (message,) = excinfo.value.message_dict[NON_FIELD_ERRORS]
    assert sitting.choice_label in message
    assert newcomer.choice_label not in message


def test_two_chairs_typed_on_the_committee_page_are_named_by_label(admin_client):
    committee = CommitteeFactory()
    first, second = namesakes(twin_pay_units())
    rows = {
        "seats-TOTAL_FORMS": "2",
        "seats-INITIAL_FORMS": "0",
        "seats-MIN_NUM_FORMS": "0",
        "seats-MAX_NUM_FORMS": "1000",
        "large_group": committee.large_group_id,
    }
    for index, member in enumerate([first, second]):
        rows.update(
            {
                f"seats-{index}-committee": committee.pk,
                f"seats-{index}-position": Position.CHAIR,
                f"seats-{index}-member": member.pk,
                f"seats-{index}-term_start": "01/01/2568",
            }
        )

    response = admin_client.post(
        reverse("admin:groups_committee_change", args=[committee.pk]), rows
    )

    assert response.status_code == 200
    text = page_text(response)
    assert f"{first.choice_label} และ {second.choice_label}" in text
    assert not CommitteeSeat.objects.exists()


def selected_options(response, field: str) -> list[str]:
    """The text of the selected option of every select whose name ends with the field."""
    return re.findall(
        rf'<select name="[^"]*{field}"[^>]*>.*?<option value="\d+" selected>([^<]*)</option>',
        page_text(response),
        flags=re.DOTALL,
    )


def test_the_members_of_a_small_group_read_by_label_on_its_page(admin_client):
    home, _twin = twin_pay_units()
    small_group = SmallGroupFactory(pay_unit=home)
    members = namesakes([home] * 3)
    for member in members:
        add(member, small_group)

    response = admin_client.get(reverse("admin:groups_smallgroup_change", args=[small_group.pk]))

    assert sorted(selected_options(response, "-member")) == sorted(
        member.choice_label for member in members
    )
    assert selected_options(response, "pay_unit") == [home.choice_label]


def test_the_seats_of_a_committee_read_by_label_on_its_page(admin_client):
    committee = CommitteeFactory()
    members = namesakes(twin_pay_units())
    for member in members:
        CommitteeSeatFactory(committee=committee, member=member)

    response = admin_client.get(reverse("admin:groups_committee_change", args=[committee.pk]))

    assert sorted(selected_options(response, "-member")) == sorted(
        member.choice_label for member in members
    )
