"""Demo loans and fourteen months of the bank's reports, so every status shows in the province.

`build_demo_loans` runs after the demo rosters exist (portal's `load_demo` calls it). The story
it writes, group by group, ending in the last full month before `today`:

- stop: in the two areas with the most borrowers, one group each has members who stopped
  paying five months ago (more than 1.0% of the group; each area's own rate lands between 0.5%
  and 1.0%, so those areas and the province show slow-down);
- slow-down: a group with at least 100 borrowers, when the roster has one (with fewer, one
  defaulter is already above 1.0%), has defaulters just above 0.5%;
- recovered: a group whose defaulters ran into stop in the middle of the period and then paid
  their arrears: its history shows the crossing and the return to normal;
- watch: groups with members paying a few days late this month;
- eligible: groups where everyone paid in full on the due date.

Everything is written as the demo actor through loans.services, the path officers and the
importer take: each loan through `create_loan` (the gate, which has no computed month yet and so
lets every loan through, the guarantor rule, the approval by a seat of the borrower's committee
in its term), the bank's rows in bulk through `record_repayments`, each with its history. Then
every month is computed oldest first without sending mail (the transitions are recorded, so the
history pages show them).
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_UP, Decimal

from django.db import transaction

from core.audit import Actor
from groups.models import CommitteeSeat, LargeGroup, SmallGroupMembership
from members.models import Member, MemberStatus

from . import services, snapshots
from .importers.rows import assess
from .models import Loan, Repayment
from .months import add_months, first_of_month, month_end

DEMO_MONTHS = 14
BORROWING_SHARE = Decimal("0.8")
CONTRACT_PREFIX = "GSB-KPP"
DUE_DAY = 25
# The large group committee approves a loan this long before it starts.
APPROVAL_LEAD = datetime.timedelta(days=10)
ACTOR = Actor.demo()


@dataclass
class Plan:
    """What happens to one large group's borrowers over the demo months."""

    scenario: str
    # month index → borrower indexes who pay late that month (within the month)
    late: dict[int, list[int]] = field(default_factory=dict)
    # borrower index → (first month missed, month the arrears are paid or None)
    missed: dict[int, tuple[int, int | None]] = field(default_factory=dict)


@dataclass
class DemoLoansResult:
    loans: int = 0
    repayments: int = 0
    months: list[datetime.date] = field(default_factory=list)
    scenarios: dict[int, str] = field(default_factory=dict)


def build_demo_loans(*, today: datetime.date, seed: int) -> DemoLoansResult:
    """Loans and repayments for the demo rosters; does nothing if any loan exists already."""
    if Loan.objects.exists():
        return DemoLoansResult()
    with transaction.atomic():
        return DemoLoans(today=today, seed=seed).build()


