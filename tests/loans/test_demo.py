"""The demo loans give the demo province every status, a recovered group and 12+ months."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction

from groups.models import LargeGroup
from loans import selectors
from loans.demo import build_demo_loans
from loans.models import LargeGroupSnapshot, Loan, LoanGuarantor, NetworkSnapshot, Repayment
from loans.months import add_months
from loans.thresholds import MonitorStatus
from networks.models import Network
from portal.demo import rosters

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The roster and loan demo, built once for this module inside a transaction rolled back
    at its end (as Django's TestCase.setUpTestData does), since building takes seconds."""
    with django_db_blocker.unblock(), transaction.atomic():
        # Both halves set their own demo actor (outside any acting()): the history test checks.
        rosters.load_demo()
        yield build_demo_loans(today=TODAY, seed=2568)
        transaction.set_rollback(True)


def test_demo_province_shows_every_status_and_a_recovery(db, demo):
    last = demo.months[-1]
    assert last == datetime.date(2026, 10, 1)
    assert len(demo.months) >= 12
    group_statuses = set(
        LargeGroupSnapshot.objects.filter(month=last).values_list("status", flat=True)
    )
    # Every status on large groups themselves; slow-down needs a group of over 100 borrowers
    # (under 100, one defaulter is already above 1.0%), which the demo roster has.
    assert {
        MonitorStatus.ELIGIBLE,
        MonitorStatus.WATCH,
        MonitorStatus.SLOW_DOWN,
        MonitorStatus.STOP,
    } <= group_statuses
    province = Network.objects.provinces().get()
    assert (
        NetworkSnapshot.objects.get(month=last, network=province).status == MonitorStatus.SLOW_DOWN
    )
    recovered = [
        group
        for group in LargeGroup.objects.all()
        if any(
            entry.event and not entry.is_restricted
            for entry in selectors.large_group_history(group)
        )
    ]
    assert recovered
    history = selectors.large_group_history(recovered[0])
    assert any(entry.status == MonitorStatus.STOP for entry in history)
    assert not history[-1].is_restricted


def test_every_demo_loan_has_twelve_months_or_more_of_repayments_and_guarantors(db, demo):
    first = add_months(demo.months[-1], -11)
    for loan in Loan.objects.prefetch_related("guarantees__guarantor", "repayments")[:50]:
        assert loan.is_approved
        assert loan.repayments.filter(month__gte=first).count() == 12
        memberships = {
            m.small_group_id
            for m in loan.borrower.small_group_memberships.filter(ended_on__isnull=True)
        }
        for guarantee in loan.guarantees.all():
            assert (
                guarantee.guarantor.small_group_memberships.get(
                    ended_on__isnull=True
                ).small_group_id
                in memberships
            )
    assert Repayment.objects.count() == demo.repayments


def test_every_demo_loan_is_approved_by_a_seat_of_the_borrowers_committee_in_its_term(db, demo):
    loans = Loan.objects.select_related("committee_approved_by__committee", "borrower")
    for loan in loans:
        seat = loan.committee_approved_by
        membership = loan.borrower.small_group_memberships.get(ended_on__isnull=True)
        assert seat.committee.large_group_id == membership.small_group.large_group_id
        assert seat.member_id != loan.borrower_id
        assert seat.term_start <= loan.committee_approved_on < loan.start_date
        # No month was computed when the loans were recorded: the gate had nothing against them.
        assert (loan.gate_status, loan.gate_month, loan.provincial_approval_required) == (
            "",
            None,
            False,
        )


def test_the_demo_wrote_every_loan_guarantee_and_row_as_the_demo_with_its_history(db, demo):
    for model, count in [
        (Loan, demo.loans),
        (LoanGuarantor, LoanGuarantor.objects.count()),
        (Repayment, demo.repayments),
    ]:
        rows = model.history.all()
        assert rows.count() == count == model.objects.count()
        assert set(rows.values_list("history_type", "history_actor_kind", "history_actor")) == {
            ("+", "demo", "load_demo")
        }
    assert not Repayment.objects.filter(source__isnull=False).exists()


def test_demo_loans_are_built_once(db, demo):
    loans, repayments = Loan.objects.count(), Repayment.objects.count()
    again = build_demo_loans(today=TODAY, seed=1)
    assert again.loans == 0
    assert (Loan.objects.count(), Repayment.objects.count()) == (loans, repayments)


def test_load_demo_command_builds_the_loans_once(db):
    call_command("load_demo", stdout=io.StringIO())
    loans = Loan.objects.count()
    repayments = Repayment.objects.count()

    call_command("load_demo", stdout=io.StringIO())

    assert loans > 0
    assert (Loan.objects.count(), Repayment.objects.count()) == (loans, repayments)
