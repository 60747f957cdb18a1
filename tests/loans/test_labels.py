"""Loans name borrowers, guarantors and approvers by their choice labels, and the loan and
repayment lists find a borrower by the national ID in any form it is typed."""

import html
import re

import pytest
from django.urls import reverse

from core.audit import acting
from groups import services
from loans.admin.forms import LoanAdminForm
from loans.gate import expansion_gate
from loans.models.loans import guarantor_error
from tests.factories import TEST_ACTOR
from tests.groups.factories import SmallGroupFactory, fill_small_group
from tests.loans.factories import LoanFactory, RepaymentFactory, add_guarantor, seat_on
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

NATIONAL_ID = valid_national_id(620101205)
FORMS_OF_THE_ID = {
    "digits": NATIONAL_ID,
    "dashes": dashed(NATIONAL_ID),
    "spaces": spaced(NATIONAL_ID),
    "first digits with a dash": dashed(NATIONAL_ID)[:6],
}


def page_text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.fixture
def borrowed():
    """A loan of the member searched for, and one of a member whose ID shares the first digit."""
    loan = LoanFactory(borrower=MemberFactory(national_id=NATIONAL_ID))
    LoanFactory(borrower=MemberFactory(national_id=valid_national_id(999)))
    return loan


@pytest.mark.parametrize("term", FORMS_OF_THE_ID.values(), ids=FORMS_OF_THE_ID.keys())
def test_the_loan_list_finds_the_borrower_by_the_id_in_every_form(admin_client, borrowed, term):
    response = admin_client.get(reverse("admin:loans_loan_changelist"), {"q": term})

    assert list(response.context["cl"].result_list) == [borrowed]


def test_the_loan_list_still_finds_a_contract_number(admin_client, borrowed):
    response = admin_client.get(
        reverse("admin:loans_loan_changelist"), {"q": borrowed.contract_number}
    )

    assert list(response.context["cl"].result_list) == [borrowed]


@pytest.mark.parametrize("term", FORMS_OF_THE_ID.values(), ids=FORMS_OF_THE_ID.keys())
def test_the_repayment_list_finds_the_borrower_by_the_id_in_every_form(
    admin_client, borrowed, term
):
    row = RepaymentFactory(loan=borrowed)
    RepaymentFactory(loan=LoanFactory(borrower=MemberFactory(national_id=valid_national_id(998))))

    response = admin_client.get(reverse("admin:loans_repayment_changelist"), {"q": term})

    assert list(response.context["cl"].result_list) == [row]


@pytest.fixture
def namesake_group():
    """A small group where three members share one name: a borrower and two who may guarantee."""
    home, _twin = twin_pay_units()
    small_group = SmallGroupFactory(pay_unit=home)
    people = namesakes([home] * 3)
    for member in people:
        services.add_member_to_small_group(
            actor=TEST_ACTOR, member=member, small_group=small_group, started_on=member.joined_on
        )
    return small_group, people


def test_guarantors_to_choose_on_a_loan_read_by_label(admin_client, namesake_group):
    small_group, (borrower, *peers) = namesake_group
    loan = LoanFactory(borrower=borrower)
    with acting(TEST_ACTOR):
        add_guarantor(loan, peers[0])

    text = page_text(admin_client.get(reverse("admin:loans_loan_change", args=[loan.pk])))

    labels = re.findall(r'name="guarantor_members"[^>]*>\s*([^<]+?)\s*</label>', text)
    assert sorted(labels) == sorted(peer.choice_label for peer in peers)
    assert len(set(labels)) == 2


@pytest.mark.parametrize("peers", [2, 8])
def test_the_guarantor_checkboxes_cost_one_query_for_any_group(django_assert_num_queries, peers):
    small_group = SmallGroupFactory()
    borrower, *others = fill_small_group(small_group, peers + 1)
    form = LoanAdminForm(instance=LoanFactory(borrower=borrower))

    # The borrower's small group with the members' pay units, in one query.
    with django_assert_num_queries(1):
        rendered = str(form["guarantor_members"])

    assert all(member.choice_label in html.unescape(rendered) for member in others)


@pytest.mark.parametrize("seats", [2, 6])
def test_the_approver_picker_reads_by_label_in_one_query(django_assert_num_queries, seats):
    small_group = SmallGroupFactory()
    (borrower,) = fill_small_group(small_group, 1)
    approvers = [seat_on(small_group.large_group) for _seat in range(seats)]
    form = LoanAdminForm(instance=LoanFactory(borrower=borrower))

    with django_assert_num_queries(1):
        rendered = html.unescape(str(form["committee_approved_by"]))

    for seat in approvers:
        assert f"{seat.title}: {seat.member.choice_label}" in rendered


def test_the_gate_names_a_borrower_outside_any_small_group_by_label():
    member = MemberFactory()

    decision = expansion_gate(member=member)

    assert not decision.allowed
    assert decision.message.startswith(f"{member.choice_label} ยังไม่ได้อยู่ในกลุ่มย่อยใด")


def test_a_guarantor_from_another_group_is_named_by_label(namesake_group):
    _small_group, (borrower, *_peers) = namesake_group
    (stranger,) = namesakes([PayUnitFactory()])

    message = guarantor_error(borrower=borrower, guarantor=stranger)

    assert message.startswith(f"{stranger.choice_label} ไม่ได้อยู่ใน")