class DemoLoans:
    def __init__(self, *, today: datetime.date, seed: int):
        self.members: dict[int, Member] = {}
        self.rng = random.Random(seed)  # noqa: S311  demo data, not secrets
        last = add_months(first_of_month(today), -1)
        self.months = [add_months(last, offset) for offset in range(-(DEMO_MONTHS - 1), 1)]
        self.result = DemoLoansResult(months=self.months)
        self.contract_count = 0

    def build(self) -> DemoLoansResult:
        borrowers = self.choose_borrowers()
        plans = self.plan(borrowers)
        seats = self.seats(borrowers)
        repayments = []
        for group_id, people in borrowers.items():
            if not seats.get(group_id):
                continue
            planned = self.loans_for(people, earliest=earliest_start(seats[group_id]))
            # Drawn for every loan before any is recorded, as the bank's rows are drawn after.
            chosen = [self.rng.sample(peers, min(2, len(peers))) for _terms, peers in planned]
            loans = [
                self.record_loan(terms, guarantors, seats[group_id])
                for (terms, _peers), guarantors in zip(planned, chosen, strict=True)
            ]
            repayments.extend(self.repayments_for(loans, plans[group_id], people))
            self.result.loans += len(loans)
            self.result.scenarios[group_id] = plans[group_id].scenario
        services.record_repayments(actor=ACTOR, new=repayments, changed=[])
        self.result.repayments = len(repayments)
        for month in self.months:
            snapshots.compute_month(month=month, notify=False)
        return self.result

    def record_loan(self, terms: dict, guarantors: list[int], seats: list[CommitteeSeat]) -> Loan:
        """Through the service, as an officer would: the gate (no month is computed yet, so it
        lets every loan through), the guarantor rule, and the approval by a seat in its term
        that is not the borrower's own."""
        start = terms["start_date"]
        approved_on = start - APPROVAL_LEAD
        seat = next(
            seat
            for seat in seats
            if seat.member_id != terms["borrower"].pk
            and seat.term_start <= approved_on
            and (seat.term_end is None or approved_on <= seat.term_end)
        )
        return services.create_loan(
            actor=ACTOR,
            guarantors=[self.members[pk] for pk in guarantors],
            committee_approved_by=seat,
            committee_approved_on=approved_on,
            approval_reference=f"มติคณะกรรมการกลุ่มใหญ่ ครั้งที่ {start.month}/{start.year + 543}",
            **terms,
        )

    # Who borrows -------------------------------------------------------------------------

    def choose_borrowers(self) -> dict[int, list[tuple[int, list[int]]]]:
        """Per large group: (member id, ids of their small group's other members), in order.

        Only active members who were in their small group before the first demo month, and who
        have someone in the group to guarantee them.
        """
        first = self.months[0]
        memberships = (
            SmallGroupMembership.objects.filter(
                ended_on__isnull=True, member__status=MemberStatus.ACTIVE
            )
            .values_list("small_group__large_group_id", "small_group_id", "member_id", "started_on")
            .order_by("small_group__large_group_id", "small_group_id", "member_id")
        )
        by_small_group = defaultdict(list)
        rows = list(memberships)
        self.members = Member.objects.in_bulk([member_id for *_place, member_id, _on in rows])
        for _group_id, small_group_id, member_id, _started in rows:
            by_small_group[small_group_id].append(member_id)
        borrowers = defaultdict(list)
        for group_id, small_group_id, member_id, started_on in rows:
            peers = [peer for peer in by_small_group[small_group_id] if peer != member_id]
            if started_on >= first or not peers:
                continue
            if self.rng.random() < BORROWING_SHARE:
                borrowers[group_id].append((member_id, peers))
        return dict(borrowers)

    def seats(self, borrowers: dict[int, list]) -> dict[int, list[CommitteeSeat]]:
        """The committee seats of each borrowing group, in the order they approve loans."""
        by_group = defaultdict(list)
        seats = CommitteeSeat.objects.filter(committee__large_group_id__in=borrowers).order_by(
            "term_start", "pk"
        )
        for seat in seats.select_related("committee"):
            by_group[seat.committee.large_group_id].append(seat)
        return dict(by_group)

    def loans_for(self, people, *, earliest: datetime.date) -> list[tuple[dict, list[int]]]:
        """Each borrower's loan terms (and a second loan's for some), with who may guarantee it.

        A loan starts one to nine months before the first demo month, but not before `earliest`,
        when its group's committee could first have approved it (the demo's committees took
        office in January 2025).
        """
        planned = []
        first = self.months[0]
        for index, (member_id, peers) in enumerate(people):
            count = 2 if index % 9 == 4 else 1  # some teachers hold a second, smaller loan
            for number in range(count):
                start = add_months(first, -self.rng.randint(1, 9)).replace(day=1)
                start = max(start, earliest)
                amount = Decimal(self.rng.randrange(150, 1200, 10) * 1000 // (number + 1))
                term = self.rng.choice([120, 144, 180])
                instalment = (amount / term * Decimal("1.25")).quantize(Decimal("1"), ROUND_UP)
                self.contract_count += 1
                terms = {
                    "borrower": self.members[member_id],
                    "contract_number": (
                        f"{CONTRACT_PREFIX}-{start.year + 543}-{self.contract_count:05d}"
                    ),
                    "amount": amount,
                    "start_date": start,
                    "term_months": term,
                    "monthly_instalment": instalment,
                }
                planned.append((terms, peers))
        return planned

    # What happens ------------------------------------------------------------------------

    def plan(self, borrowers: dict[int, list]) -> dict[int, Plan]:
        groups = {
            group.pk: group
            for group in LargeGroup.objects.filter(pk__in=borrowers).select_related("area")
        }
        sizes = {group_id: len(people) for group_id, people in borrowers.items()}
        plans: dict[int, Plan] = {}
        last = len(self.months) - 1
        # Slow-down needs 100 borrowers or more: one defaulter in fewer is already above 1.0%.
        biggest = max(sizes, key=sizes.get, default=None)
        if biggest is not None and sizes[biggest] >= 100:
            defaulters = sizes[biggest] // 100
            plans[biggest] = Plan(
                "slow_down", missed={i: (last - 4, None) for i in range(defaulters)}
            )
        # One stop group in each of the two areas with the most borrowers, with as many
        # defaulters as keep the area itself between 0.5% and 1.0% (slow-down).
        area_sizes = defaultdict(int)
        for group_id, size in sizes.items():
            area_sizes[groups[group_id].area_id] += size
        for area_id in sorted(area_sizes, key=area_sizes.get, reverse=True)[:2]:
            candidates = [
                group_id
                for group_id in sizes
                if groups[group_id].area_id == area_id and group_id not in plans
            ]
            if not candidates:
                continue
            group_id = max(candidates, key=sizes.get)
            defaulters = max(area_sizes[area_id] // 100, sizes[group_id] // 100 + 1)
            defaulters = min(defaulters, sizes[group_id])
            plans[group_id] = Plan("stop", missed={i: (last - 4, None) for i in range(defaulters)})
        rest = sorted((group_id for group_id in sizes if group_id not in plans), key=sizes.get)
        rotation = ["recovered", "eligible", "watch", "eligible", "watch"]
        for index, group_id in enumerate(rest):
            scenario = (
                rotation[index] if index < len(rotation) else ("eligible", "watch")[index % 2]
            )
            plan = Plan(scenario)
            if scenario == "recovered":
                # Three missed from month 2, in default from month 5, arrears paid in month 8.
                plan.missed = {i: (2, 8) for i in range(min(3, sizes[group_id]))}
            if scenario == "watch":
                plan.late[last] = self.rng.sample(range(sizes[group_id]), min(3, sizes[group_id]))
            # Everyone has a late month now and then in the older history.
            for month_index in range(0, last - 2, 3):
                plan.late.setdefault(month_index, []).append(self.rng.randrange(sizes[group_id]))
            plans[group_id] = plan
        return plans

    def repayments_for(self, loans: list[Loan], plan: Plan, people) -> list[Repayment]:
        index_of = {member_id: index for index, (member_id, _peers) in enumerate(people)}
        rows = []
        for loan in loans:
            person = index_of[loan.borrower_id]
            missed = plan.missed.get(person)
            for month_index, month in enumerate(self.months):
                if month < first_of_month(loan.start_date):
                    continue
                rows.append(self.repayment(loan, plan, person, missed, month_index, month))
        return rows

    def repayment(self, loan, plan, person, missed, month_index, month) -> Repayment:
        due_date = month.replace(day=DUE_DAY)
        instalment = loan.monthly_instalment
        amount_due, amount_paid, paid_on = instalment, instalment, due_date
        if missed is not None and month_index >= missed[0]:
            first_missed, cured = missed
            if cured is None or month_index < cured:
                # Nothing paid since the first missed month: the arrears keep growing.
                arrears_months = month_index - first_missed + 1
                amount_due = instalment * arrears_months
                amount_paid, paid_on = Decimal("0.00"), None
                due_date = self.months[first_missed].replace(day=DUE_DAY)
            elif month_index == cured:
                # Everything owed is paid at the end of the month: back to normal, not on time.
                amount_due = instalment * (cured - first_missed + 1)
                amount_paid = amount_due
                due_date = self.months[first_missed].replace(day=DUE_DAY)
                paid_on = month_end(month) - datetime.timedelta(days=1)
        elif person in plan.late.get(month_index, []):
            paid_on = due_date + datetime.timedelta(days=self.rng.randint(2, 5))
        days, on_time = assess(
            month=month,
            amount_due=amount_due,
            amount_paid=amount_paid,
            due_date=due_date,
            paid_on=paid_on,
            days_past_due=None,
        )
        return Repayment(
            loan=loan,
            month=month,
            amount_due=amount_due,
            amount_paid=amount_paid,
            due_date=due_date,
            paid_on=paid_on,
            days_past_due=days,
            paid_in_full_on_time=on_time,
        )


def earliest_start(seats: list[CommitteeSeat]) -> datetime.date:
    """The first 1st of a month on which a loan approved APPROVAL_LEAD before by one of the
    seats (in its term that day) can start."""
    possible = min(seat.term_start for seat in seats) + APPROVAL_LEAD
    return possible if possible.day == 1 else add_months(first_of_month(possible), 1)
