"""members.services: pay units and members are written validated and attributed; a member who
holds a place, a seat or a loan is not deleted, and the message says to change the status."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from core.audit import Actor
from core.history import historical_model
from core.models import ActorKind
from members import services
from members.models import Member, MemberStatus, PayUnit, Title
from tests.factories import TEST_ACTOR
from tests.groups.factories import CommitteeSeatFactory, SmallGroupFactory, fill_small_group
from tests.loans.factories import LoanFactory
from tests.members.factories import MemberFactory, PayUnitFactory, valid_national_id
from tests.networks.factories import AreaFactory

pytestmark = pytest.mark.django_db


def last_history(model, pk):
    return historical_model(model).objects.filter(id=pk).order_by("-history_id").first()


def unsaved_members(count, pay_unit, start=0, **fields):
    return [
        Member(
            member_number=f"B{start + index:06d}",
            title=Title.MRS,
            first_name="สมศรี",
            last_name=f"ทดสอบ{index}",
            national_id=valid_national_id(500_000 + start + index),
            pay_unit=pay_unit,
            joined_on=datetime.date(2020, 1, 15),
            **fields,
        )
        for index in range(count)
    ]


# --- Pay units --------------------------------------------------------------------------------


def test_pay_unit_is_created_with_a_blank_code_stored_as_none():
    unit = services.create_pay_unit(
        actor=TEST_ACTOR, name="โรงเรียนบ้านทดสอบ", area=AreaFactory(), code=""
    )

    assert unit.code is None
    assert last_history(PayUnit, unit.pk).history_actor == TEST_ACTOR.name


def test_pay_unit_outside_an_area_network_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        services.create_pay_unit(actor=TEST_ACTOR, name="โรงเรียนผิด", area=AreaFactory().parent)

    assert "area" in excinfo.value.error_dict
    assert not PayUnit.objects.filter(name="โรงเรียนผิด").exists()


def test_pay_unit_with_members_is_not_deleted():
    unit = MemberFactory().pay_unit

    with pytest.raises(ValidationError, match="ย้ายสมาชิกและกลุ่มย่อย"):
        services.delete_pay_unit(actor=TEST_ACTOR, pay_unit=unit)

    services.update_pay_unit(actor=TEST_ACTOR, pay_unit=unit, name="โรงเรียนชื่อใหม่")
    assert PayUnit.objects.get(pk=unit.pk).name == "โรงเรียนชื่อใหม่"


# --- Members ----------------------------------------------------------------------------------


def test_update_member_writes_only_the_fields_named():
    member = MemberFactory(last_name="ใจดี")
    member.status = MemberStatus.RETIRED  # changed in memory only: not this service's to write

    services.update_member(actor=TEST_ACTOR, member=member, last_name="ใจงาม")

    stored = Member.objects.get(pk=member.pk)
    assert (stored.last_name, stored.status) == ("ใจงาม", MemberStatus.ACTIVE)


def test_the_status_is_not_changed_by_update_member():
    # Leaving the programme ends the group place: groups.services.change_member_status does it.
    with pytest.raises(TypeError, match="status"):
        services.update_member(
            actor=TEST_ACTOR, member=MemberFactory(), status=MemberStatus.RETIRED
        )


def test_a_duplicate_national_id_is_refused_on_its_field():
    existing = MemberFactory()

    with pytest.raises(ValidationError) as excinfo:
        services.update_member(
            actor=TEST_ACTOR, member=MemberFactory(), national_id=existing.national_id
        )

    assert "national_id" in excinfo.value.error_dict


def in_a_small_group():
    return fill_small_group(SmallGroupFactory(), 1)[0]


def on_a_committee():
    return CommitteeSeatFactory().member


def a_borrower():
    return LoanFactory().borrower


@pytest.mark.parametrize(
    ("make", "records"),
    [
        (in_a_small_group, "สมาชิกกลุ่มย่อย 1 รายการ"),
        (on_a_committee, "ตำแหน่งกรรมการ 1 รายการ"),
        (a_borrower, "สัญญาเงินกู้ 1 รายการ"),
    ],
)
def test_a_member_with_a_place_seat_or_loan_is_not_deleted(make, records):
    member = make()

    with pytest.raises(ValidationError) as excinfo:
        services.delete_member(actor=TEST_ACTOR, member=member)

    message = excinfo.value.messages[0]
    assert records in message
    assert "เปลี่ยนสถานะของสมาชิก" in message
    assert Member.objects.filter(pk=member.pk).exists()


def test_a_member_entered_by_mistake_is_deleted_with_the_history_kept():
    member = MemberFactory()

    services.delete_member(actor=TEST_ACTOR, member=member)

    assert not Member.objects.filter(pk=member.pk).exists()
    assert last_history(Member, member.pk).history_type == "-"


# --- Bulk --------------------------------------------------------------------------------------


def test_bulk_create_writes_each_member_with_its_history():
    members = services.bulk_create_members(
        actor=Actor.demo(), members=unsaved_members(3, PayUnitFactory())
    )

    assert all(member.pk for member in members)
    rows = historical_model(Member).objects.filter(id__in=[member.pk for member in members])
    assert (
        sorted(rows.values_list("history_type", "history_actor_kind"))
        == [("+", ActorKind.DEMO)] * 3
    )


@pytest.mark.parametrize("size", [3, 9])
def test_bulk_create_reads_a_fixed_number_of_queries(django_assert_num_queries, size):
    pay_unit = PayUnitFactory()
    members = unsaved_members(size, pay_unit)
    # The service's savepoint and its release; one query each for the batch's pay units,
    # member numbers and national IDs; the members' INSERT and their historical rows' INSERT.
    with django_assert_num_queries(7):
        services.bulk_create_members(actor=TEST_ACTOR, members=members)


def test_bulk_create_refuses_a_national_id_repeated_in_the_batch_and_saves_nothing():
    pay_unit = PayUnitFactory()
    members = unsaved_members(3, pay_unit)
    members[2].national_id = members[0].national_id

    with pytest.raises(ValidationError) as excinfo:
        services.bulk_create_members(actor=TEST_ACTOR, members=members)

    assert "national_id" in excinfo.value.error_dict
    assert not Member.objects.filter(pay_unit=pay_unit).exists()


def test_bulk_create_refuses_a_member_number_already_stored():
    existing = MemberFactory()
    members = unsaved_members(2, existing.pay_unit)
    members[1].member_number = existing.member_number

    with pytest.raises(ValidationError) as excinfo:
        services.bulk_create_members(actor=TEST_ACTOR, members=members)

    message = excinfo.value.messages[0]
    assert existing.member_number in message
    assert Member.objects.count() == 1


def test_bulk_create_validates_the_national_id_check_digit():
    members = unsaved_members(1, PayUnitFactory())
    members[0].national_id = members[0].national_id[:12] + str(
        (int(members[0].national_id[12]) + 1) % 10
    )

    with pytest.raises(ValidationError) as excinfo:
        services.bulk_create_members(actor=TEST_ACTOR, members=members)

    assert "national_id" in excinfo.value.error_dict


def test_bulk_create_refuses_a_pay_unit_that_is_not_there():
    members = unsaved_members(1, PayUnitFactory())
    members[0].pay_unit_id = 999_999

    with pytest.raises(ValidationError) as excinfo:
        services.bulk_create_members(actor=TEST_ACTOR, members=members)

    assert "pay_unit" in excinfo.value.error_dict
    assert not Member.objects.exists()
