"""Members and pay units: a valid, unique national ID, a known status, a pay unit in an area."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from members import services
from members.models import Member, MemberStatus, PayUnit, Title
from networks.models import Level
from tests.factories import TEST_ACTOR
from tests.members.factories import MemberFactory, PayUnitFactory, valid_national_id
from tests.networks.factories import AreaFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


def field_codes(excinfo, field):
    return [error.code for error in excinfo.value.error_dict[field]]


def dashed(national_id: str) -> str:
    return "-".join(
        [national_id[:1], national_id[1:5], national_id[5:10], national_id[10:12], national_id[12:]]
    )


def test_valid_member_passes_full_clean():
    MemberFactory().full_clean()


def test_national_id_typed_with_dashes_is_stored_as_13_digits():
    member = services.create_member(
        actor=TEST_ACTOR,
        member_number="T9000001",
        title=Title.MRS,
        first_name="สมศรี",
        last_name="ใจดี",
        national_id=dashed(valid_national_id(7)),
        pay_unit=PayUnitFactory(),
        joined_on=datetime.date(2020, 1, 15),
    )

    member.refresh_from_db()
    assert member.national_id == valid_national_id(7)


def test_wrong_check_digit_is_refused_on_the_field():
    national_id = valid_national_id(8)
    wrong = national_id[:12] + str((int(national_id[12]) + 1) % 10)
    member = MemberFactory.build(national_id=wrong, pay_unit=PayUnitFactory())

    with pytest.raises(ValidationError) as excinfo:
        member.full_clean()

    assert field_codes(excinfo, "national_id") == ["national_id_checksum"]


def test_national_id_already_used_is_refused_with_a_thai_message():
    existing = MemberFactory()
    member = MemberFactory.build(national_id=existing.national_id, pay_unit=existing.pay_unit)

    with pytest.raises(ValidationError) as excinfo:
        member.full_clean()

    assert field_codes(excinfo, "national_id") == ["unique"]
    assert excinfo.value.message_dict["national_id"] == [
        str(Member._meta.get_field("national_id").error_messages["unique"])
    ]


def test_national_id_already_used_is_refused_when_typed_with_dashes():
    existing = MemberFactory()
    member = MemberFactory.build(
        national_id=dashed(existing.national_id), pay_unit=existing.pay_unit
    )

    with pytest.raises(ValidationError) as excinfo:
        member.full_clean()

    assert field_codes(excinfo, "national_id") == ["unique"]


def test_database_refuses_a_second_member_with_the_same_national_id():
    existing = MemberFactory()

    with pytest.raises(IntegrityError):
        MemberFactory(national_id=existing.national_id)


def test_a_different_valid_national_id_is_accepted_beside_an_existing_one():
    MemberFactory(national_id=valid_national_id(1))
    MemberFactory.build(national_id=valid_national_id(2), pay_unit=PayUnitFactory()).full_clean()


@pytest.mark.parametrize("national_id", ["312345678901", ""])
def test_database_refuses_a_national_id_that_is_not_13_characters(national_id):
    # Raw writes skip full_clean; the check constraint still holds the length.
    with pytest.raises(IntegrityError):
        MemberFactory(national_id=national_id)


def test_database_accepts_a_13_character_national_id():
    assert MemberFactory(national_id=valid_national_id(3)).pk


def test_database_refuses_an_unknown_status():
    with pytest.raises(IntegrityError):
        MemberFactory(status="on_leave")


def test_unknown_status_is_refused_by_full_clean():
    member = MemberFactory.build(status="on_leave", pay_unit=PayUnitFactory())

    with pytest.raises(ValidationError) as excinfo:
        member.full_clean()

    assert field_codes(excinfo, "status") == ["invalid_choice"]


def test_member_number_is_unique():
    existing = MemberFactory()
    member = MemberFactory.build(member_number=existing.member_number, pay_unit=existing.pay_unit)

    with pytest.raises(ValidationError) as excinfo:
        member.full_clean()

    assert field_codes(excinfo, "member_number") == ["unique"]


def test_active_leaves_out_members_who_left():
    active = MemberFactory()
    for status in MemberStatus.values:
        if status != MemberStatus.ACTIVE:
            MemberFactory(status=status)

    assert list(Member.objects.active()) == [active]


def test_full_name_joins_title_and_names():
    member = MemberFactory.build(title="นางสาว", first_name="มาลี", last_name="ใจดี")

    assert member.full_name == "นางสาวมาลี ใจดี"
    assert str(member) == "นางสาวมาลี ใจดี"


def test_search_finds_by_name_member_number_and_id_prefix():
    member = MemberFactory(
        first_name="สมศรี",
        last_name="ทองดี",
        member_number="KP0001",
        national_id=valid_national_id(123456789),
    )
    MemberFactory(first_name="สมชาย", last_name="ศรีสุข", national_id=valid_national_id(1))

    assert list(Member.objects.search("ทองดี")) == [member]
    assert list(Member.objects.search("kp0001")) == [member]
    # An ID prefix typed with a dash, as on the card.
    assert list(Member.objects.search(dashed(member.national_id)[:10])) == [member]
    assert Member.objects.search("  ").count() == 2


def test_pay_unit_in_an_area_is_accepted():
    PayUnitFactory.build(area=AreaFactory()).full_clean()


def test_pay_unit_outside_an_area_is_refused():
    pay_unit = PayUnit(name="โรงเรียนทดสอบ", area=ProvinceFactory())
    assert pay_unit.area.level == Level.PROVINCE

    with pytest.raises(ValidationError) as excinfo:
        pay_unit.full_clean()

    assert "area" in excinfo.value.error_dict


def test_pay_unit_outside_an_area_says_why_by_code():
    pay_unit = PayUnit(name="โรงเรียนทดสอบ", area=ProvinceFactory())

    with pytest.raises(ValidationError) as excinfo:
        pay_unit.full_clean()

    # The foreign key's own limit_choices_to check adds a generic "invalid" beside it.
    assert "pay_unit_area" in field_codes(excinfo, "area")


def test_pay_unit_name_is_unique_within_an_area_only():
    existing = PayUnitFactory(name="โรงเรียนบ้านทดสอบ")

    PayUnit(name="โรงเรียนบ้านทดสอบ", area=AreaFactory()).full_clean()
    with pytest.raises(ValidationError) as excinfo:
        PayUnit(name="โรงเรียนบ้านทดสอบ", area=existing.area).full_clean()
    assert field_codes(excinfo, NON_FIELD_ERRORS) == ["unique_together"]
    with pytest.raises(IntegrityError), transaction.atomic():
        PayUnit.objects.create(name="โรงเรียนบ้านทดสอบ", area=existing.area)


def test_pay_unit_code_is_optional_but_unique():
    PayUnitFactory(code=None)
    PayUnitFactory(code=None)
    PayUnitFactory(code="1062000001")

    with pytest.raises(IntegrityError):
        PayUnitFactory(code="1062000001")
