"""The roster models' rules, in full_clean and in the database's own constraints and trigger."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from core.audit import acting
from groups.models import (
    LARGE_GROUP_MIN_MEMBERS,
    SMALL_GROUP_MAX_MEMBERS,
    SMALL_GROUP_MIN_MEMBERS,
    LargeGroup,
    SmallGroup,
    SmallGroupMembership,
    large_group_name,
)
from members.models import MemberStatus
from tests.factories import TEST_ACTOR
from tests.groups.factories import (
    LargeGroupFactory,
    SmallGroupFactory,
    SmallGroupMembershipFactory,
    fill_small_group,
)
from tests.members.factories import MemberFactory, PayUnitFactory
from tests.networks.factories import (
    AreaFactory,
    DistrictFactory,
    NationFactory,
    ProvinceFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _raw_writes_are_the_tests():
    """This module holds the models' own rules and the database's guards to account by writing
    rows straight to the tables, past the services, as an importer or a shell would: those
    writes are attributed to the tests (every historical row names its actor)."""
    with acting(TEST_ACTOR):
        yield


JOINED = datetime.date(2016, 2, 1)
LEFT = datetime.date(2018, 3, 31)


def field_codes(excinfo, field):
    return [error.code for error in excinfo.value.error_dict[field]]


def constraint_message(model, name):
    constraint = next(c for c in model._meta.constraints if c.name == name)
    return str(constraint.violation_error_message)


def current_count(small_group):
    return small_group.memberships.filter(ended_on__isnull=True).count()


def raw_members(small_group, count, **fields):
    """Current members written straight to the table, as an importer or a shell would."""
    return SmallGroupMembershipFactory.create_batch(count, small_group=small_group, **fields)


def unsaved_membership(small_group, member=None, **fields):
    member = member or MemberFactory(pay_unit=small_group.pay_unit)
    return SmallGroupMembership(
        small_group=small_group,
        member=member,
        started_on=fields.pop("started_on", JOINED),
        **fields,
    )


# --- Large groups: the official name -------------------------------------------------------


def test_name_of_the_only_group_in_a_district_has_no_number():
    assert large_group_name("ไทรงาม", 1, 1) == "เครือข่ายพัฒนาชีวิตครูอำเภอไทรงาม"


@pytest.mark.parametrize(("number", "total"), [(1, 2), (2, 2), (3, 3)])
def test_name_in_a_district_with_several_groups_ends_with_the_number(number, total):
    assert (
        large_group_name("คลองลาน", number, total)
        == f"เครือข่ายพัฒนาชีวิตครูอำเภอคลองลาน กลุ่มใหญ่ที่ {number}"
    )


# --- Large groups: the provincial approval -------------------------------------------------


def unsaved_large_group(**fields):
    area = AreaFactory()
    district = DistrictFactory(province=area.parent)
    values = {
        "area": area,
        "district": district,
        "number": 1,
        "name": large_group_name(district.name, 1, 1),
        "founded_on": datetime.date(2015, 6, 1),
    }
    return LargeGroup(**(values | fields))


@pytest.mark.parametrize(
    ("approval_date", "approval_reference"),
    [(None, ""), (datetime.date(2024, 5, 20), "มติคณะกรรมการจังหวัด ครั้งที่ 2/2567")],
)
def test_approval_date_and_reference_together_or_neither_are_accepted(
    approval_date, approval_reference
):
    unsaved_large_group(
        approval_date=approval_date, approval_reference=approval_reference
    ).full_clean()


@pytest.mark.parametrize(
    ("approval_date", "approval_reference", "field"),
    [
        (datetime.date(2024, 5, 20), "", "approval_reference"),
        (None, "มติ 2/2567", "approval_date"),
    ],
)
def test_approval_date_without_reference_or_reference_without_date_is_refused(
    approval_date, approval_reference, field
):
    group = unsaved_large_group(approval_date=approval_date, approval_reference=approval_reference)

    with pytest.raises(ValidationError) as excinfo:
        group.full_clean()

    # The message sits on the missing half, which is what the person has to fill in.
    assert list(excinfo.value.error_dict) == [field]


def test_incomplete_approval_is_refused_with_a_code():
    group = unsaved_large_group(approval_date=datetime.date(2024, 5, 20))

    with pytest.raises(ValidationError) as excinfo:
        group.full_clean()

    assert None not in field_codes(excinfo, "approval_reference")


@pytest.mark.parametrize(
    ("approval_date", "approval_reference"),
    [(datetime.date(2024, 5, 20), ""), (None, "มติ 2/2567")],
)
def test_database_refuses_half_an_approval(approval_date, approval_reference):
    group = unsaved_large_group(approval_date=approval_date, approval_reference=approval_reference)

    with pytest.raises(IntegrityError):
        group.save()


def test_large_group_outside_an_area_network_is_refused():
    group = unsaved_large_group(area=ProvinceFactory())

    with pytest.raises(ValidationError) as excinfo:
        group.full_clean()

    assert "area" in excinfo.value.error_dict


def test_database_refuses_number_zero_and_a_repeated_number_in_a_district():
    group = LargeGroupFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        unsaved_large_group(number=0).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        LargeGroup.objects.create(
            area=group.area, district=group.district, number=1, name="x", founded_on=JOINED
        )
    LargeGroup.objects.create(
        area=group.area, district=group.district, number=2, name="y", founded_on=JOINED
    )


# --- Large groups: 50 active members or the provincial approval ---------------------------


def large_group_with_members(count, **group_fields):
    """A large group whose `count` active members fill small groups of ten, through the service."""
    large_group = LargeGroupFactory(**group_fields)
    remaining = count
    while remaining > 0:
        batch = min(remaining, SMALL_GROUP_MAX_MEMBERS)
        fill_small_group(SmallGroupFactory(large_group=large_group), batch)
        remaining -= batch
    return large_group


def test_large_group_with_49_active_members_is_flagged():
    group = large_group_with_members(LARGE_GROUP_MIN_MEMBERS - 1)

    assert list(LargeGroup.objects.flagged()) == [group]
    assert LargeGroup.objects.with_counts().get().active_member_count == 49


def test_large_group_with_50_active_members_is_not_flagged():
    large_group_with_members(LARGE_GROUP_MIN_MEMBERS)

    assert not LargeGroup.objects.flagged().exists()
    assert not LargeGroup.objects.under_size().exists()


def test_large_group_with_49_members_and_the_provincial_approval_is_not_flagged():
    group = large_group_with_members(
        49, approval_date=datetime.date(2024, 5, 20), approval_reference="มติ 2/2567"
    )

    assert not LargeGroup.objects.flagged().exists()
    # Still under size: the approval excuses it, it does not hide the count.
    assert list(LargeGroup.objects.under_size()) == [group]
    assert group.has_provincial_approval


def test_large_group_without_members_is_flagged():
    group = LargeGroupFactory()
    SmallGroupFactory(large_group=group)

    assert list(LargeGroup.objects.flagged()) == [group]


def test_members_who_left_the_programme_do_not_count_towards_50():
    group = large_group_with_members(50)
    # A status changed by a raw write (past the service, which would also end the membership).
    member = SmallGroupMembership.objects.filter(small_group__large_group=group).first().member
    member.status = MemberStatus.RETIRED
    member.save()

    assert list(LargeGroup.objects.flagged()) == [group]


def test_ended_memberships_do_not_count_towards_50():
    group = large_group_with_members(50)
    SmallGroupMembership.objects.filter(
        pk=SmallGroupMembership.objects.filter(small_group__large_group=group).first().pk
    ).update(ended_on=LEFT)

    assert list(LargeGroup.objects.flagged()) == [group]


def test_with_counts_counts_small_groups_once_and_members_of_this_group_only():
    group = large_group_with_members(23)  # small groups of 10, 10 and 3
    SmallGroupFactory(large_group=group)  # and an empty one
    large_group_with_members(7)  # another large group

    counted = LargeGroup.objects.with_counts().get(pk=group.pk)

    assert counted.small_group_count == 4
    assert counted.active_member_count == 23


@pytest.mark.parametrize("groups", [1, 4])
def test_flagged_list_is_one_query_whatever_its_length(groups, django_assert_num_queries):
    for _index in range(groups):
        fill_small_group(SmallGroupFactory(), 3)

    # One SELECT with the counts annotated; reading the counts costs nothing more.
    with django_assert_num_queries(1):
        counts = [group.active_member_count for group in LargeGroup.objects.flagged()]

    assert counts == [3] * groups


def test_in_network_finds_the_large_groups_below_any_level():
    nation = NationFactory()
    province = ProvinceFactory(parent=RegionFactory(parent=nation))
    area = AreaFactory(parent=province)
    here = LargeGroupFactory(area=area)
    elsewhere = LargeGroupFactory(area=AreaFactory(parent=province))
    LargeGroupFactory(area=AreaFactory(parent=ProvinceFactory(name="จังหวัดอื่น")))

    assert list(LargeGroup.objects.in_network(area)) == [here]
    assert set(LargeGroup.objects.in_network(province)) == {here, elsewhere}
    assert LargeGroup.objects.in_network(nation).count() == 2


# --- Small groups: complete only with five active members ---------------------------------


def test_small_group_with_4_active_members_is_incomplete():
    group = SmallGroupFactory()
    fill_small_group(group, SMALL_GROUP_MIN_MEMBERS - 1)

    assert not group.is_complete
    assert not SmallGroup.objects.with_counts().get().is_complete
    assert list(SmallGroup.objects.incomplete()) == [group]
    assert not SmallGroup.objects.complete().exists()


def test_small_group_with_5_active_members_is_complete():
    group = SmallGroupFactory()
    fill_small_group(group, SMALL_GROUP_MIN_MEMBERS)

    assert group.is_complete
    assert SmallGroup.objects.with_counts().get().is_complete
    assert list(SmallGroup.objects.complete()) == [group]
    assert not SmallGroup.objects.incomplete().exists()


def test_small_group_with_10_members_is_complete():
    group = SmallGroupFactory()
    fill_small_group(group, SMALL_GROUP_MAX_MEMBERS)

    assert group.is_complete


def test_new_small_group_is_incomplete():
    group = SmallGroupFactory()

    assert not group.is_complete
    assert list(SmallGroup.objects.incomplete()) == [group]


def test_five_current_members_with_one_retired_is_not_shown_complete():
    group = SmallGroupFactory()
    fill_small_group(group, 4)
    raw_members(group, 1, member__status=MemberStatus.RETIRED)

    counted = SmallGroup.objects.with_counts().get()
    assert (counted.member_count, counted.active_member_count) == (5, 4)
    assert not counted.is_complete
    assert not group.is_complete
    assert list(SmallGroup.objects.incomplete()) == [group]


def test_an_ended_membership_makes_a_group_of_five_incomplete():
    group = SmallGroupFactory()
    fill_small_group(group, 5)
    group.memberships.filter(pk=group.memberships.first().pk).update(ended_on=LEFT)

    assert not group.is_complete
    assert list(SmallGroup.objects.incomplete()) == [group]


@pytest.mark.parametrize("groups", [1, 5])
def test_listing_small_groups_with_completeness_is_one_query(groups, django_assert_num_queries):
    for _index in range(groups):
        fill_small_group(SmallGroupFactory(), 5)

    # One SELECT with both counts annotated; is_complete reads the annotation, not the database.
    with django_assert_num_queries(1):
        complete = [group.is_complete for group in SmallGroup.objects.with_counts()]

    assert complete == [True] * groups


def test_database_refuses_small_group_number_zero_and_a_repeated_number():
    group = SmallGroupFactory()
    fields = {"large_group": group.large_group, "pay_unit": group.pay_unit, "founded_on": JOINED}

    with pytest.raises(IntegrityError), transaction.atomic():
        SmallGroup.objects.create(number=0, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        SmallGroup.objects.create(number=1, **fields)
    SmallGroup.objects.create(number=2, **fields)


# --- Memberships: the pay unit -------------------------------------------------------------


def test_member_of_the_groups_pay_unit_is_accepted():
    group = SmallGroupFactory()

    unsaved_membership(group).full_clean()


def test_member_of_another_pay_unit_is_refused():
    group = SmallGroupFactory()
    neighbour = PayUnitFactory(area=group.pay_unit.area)
    membership = unsaved_membership(group, MemberFactory(pay_unit=neighbour))

    with pytest.raises(ValidationError) as excinfo:
        membership.full_clean()

    assert field_codes(excinfo, "member") == ["pay_unit_mismatch"]
    message = excinfo.value.message_dict["member"][0]
    assert neighbour.name in message
    assert group.pay_unit.name in message


def test_member_posted_to_another_pay_unit_keeps_the_small_group_place():
    # DOMAIN.md: a member posted elsewhere keeps the old group until a move is approved.
    group = SmallGroupFactory()
    member = fill_small_group(group, 1)[0]
    member.pay_unit = PayUnitFactory(area=group.pay_unit.area)

    member.full_clean()
    member.save()

    assert group.memberships.get().member == member


def test_posted_member_place_can_still_be_ended():
    group = SmallGroupFactory()
    member = fill_small_group(group, 1)[0]
    member.pay_unit = PayUnitFactory(area=group.pay_unit.area)
    member.save()
    membership = group.memberships.get()
    membership.ended_on = datetime.date(2025, 1, 1)

    membership.full_clean()


def test_posted_member_cannot_join_a_group_of_the_old_pay_unit():
    group = SmallGroupFactory()
    member = fill_small_group(group, 1)[0]
    membership = group.memberships.get()
    membership.ended_on = datetime.date(2025, 1, 1)
    membership.save()
    member.pay_unit = PayUnitFactory(area=group.pay_unit.area)
    member.save()
    rejoin = SmallGroupMembership(
        small_group=group, member=member, started_on=datetime.date(2025, 2, 1)
    )

    with pytest.raises(ValidationError) as excinfo:
        rejoin.full_clean()

    assert field_codes(excinfo, "member") == ["pay_unit_mismatch"]


def test_member_whose_small_group_place_ended_can_change_pay_unit():
    group = SmallGroupFactory()
    raw_members(group, 1, ended_on=LEFT)
    member = group.memberships.get().member
    member.pay_unit = PayUnitFactory(area=group.pay_unit.area)

    member.full_clean()


def test_small_group_with_current_members_cannot_change_pay_unit():
    group = SmallGroupFactory()
    fill_small_group(group, 5)
    group.pay_unit = PayUnitFactory(area=group.pay_unit.area)

    with pytest.raises(ValidationError) as excinfo:
        group.full_clean()

    assert list(excinfo.value.error_dict) == ["pay_unit"]


def test_small_group_with_current_members_cannot_change_pay_unit_says_why_by_code():
    group = SmallGroupFactory()
    fill_small_group(group, 1)
    group.pay_unit = PayUnitFactory(area=group.pay_unit.area)

    with pytest.raises(ValidationError) as excinfo:
        group.full_clean()

    assert field_codes(excinfo, "pay_unit") == ["pay_unit_mismatch"]


def test_small_group_with_only_past_members_can_change_pay_unit():
    group = SmallGroupFactory()
    raw_members(group, 3, ended_on=LEFT)
    group.pay_unit = PayUnitFactory(area=group.pay_unit.area)

    group.full_clean()


# --- Memberships: at most ten current members ----------------------------------------------


def test_tenth_member_passes_full_clean():
    group = SmallGroupFactory()
    raw_members(group, SMALL_GROUP_MAX_MEMBERS - 1)

    unsaved_membership(group).full_clean()


def test_eleventh_member_is_refused_by_full_clean():
    group = SmallGroupFactory()
    raw_members(group, SMALL_GROUP_MAX_MEMBERS)

    with pytest.raises(ValidationError) as excinfo:
        unsaved_membership(group).full_clean()

    assert field_codes(excinfo, NON_FIELD_ERRORS) == ["small_group_full"]
    assert excinfo.value.error_dict[NON_FIELD_ERRORS][0].params["max"] == 10


def test_ended_memberships_do_not_take_a_place():
    group = SmallGroupFactory()
    raw_members(group, SMALL_GROUP_MAX_MEMBERS - 1)
    raw_members(group, 3, ended_on=LEFT)

    unsaved_membership(group).full_clean()


def test_a_past_membership_may_be_recorded_in_a_full_group():
    group = SmallGroupFactory()
    raw_members(group, SMALL_GROUP_MAX_MEMBERS)
    membership = unsaved_membership(group, ended_on=LEFT)

    membership.full_clean()
    membership.save()

    assert current_count(group) == 10


def test_editing_a_current_member_of_a_full_group_is_accepted():
    group = SmallGroupFactory()
    memberships = raw_members(group, SMALL_GROUP_MAX_MEMBERS)
    membership = memberships[-1]
    membership.started_on = datetime.date(2016, 3, 1)

    membership.full_clean()
    membership.save()  # an UPDATE naming small_group_id and ended_on; the trigger lets it be

    membership.refresh_from_db()
    assert membership.started_on == datetime.date(2016, 3, 1)


def test_database_refuses_the_eleventh_current_member():
    group = SmallGroupFactory()
    raw_members(group, SMALL_GROUP_MAX_MEMBERS - 1)
    raw_members(group, 1)  # the tenth is fine

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        raw_members(group, 1)

    assert "small_group_full" in str(excinfo.value)
    assert current_count(group) == 10


def test_database_refuses_a_bulk_create_that_passes_ten():
    group = SmallGroupFactory()
    raw_members(group, 8)
    members = MemberFactory.create_batch(3, pay_unit=group.pay_unit)

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        SmallGroupMembership.objects.bulk_create(
            [unsaved_membership(group, member) for member in members]
        )

    assert "small_group_full" in str(excinfo.value)
    assert current_count(group) == 8


def test_database_accepts_a_bulk_create_of_exactly_ten():
    group = SmallGroupFactory()
    members = MemberFactory.create_batch(10, pay_unit=group.pay_unit)

    SmallGroupMembership.objects.bulk_create(
        [unsaved_membership(group, member) for member in members]
    )

    assert current_count(group) == 10


def test_ending_a_membership_frees_a_place():
    group = SmallGroupFactory()
    memberships = raw_members(group, SMALL_GROUP_MAX_MEMBERS)
    memberships[0].ended_on = LEFT
    memberships[0].save()

    raw_members(group, 1)

    assert current_count(group) == 10


def test_reactivating_an_ended_membership_in_a_full_group_is_refused():
    group = SmallGroupFactory()
    ended = raw_members(group, 1, ended_on=LEFT)[0]
    raw_members(group, SMALL_GROUP_MAX_MEMBERS)
    ended.ended_on = None

    with pytest.raises(ValidationError) as excinfo:
        ended.full_clean()
    assert field_codes(excinfo, NON_FIELD_ERRORS) == ["small_group_full"]

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        ended.save()
    assert "small_group_full" in str(excinfo.value)

    with pytest.raises(IntegrityError), transaction.atomic():
        SmallGroupMembership.objects.filter(pk=ended.pk).update(ended_on=None)
    assert current_count(group) == 10


def test_reactivating_an_ended_membership_with_a_free_place_is_accepted():
    group = SmallGroupFactory()
    ended = raw_members(group, 1, ended_on=LEFT)[0]
    raw_members(group, SMALL_GROUP_MAX_MEMBERS - 1)

    SmallGroupMembership.objects.filter(pk=ended.pk).update(ended_on=None)

    assert current_count(group) == 10


def test_database_refuses_moving_a_current_membership_into_a_full_group():
    full = SmallGroupFactory()
    raw_members(full, SMALL_GROUP_MAX_MEMBERS)
    other = SmallGroupFactory(large_group=full.large_group, pay_unit=full.pay_unit)
    moving = raw_members(other, 1)[0]

    with pytest.raises(IntegrityError), transaction.atomic():
        SmallGroupMembership.objects.filter(pk=moving.pk).update(small_group=full)

    assert current_count(full) == 10
    assert current_count(other) == 1


def test_database_accepts_moving_a_current_membership_into_a_group_of_nine():
    target = SmallGroupFactory()
    raw_members(target, SMALL_GROUP_MAX_MEMBERS - 1)
    other = SmallGroupFactory(large_group=target.large_group, pay_unit=target.pay_unit)
    moving = raw_members(other, 1)[0]

    SmallGroupMembership.objects.filter(pk=moving.pk).update(small_group=target)

    assert current_count(target) == 10


# --- Memberships: one current small group per member --------------------------------------


def test_member_in_a_current_group_cannot_be_in_a_second_one():
    first = SmallGroupFactory()
    member = raw_members(first, 1)[0].member
    second = SmallGroupFactory(large_group=first.large_group, pay_unit=first.pay_unit)

    with pytest.raises(ValidationError) as excinfo:
        unsaved_membership(second, member).full_clean()

    assert excinfo.value.message_dict[NON_FIELD_ERRORS] == [
        constraint_message(SmallGroupMembership, "membership_one_current_group_per_member")
    ]
    with pytest.raises(IntegrityError):
        unsaved_membership(second, member).save()


def test_member_whose_membership_ended_may_join_another_group():
    first = SmallGroupFactory()
    member = raw_members(first, 1, ended_on=LEFT)[0].member
    second = SmallGroupFactory(large_group=first.large_group, pay_unit=first.pay_unit)
    membership = unsaved_membership(second, member, started_on=LEFT)

    membership.full_clean()
    membership.save()


def test_member_may_have_several_past_memberships():
    group = SmallGroupFactory()
    member = raw_members(group, 1, ended_on=datetime.date(2017, 1, 1))[0].member
    membership = unsaved_membership(group, member, ended_on=LEFT)

    membership.full_clean()
    membership.save()


# --- Memberships: end date ------------------------------------------------------------------


def test_membership_ending_before_it_started_is_refused():
    group = SmallGroupFactory()
    membership = unsaved_membership(group, ended_on=JOINED - datetime.timedelta(days=1))

    with pytest.raises(ValidationError) as excinfo:
        membership.full_clean()
    assert excinfo.value.message_dict[NON_FIELD_ERRORS] == [
        constraint_message(SmallGroupMembership, "membership_ends_after_start")
    ]

    with pytest.raises(IntegrityError):
        membership.save()


def test_membership_ending_the_day_it_started_is_accepted():
    membership = unsaved_membership(SmallGroupFactory(), ended_on=JOINED)

    membership.full_clean()
    membership.save()
    assert not membership.is_current
