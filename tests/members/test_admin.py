"""The member admin: an ID typed as on the card is kept as 13 digits and found in either form;
members and pay units read by their choice labels in every picker, at a fixed query count."""

import json
import re

import pytest
from django.urls import reverse

from members.models import Member, MemberStatus, Title
from tests.members.factories import (
    MemberFactory,
    PayUnitFactory,
    dashed,
    namesakes,
    spaced,
    twin_pay_units,
    valid_national_id,
)

pytestmark = pytest.mark.django_db

ADD = "admin:members_member_add"
CHANGELIST = "admin:members_member_changelist"
NATIONAL_ID = valid_national_id(620101205)


def management_forms(response) -> dict:
    """The inline formsets' management fields, as the page sent them."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
    return data


def member_form(client, pay_unit, **fields) -> dict:
    return {
        **management_forms(client.get(reverse(ADD))),
        "member_number": "KPP09001",
        "title": Title.MRS,
        "first_name": "สมศรี",
        "last_name": "ใจดี",
        "national_id": NATIONAL_ID,
        "pay_unit": pay_unit.pk,
        "phone": "081-234-5678",
        "email": "",
        "status": MemberStatus.ACTIVE,
        "joined_on": "15/01/2563",
        **fields,
    }


def post_member(client, admin_user, data):
    return client.post(reverse(ADD), data)


def input_tag(html: str, name: str) -> str:
    (tag,) = re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
    return tag


@pytest.mark.parametrize("typed", [dashed, spaced, lambda number: f"  {number} "])
def test_an_id_typed_as_on_the_card_is_stored_as_13_digits(admin_client, admin_user, typed):
    pay_unit = PayUnitFactory()
    data = member_form(admin_client, pay_unit, national_id=typed(NATIONAL_ID))

    response = post_member(admin_client, admin_user, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Member.objects.get().national_id == NATIONAL_ID


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (dashed(NATIONAL_ID)[:-2], "เลขประจำตัวประชาชนต้องมี 13 หลัก (กรอกมา 12 หลัก)"),
        (dashed(NATIONAL_ID) + "1", "เลขประจำตัวประชาชนต้องมี 13 หลัก (กรอกมา 14 หลัก)"),
        # A letter O for a zero: named, not counted as a digit.
        (dashed(NATIONAL_ID).replace("0", "O", 1), "แต่ที่กรอกมามี “O”"),
        (NATIONAL_ID[:12] + str((int(NATIONAL_ID[12]) + 1) % 10), "หลักสุดท้าย (เลขตรวจสอบ)"),
    ],
)
def test_a_wrong_id_gets_the_message_of_what_is_wrong(admin_client, admin_user, typed, message):
    data = member_form(admin_client, PayUnitFactory(), national_id=typed)

    response = post_member(admin_client, admin_user, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["national_id"]
    assert message in errors["national_id"][0]
    # What was typed is shown back as typed, to be corrected.
    assert f'value="{typed}"' in response.content.decode()
    assert not Member.objects.exists()


def test_an_id_already_used_is_refused_in_whichever_form_it_is_typed(admin_client, admin_user):
    existing = MemberFactory(national_id=NATIONAL_ID)
    data = member_form(admin_client, existing.pay_unit, national_id=spaced(NATIONAL_ID))

    response = post_member(admin_client, admin_user, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["national_id"] == [
        "มีสมาชิกที่ใช้เลขประจำตัวประชาชนนี้อยู่แล้ว"
    ]


def test_no_input_of_the_member_form_is_cut_by_a_maxlength(admin_client):
    html = admin_client.get(reverse(ADD)).content.decode()

    # 3-6201-01205-67-7 is 17 characters, 081-234-5678 ต่อ 1234 is 21.
    for name in ["national_id", "phone", "member_number", "first_name", "email"]:
        assert "maxlength" not in input_tag(html, name), name


def test_a_phone_longer_than_the_stored_limit_is_refused_with_the_limit(admin_client, admin_user):
    data = member_form(admin_client, PayUnitFactory(), phone="081-234-5678, 055-711-234")

    response = post_member(admin_client, admin_user, data)

    assert response.context["adminform"].form.errors["phone"] == [
        "ค่านี้ต้องมีไม่เกิน 20 ตัวอักษร (ขณะนี้มี 25 ตัว)"
    ]


# Search ---------------------------------------------------------------------------------------

FORMS_OF_THE_ID = {
    "digits": NATIONAL_ID,
    "dashes": dashed(NATIONAL_ID),
    "spaces": spaced(NATIONAL_ID),
    "first digits with a dash": dashed(NATIONAL_ID)[:6],
    "first digits with spaces": spaced(NATIONAL_ID)[:12],
}


@pytest.fixture
def searched():
    """The member looked for, and one whose ID shares only the first digit."""
    member = MemberFactory(national_id=NATIONAL_ID)
    MemberFactory(national_id=valid_national_id(999))
    return member


@pytest.mark.parametrize("term", FORMS_OF_THE_ID.values(), ids=FORMS_OF_THE_ID.keys())
def test_the_member_list_finds_the_id_in_every_form(admin_client, searched, term):
    response = admin_client.get(reverse(CHANGELIST), {"q": term})

    assert list(response.context["cl"].result_list) == [searched]


def test_the_member_list_still_finds_names_and_member_numbers(admin_client, searched):
    other = MemberFactory(first_name="สมศรี", last_name="ทองดี", member_number="KPP00123")

    for term in ["สมศรี ทองดี", "KPP0012", searched.member_number]:
        response = admin_client.get(reverse(CHANGELIST), {"q": term})
        expected = [searched] if term == searched.member_number else [other]
        assert list(response.context["cl"].result_list) == expected, term


def autocomplete(client, term, *, app_label="groups", model_name="smallgroupmembership"):
    field_name = "pay_unit" if model_name == "member" else "member"
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return json.loads(response.content)["results"]


@pytest.mark.parametrize("term", FORMS_OF_THE_ID.values(), ids=FORMS_OF_THE_ID.keys())
def test_the_member_picker_finds_the_id_in_every_form(admin_client, searched, term):
    assert [result["id"] for result in autocomplete(admin_client, term)] == [str(searched.pk)]


# Labels in the pickers ------------------------------------------------------------------------


def test_namesakes_in_the_member_picker_read_apart(admin_client):
    twins = twin_pay_units()
    members = namesakes([twins[0], twins[1], twins[1]])

    results = autocomplete(admin_client, "มาลี")

    assert {result["text"] for result in results} == {member.choice_label for member in members}
    assert len({result["text"] for result in results}) == 3
    for member in members:
        assert member.member_number in member.choice_label
        assert member.choice_label.endswith(f"···{member.national_id[-4:]}")


def test_twin_schools_in_the_pay_unit_picker_read_apart(admin_client):
    twins = twin_pay_units()

    results = autocomplete(admin_client, "หนองไม้", app_label="members", model_name="member")

    # One name, so by district.
    assert [result["text"] for result in results] == [
        "โรงเรียนบ้านหนองไม้ (อ.คลองขลุง · 1062020012)",
        "โรงเรียนบ้านหนองไม้ (อ.พรานกระต่าย · 1062010012)",
    ]
    assert [result["id"] for result in results] == [str(twins[1].pk), str(twins[0].pk)]


def test_the_chosen_pay_unit_reads_by_its_label_on_the_member_page(admin_client):
    twins = twin_pay_units()
    member = MemberFactory(pay_unit=twins[1])

    response = admin_client.get(reverse("admin:members_member_change", args=[member.pk]))

    assert f'<option value="{twins[1].pk}" selected>{twins[1].choice_label}</option>' in (
        response.content.decode()
    )


@pytest.mark.parametrize("count", [3, 15])
def test_the_member_picker_costs_the_same_queries_for_any_number_of_results(
    admin_client, django_assert_num_queries, count
):
    for unit in PayUnitFactory.create_batch(count):
        MemberFactory(first_name="มาลี", pay_unit=unit)

    # Session and user, then the page: its count and its rows with their pay units.
    with django_assert_num_queries(4):
        results = autocomplete(admin_client, "มาลี")

    assert len(results) == count


@pytest.mark.parametrize("count", [3, 15])
def test_the_pay_unit_picker_costs_the_same_queries_for_any_number_of_results(
    admin_client, django_assert_num_queries, count
):
    twin_pay_units()
    PayUnitFactory.create_batch(count - 2, name="โรงเรียนบ้านหนองไม้", code=None)

    # Session and user, then the page: its count and its rows with their districts and areas.
    with django_assert_num_queries(4):
        results = autocomplete(admin_client, "หนองไม้", app_label="members", model_name="member")

    assert len(results) == count
