"""groups.services: numbering and naming of large groups, and every change to small-group places."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from groups import services
from groups.models import LargeGroup, SmallGroup, SmallGroupMembership
from members.models import Member, MemberStatus
from tests.factories import TEST_ACTOR
from tests.groups.factories import LargeGroupFactory, SmallGroupFactory, fill_small_group
from tests.members.factories import MemberFactory, PayUnitFactory
from tests.networks.factories import AreaFactory, DistrictFactory

pytestmark = pytest.mark.django_db

THAI = re.compile(r"[\u0E00-\u0E7F]")
FOUNDED = datetime.date(2015, 6, 1)
JOINED = datetime.date(2016, 2, 1)
LEFT = datetime.date(2018, 3, 31)
PREFIX = "เครือข่ายพัฒนาชีวิตครูอำเภอ"


def codes(excinfo):
    """The codes of every error, whether raised as a list (service) or a dict (full_clean)."""
    error = excinfo.value
    if hasattr(error, "error_dict"):
        return [item.code for items in error.error_dict.values() for item in items]
    return [item.code for item in error.error_list]


def open_group(district, area=None, **fields):
    area = area or AreaFactory(parent=district.province)
    return services.create_large_group(
        actor=TEST_ACTOR, area=area, district=district, founded_on=FOUNDED, **fields
    )


def names(district):
    return list(
        LargeGroup.objects.filter(district=district)
        .order_by("number")
        .values_list("name", flat=True)
    )


def add(member, small_group, started_on=JOINED):
    return services.add_member_to_small_group(
        actor=TEST_ACTOR, member=member, small_group=small_group, started_on=started_on
    )


def current_count(small_group):
    return small_group.memberships.filter(ended_on__isnull=True).count()


# --- create_large_group: numbering and the official name -----------------------------------


def test_first_group_in_a_district_is_number_one_with_the_plain_name():
    district = DistrictFactory(name="ไทรงาม")

    group = open_group(district)

    assert group.number == 1
    assert group.name == f"{PREFIX}ไทรงาม"
    assert names(district) == [f"{PREFIX}ไทรงาม"]


def test_second_group_in_a_district_renames_the_first():
    district = DistrictFactory(name="คลองลาน")
    first = open_group(district)

    second = open_group(district)

    first.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert first.name == f"{PREFIX}คลองลาน กลุ่มใหญ่ที่ 1"
    assert second.name == f"{PREFIX}คลองลาน กลุ่มใหญ่ที่ 2"


def test_third_group_takes_the_next_number():
    district = DistrictFactory(name="พรานกระต่าย")
    open_group(district)
    open_group(district)

    third = open_group(district)

    assert third.number == 3
    assert names(district) == [f"{PREFIX}พรานกระต่าย กลุ่มใหญ่ที่ {n}" for n in (1, 2, 3)]


def test_groups_of_another_district_are_numbered_and_named_apart():
    district = DistrictFactory(name="ลานกระบือ")
    other = DistrictFactory(name="บึงสามัคคี", province=district.province)
    open_group(district)
    open_group(district)

    group = open_group(other)

    assert group.number == 1
    assert group.name == f"{PREFIX}บึงสามัคคี"


def test_group_with_the_provincial_approval_is_created():
    group = open_group(
        DistrictFactory(), approval_date=datetime.date(2024, 5, 20), approval_reference="มติ 2/2567"
    )

    assert group.has_provincial_approval


@pytest.mark.parametrize(
    ("approval_date", "approval_reference"),
    [(datetime.date(2024, 5, 20), ""), (None, "มติ 2/2567")],
)
def test_half_an_approval_is_refused_and_nothing_is_saved(approval_date, approval_reference):
    district = DistrictFactory()
    first = open_group(district)

    with pytest.raises(ValidationError):
        open_group(district, approval_date=approval_date, approval_reference=approval_reference)

    # The first group keeps its plain name: the refused second one renamed nothing.
    assert names(district) == [first.name]


def test_large_group_under_a_province_instead_of_an_area_is_refused():
    district = DistrictFactory()

    with pytest.raises(ValidationError) as excinfo:
        open_group(district, area=district.province)

    assert "area" in excinfo.value.error_dict
    assert not LargeGroup.objects.exists()


# --- update_large_group and delete_large_group: names follow ------------------------------


def test_moving_a_group_to_another_district_renumbers_and_renames_both_districts():
    old = DistrictFactory(name="คลองขลุง")
    new = DistrictFactory(name="ทรายทองวัฒนา", province=old.province)
    moving = open_group(old)
    open_group(old)
    open_group(new)

    # The service reads the group afresh under its lock and returns what it saved.
    moving = services.update_large_group(actor=TEST_ACTOR, group=moving, district=new)

    assert moving.number == 2
    assert moving.name == f"{PREFIX}ทรายทองวัฒนา กลุ่มใหญ่ที่ 2"
    assert names(new) == [f"{PREFIX}ทรายทองวัฒนา กลุ่มใหญ่ที่ {n}" for n in (1, 2)]
    # The group left behind is alone now, so its name loses the number (it keeps number 2).
    assert names(old) == [f"{PREFIX}คลองขลุง"]


def test_update_keeps_number_and_name_when_the_district_stays():
    district = DistrictFactory(name="ปางศิลาทอง")
    group = open_group(district)
    open_group(district)

    services.update_large_group(
        actor=TEST_ACTOR,
        group=group,
        approval_date=datetime.date(2024, 5, 20),
        approval_reference="มติ 2/2567",
    )

    group.refresh_from_db()
    assert group.number == 1
    assert group.name == f"{PREFIX}ปางศิลาทอง กลุ่มใหญ่ที่ 1"
    assert group.has_provincial_approval


def test_update_with_half_an_approval_is_refused_and_nothing_is_saved():
    group = open_group(DistrictFactory())

    with pytest.raises(ValidationError):
        services.update_large_group(
            actor=TEST_ACTOR, group=group, approval_date=datetime.date(2024, 5, 20)
        )

    group.refresh_from_db()
    assert group.approval_date is None


def test_deleting_the_second_group_gives_the_first_its_plain_name_back():
    district = DistrictFactory(name="โกสัมพีนคร")
    first = open_group(district)
    second = open_group(district)

    services.delete_large_group(actor=TEST_ACTOR, group=second)

    first.refresh_from_db()
    assert first.name == f"{PREFIX}โกสัมพีนคร"


# --- create_small_group ---------------------------------------------------------------------


def test_small_groups_are_numbered_within_their_large_group():
    large_group = LargeGroupFactory()
    other = LargeGroupFactory()

    numbers = [SmallGroupFactory(large_group=large_group).number for _index in range(3)]

    assert numbers == [1, 2, 3]
    assert SmallGroupFactory(large_group=other).number == 1
    assert SmallGroup.objects.get(large_group=large_group, number=2).name == "กลุ่มย่อยที่ 2"


# --- add_member_to_small_group -------------------------------------------------------------


def test_member_of_the_pay_unit_joins_a_small_group():
    group = SmallGroupFactory()
    member = MemberFactory(pay_unit=group.pay_unit)

    membership = add(member, group)

    assert membership.is_current
    assert list(group.memberships.all()) == [membership]


def test_tenth_member_joins():
    group = SmallGroupFactory()
    fill_small_group(group, 9)

    add(MemberFactory(pay_unit=group.pay_unit), group)

    assert current_count(group) == 10


def test_eleventh_member_is_refused_and_nothing_is_saved():
    group = SmallGroupFactory()
    fill_small_group(group, 10)
    member = MemberFactory(pay_unit=group.pay_unit)

    with pytest.raises(ValidationError) as excinfo:
        add(member, group)

    assert codes(excinfo) == ["small_group_full"]
    assert current_count(group) == 10
    assert not member.small_group_memberships.exists()


def test_full_group_message_is_thai_and_names_the_group():
    group = SmallGroupFactory()
    fill_small_group(group, 10)

    with pytest.raises(ValidationError) as excinfo:
        add(MemberFactory(pay_unit=group.pay_unit), group)

    message = excinfo.value.messages[0]
    assert THAI.search(message)
    assert group.name in message
    assert "10" in message


def test_refusal_by_the_database_trigger_reaches_the_caller_as_small_group_full(monkeypatch):
    # Skip the count in clean(), as a second officer who counted before the first committed
    # would: the trigger's refusal must come back as the same ValidationError, not a 500.
    group = SmallGroupFactory()
    fill_small_group(group, 10)
    monkeypatch.setattr(SmallGroupMembership, "clean", lambda self: None)

    with transaction.atomic():
        with pytest.raises(ValidationError) as excinfo:
            add(MemberFactory(pay_unit=group.pay_unit), group)
        # The caller's own transaction is still usable after the refusal.
        assert current_count(group) == 10

    assert codes(excinfo) == ["small_group_full"]
    assert isinstance(excinfo.value.__cause__, IntegrityError)


def test_member_of_another_pay_unit_is_refused():
    group = SmallGroupFactory()
    member = MemberFactory(pay_unit=PayUnitFactory(area=group.pay_unit.area))

    with pytest.raises(ValidationError) as excinfo:
        add(member, group)

    assert [error.code for error in excinfo.value.error_dict["member"]] == ["pay_unit_mismatch"]
    assert not SmallGroupMembership.objects.exists()


@pytest.mark.parametrize(
    "status", [status for status in MemberStatus.values if status != MemberStatus.ACTIVE]
)
def test_member_who_left_the_programme_cannot_join(status):
    group = SmallGroupFactory()
    member = MemberFactory(pay_unit=group.pay_unit, status=status)

    with pytest.raises(ValidationError) as excinfo:
        add(member, group)

    assert codes(excinfo) == ["member_not_active"]
    assert not SmallGroupMembership.objects.exists()


def test_member_already_in_a_small_group_cannot_join_another():
    first = SmallGroupFactory()
    second = SmallGroupFactory(large_group=first.large_group, pay_unit=first.pay_unit)
    member = fill_small_group(first, 1)[0]

    with pytest.raises(ValidationError) as excinfo:
        add(member, second)

    assert codes(excinfo) == ["member_already_in_group"]
    assert excinfo.value.params["group"] == first.name
    assert not second.memberships.exists()


def test_member_already_in_the_group_cannot_join_it_twice():
    group = SmallGroupFactory()
    member = fill_small_group(group, 1)[0]

    with pytest.raises(ValidationError) as excinfo:
        add(member, group)

    assert codes(excinfo) == ["member_already_in_group"]


def test_member_joins_another_group_after_leaving_the_first():
    first = SmallGroupFactory()
    second = SmallGroupFactory(large_group=first.large_group, pay_unit=first.pay_unit)
    member = fill_small_group(first, 1)[0]
    services.end_membership(
        actor=TEST_ACTOR, membership=member.small_group_memberships.get(), ended_on=LEFT
    )

    membership = add(member, second, started_on=LEFT)

    assert list(member.small_group_memberships.filter(ended_on__isnull=True)) == [membership]


def test_ending_a_membership_frees_a_place_for_a_new_member():
    group = SmallGroupFactory()
    fill_small_group(group, 10)
    services.end_membership(actor=TEST_ACTOR, membership=group.memberships.first(), ended_on=LEFT)

    add(MemberFactory(pay_unit=group.pay_unit), group, started_on=LEFT)

    assert current_count(group) == 10


# --- end_membership ------------------------------------------------------------------------


def test_membership_ends_on_the_day_given():
    group = SmallGroupFactory()
    fill_small_group(group, 1)
    membership = group.memberships.get()

    services.end_membership(actor=TEST_ACTOR, membership=membership, ended_on=JOINED)

    membership.refresh_from_db()
    assert membership.ended_on == JOINED


def test_membership_cannot_end_before_it_started():
    group = SmallGroupFactory()
    fill_small_group(group, 1)
    membership = group.memberships.get()

    with pytest.raises(ValidationError):
        services.end_membership(
            actor=TEST_ACTOR, membership=membership, ended_on=JOINED - datetime.timedelta(days=1)
        )

    membership.refresh_from_db()
    assert membership.is_current


# --- change_member_status -------------------------------------------------------------------


def test_leaving_the_programme_ends_the_small_group_place():
    group = SmallGroupFactory()
    member = fill_small_group(group, 1)[0]

    services.change_member_status(
        actor=TEST_ACTOR, member=member, status=MemberStatus.RETIRED, on=LEFT
    )

    membership = member.small_group_memberships.get()
    assert membership.ended_on == LEFT
    assert Member.objects.get(pk=member.pk).status == MemberStatus.RETIRED
    assert current_count(group) == 0


def test_leaving_dated_before_joining_ends_the_place_on_the_joining_day():
    group = SmallGroupFactory()
    member = fill_small_group(group, 1)[0]

    services.change_member_status(
        actor=TEST_ACTOR,
        member=member,
        status=MemberStatus.DECEASED,
        on=JOINED - datetime.timedelta(days=30),
    )

    assert member.small_group_memberships.get().ended_on == JOINED


def test_returning_to_active_does_not_put_the_member_back_in_a_group():
    group = SmallGroupFactory()
    member = fill_small_group(group, 1)[0]
    services.change_member_status(
        actor=TEST_ACTOR, member=member, status=MemberStatus.RESIGNED, on=LEFT
    )

    services.change_member_status(
        actor=TEST_ACTOR, member=member, status=MemberStatus.ACTIVE, on=LEFT
    )

    assert current_count(group) == 0


def test_unknown_status_is_refused_and_nothing_changes():
    group = SmallGroupFactory()
    member = fill_small_group(group, 1)[0]

    with pytest.raises(ValidationError) as excinfo:
        services.change_member_status(actor=TEST_ACTOR, member=member, status="on_leave", on=LEFT)

    assert [error.code for error in excinfo.value.error_dict["status"]] == ["invalid_choice"]
    assert Member.objects.get(pk=member.pk).status == MemberStatus.ACTIVE
    assert current_count(group) == 1
