"""Members and pay units: a valid, unique national ID, a known status, a pay unit in an area."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from members import services
from members.models import Member, MemberStatus, PayUnit, Title
from networks.models import Level
from tests.factories import TEST_ACTOR
from tests.members.factories import (
    MemberFactory,
    PayUnitFactory,
    namesakes,
    twin_pay_units,
    valid_national_id,
)
from tests.networks.factories import AreaFactory, DistrictFactory, ProvinceFactory

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


# The national ID is kept as its 13 digits on every path -------------------------------------


def test_an_id_with_dashes_is_stored_as_13_digits_even_without_full_clean():
    typed = dashed(valid_national_id(11))

    member = MemberFactory(national_id=typed)
    (bulk,) = Member.objects.bulk_create(
        [MemberFactory.build(national_id=dashed(valid_national_id(12)), pay_unit=member.pay_unit)]
    )

    stored = dict(Member.objects.values_list("pk", "national_id"))
    assert stored == {member.pk: valid_national_id(11), bulk.pk: valid_national_id(12)}


def test_a_lookup_by_the_id_as_typed_finds_the_member():
    member = MemberFactory(national_id=valid_national_id(13))

    assert Member.objects.get(national_id=dashed(valid_national_id(13))) == member
    assert list(Member.objects.filter(national_id__in=[dashed(member.national_id)])) == [member]


def test_search_finds_the_id_typed_with_spaces():
    member = MemberFactory(national_id=valid_national_id(123456789))
    MemberFactory(national_id=valid_national_id(1))

    assert list(Member.objects.search(dashed(member.national_id).replace("-", " "))) == [member]


# Choice labels: how pay units and members read in pickers and messages ----------------------


def test_a_pay_unit_reads_with_its_district_and_code():
    unit = PayUnitFactory(
        name="โรงเรียนบ้านหนองไม้", code="1062020012", district=DistrictFactory(name="คลองขลุง")
    )

    assert unit.choice_label == "โรงเรียนบ้านหนองไม้ (อ.คลองขลุง · 1062020012)"
    assert str(unit) == "โรงเรียนบ้านหนองไม้"


def test_a_pay_unit_without_a_code_reads_with_its_area_where_its_name_is_unique():
    unit = PayUnitFactory(name="โรงเรียนบ้านหนองไม้", area__short_name="สพป.กพ. เขต 2")

    assert unit.choice_label == "โรงเรียนบ้านหนองไม้ (สพป.กพ. เขต 2)"
    unit.district = DistrictFactory(name="คลองขลุง")
    assert unit.choice_label == "โรงเรียนบ้านหนองไม้ (อ.คลองขลุง · สพป.กพ. เขต 2)"


def test_twin_schools_share_a_name_and_not_a_label():
    first, second = twin_pay_units()

    assert str(first) == str(second)
    assert first.choice_label != second.choice_label


def test_a_member_reads_with_number_pay_unit_and_the_ids_last_four_digits():
    member = MemberFactory(
        title="นาง",
        first_name="สมศรี",
        last_name="ใจดี",
        member_number="KPP00012",
        national_id=valid_national_id(620101205),
        pay_unit__name="โรงเรียนบ้านหนองไม้",
    )
    last_four = valid_national_id(620101205)[-4:]

    assert member.choice_label == f"นางสมศรี ใจดี · KPP00012 · โรงเรียนบ้านหนองไม้ · ···{last_four}"
    # The name alone elsewhere: public pages never show a digit of the ID.
    assert str(member) == "นางสมศรี ใจดี"


def test_namesakes_share_a_name_and_not_a_label():
    twins = twin_pay_units()
    members = namesakes([twins[0], twins[1], twins[1]])

    assert len({str(member) for member in members}) == 1
    assert len({member.choice_label for member in members}) == 3


@pytest.mark.parametrize("count", [2, 12])
def test_labels_of_any_number_of_records_cost_one_query(django_assert_num_queries, count):
    for unit in PayUnitFactory.create_batch(count, district=DistrictFactory()):
        MemberFactory(pay_unit=unit)

    with django_assert_num_queries(1):
        assert len([member.choice_label for member in Member.objects.labelled()]) == count
    with django_assert_num_queries(1):
        assert len([unit.choice_label for unit in PayUnit.objects.labelled()]) == count
