"""Factories for loans, repayments and snapshots, and bulk helpers for groups full of borrowers.

Everything here writes as the tests actor, loans and the bank's rows in bulk with their history
(the bank's rows through loans.services.record_repayments, as the importer writes them).
"""

import datetime
from decimal import Decimal

import factory

from core import audit
from core.audit import acting
from groups import services as group_services
from groups.models import CommitteeSeat, LargeGroup, Position, SmallGroupMembership
from loans import services
from loans.importers.rows import assess
from loans.models import LargeGroupSnapshot, Loan, LoanGuarantor, Repayment, ReportMonth
from loans.months import add_months
from loans.thresholds import Figures
from members.models import Member
from tests.factories import TEST_ACTOR, AuditedFactory
from tests.groups.factories import LargeGroupFactory, SmallGroupFactory
from tests.members.factories import MemberFactory
from tests.networks.factories import AreaFactory

JOINED = datetime.date(2016, 2, 1)


def seat_on(owner, *, member=None, position=Position.MEMBER, email="", term_start=JOINED):
    """A current seat on the committee of a large group or a network (a new member by default)."""
    if member is None:
        area = owner.area if isinstance(owner, LargeGroup) else AreaFactory(parent=owner)
        member = MemberFactory(email=email, pay_unit__area=area)
    with acting(TEST_ACTOR):
        return CommitteeSeat.objects.create(
            committee=group_services.committee_for(actor=TEST_ACTOR, owner=owner),
            member=member,
            position=position,
            term_start=term_start,
        )


class LoanFactory(AuditedFactory):
    """A loan written directly (past the gate); pass committee_approved_by to make it approved."""

    class Meta:
        model = Loan

    borrower = factory.SubFactory(MemberFactory)
    contract_number = factory.Sequence(lambda n: f"GSB-{n:07d}")
    amount = Decimal("300000.00")
    start_date = datetime.date(2023, 1, 1)
    term_months = 120
    monthly_instalment = Decimal("3500.00")
    committee_approved_on = factory.Maybe(
        "committee_approved_by", yes_declaration=datetime.date(2022, 12, 15), no_declaration=None
    )


class RepaymentFactory(AuditedFactory):
    class Meta:
        model = Repayment

    loan = factory.SubFactory(LoanFactory)
    month = datetime.date(2025, 6, 1)
    amount_due = Decimal("3500.00")
    amount_paid = Decimal("3500.00")
    due_date = factory.LazyAttribute(lambda o: o.month.replace(day=25))
    paid_on = factory.LazyAttribute(lambda o: o.month.replace(day=25))
    days_past_due = 0
    paid_in_full_on_time = True


class ReportMonthFactory(AuditedFactory):
    """A computed month: complete unless given missing loans (and no closing)."""

    class Meta:
        model = ReportMonth
        django_get_or_create = ["month"]

    month = datetime.date(2025, 6, 1)
    missing_loans = 0
    computed_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))


class LargeGroupSnapshotFactory(factory.django.DjangoModelFactory):
    """A stored snapshot; its month is recorded as computed and complete (pass
    month_missing_loans=N for a provisional month)."""

    class Meta:
        model = LargeGroupSnapshot
        skip_postgeneration_save = True

    class Params:
        month_missing_loans = 0

    large_group = factory.SubFactory(LargeGroupFactory)
    month = datetime.date(2025, 6, 1)
    borrowers = 200
    defaulters = 0
    on_time_borrowers = 200
    status = factory.LazyAttribute(
        lambda o: Figures(o.borrowers, o.defaulters, o.on_time_borrowers).status
    )
    default_days = 90
    computed_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
    report_month = factory.RelatedFactory(
        ReportMonthFactory,
        month=factory.SelfAttribute("..month"),
        missing_loans=factory.SelfAttribute("..month_missing_loans"),
    )


def members_in_large_group(large_group, count: int, *, per_small_group: int = 10) -> list[Member]:
    """`count` new members placed in new small groups of the large group, written in bulk."""
    members = []
    while len(members) < count:
        small_group = SmallGroupFactory(large_group=large_group)
        size = min(per_small_group, count - len(members))
        batch = Member.objects.bulk_create(
            MemberFactory.build_batch(size, pay_unit=small_group.pay_unit)
        )
        SmallGroupMembership.objects.bulk_create(
            SmallGroupMembership(small_group=small_group, member=member, started_on=JOINED)
            for member in batch
        )
        members.extend(batch)
    return members


def approved_loans(
    members, *, seat=None, start_date=datetime.date(2023, 1, 1), **fields
) -> list[Loan]:
    """One approved loan for each member, written in bulk with their small group's guarantor."""
    if seat is None and members:
        group = SmallGroupMembership.objects.get(
            member=members[0], ended_on__isnull=True
        ).small_group.large_group
        seat = seat_on(group)
    with acting(TEST_ACTOR):
        return audit.bulk_create(
            Loan,
            (
                LoanFactory.build(
                    borrower=member,
                    committee_approved_by=seat,
                    committee_approved_on=datetime.date(2022, 12, 15),
                    start_date=start_date,
                    **fields,
                )
                for member in members
            ),
        )


def add_guarantor(loan, guarantor):
    with acting(TEST_ACTOR):
        return LoanGuarantor.objects.create(loan=loan, guarantor=guarantor)


def report(
    loans,
    *,
    month: datetime.date,
    days_past_due: int = 0,
    on_time: bool | None = None,
    amount_due=Decimal("3500.00"),
    amount_paid=None,
) -> list[Repayment]:
    """The bank's row of the month for each loan: paid on time unless told otherwise."""
    if amount_paid is None:
        amount_paid = amount_due if days_past_due == 0 else Decimal("0.00")
    due_date = month.replace(day=25)
    rows = []
    for loan in loans:
        days, assessed = assess(
            month=month,
            amount_due=amount_due,
            amount_paid=amount_paid,
            due_date=due_date,
            paid_on=due_date if amount_paid >= amount_due else None,
            days_past_due=days_past_due,
        )
        rows.append(
            Repayment(
                loan=loan,
                month=month,
                amount_due=amount_due,
                amount_paid=amount_paid,
                due_date=due_date,
                paid_on=due_date if amount_paid >= amount_due else None,
                days_past_due=days,
                paid_in_full_on_time=assessed if on_time is None else on_time,
            )
        )
    services.record_repayments(actor=TEST_ACTOR, new=rows, changed=[])
    return rows


def previous_month(month: datetime.date) -> datetime.date:
    return add_months(month, -1)
