"""Computing a month's snapshots for every large group and network with a fixed number of queries.

Who belongs where: a borrower counts in the large group of the small group they most recently
joined on or before the month's last day (their place that month, or their last place if they
have left since: a member who retires while in default still counts against the group that
guaranteed the loan). One place per person, so the large groups' borrower sets are disjoint and a
network's counts are the plain sums of its large groups' counts.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q
from django.utils import timezone

from groups.models import LargeGroup, SmallGroupMembership
from networks.models import Network

from . import alerts
from .conf import default_days_past_due
from .models import LargeGroupSnapshot, Loan, NetworkSnapshot, ReportMonth
from .months import first_of_month, month_end
from .thresholds import Figures

SNAPSHOT_FIELDS = [
    "borrowers",
    "defaulters",
    "on_time_borrowers",
    "status",
    "default_days",
    "computed_at",
    "missing_loans",
]

# What makes a stored row differ from a computed one (computed_at is when it last did).
COMPARED_FIELDS = [
    "borrowers",
    "defaulters",
    "on_time_borrowers",
    "status",
    "default_days",
    "missing_loans",
]

# A running loan without the bank's row for the month: the month is not complete yet, and the
# loan cannot have been repaid on time.
NO_REPORT = Q(report__id__isnull=True)


@dataclass(frozen=True)
class PlaceCounts:
    """One large group's (or network's) month: the people counts and the loans without a row."""

    figures: Figures
    missing_loans: int = 0


NO_COUNTS = PlaceCounts(Figures(0, 0, 0))


@dataclass
class MonthCounts:
    """The counts of one month per large group, before any status is given."""

    by_large_group: dict[int, PlaceCounts]
    unassigned_borrowers: int = 0
    unassigned_missing_loans: int = 0

    @property
    def missing_loans(self) -> int:
        """Every running approved loan of the month without a row, placed or not."""
        placed = sum(counts.missing_loans for counts in self.by_large_group.values())
        return placed + self.unassigned_missing_loans


@dataclass
class SnapshotResult:
    month: datetime.date
    large_groups: int
    networks: int
    unassigned_borrowers: int
    missing_loans: int = 0
    complete: bool = True
    transitions: list = field(default_factory=list)


def placed_loans(*, month: datetime.date, place: str = "small_group__large_group_id"):
    """The loans running at the month's end, each with its report of the month and the place
    (by default the large group id) of its borrower, as described at the top of this module.

    The place is the borrower's membership that started by the month's end with no later one
    (NOT EXISTS, which PostgreSQL runs as one hash anti-join rather than a lookup per loan).
    """
    as_of = month_end(month)
    later = SmallGroupMembership.objects.filter(
        Q(started_on__gt=OuterRef("membership__started_on"))
        | Q(started_on=OuterRef("membership__started_on"), pk__gt=OuterRef("membership__pk")),
        member_id=OuterRef("borrower_id"),
        started_on__lte=as_of,
    )
    return (
        Loan.objects.approved()
        .active_on(as_of)
        .annotate(
            report=FilteredRelation("repayments", condition=Q(repayments__month=month)),
            membership=FilteredRelation(
                "borrower__small_group_memberships",
                condition=Q(borrower__small_group_memberships__started_on__lte=as_of),
            ),
        )
        .filter(~Exists(later))
        .annotate(place=F(f"membership__{place}"))
    )


def in_default(default_days: int) -> Q:
    """A loan whose report of the month is overdue by more than the setting's days."""
    return Q(report__days_past_due__gt=default_days)


def count_people(loans, *, default_days: int):
    """Per place: borrowers, defaulters, borrowers not repaid in full and on time, and loans
    without a row for the month.

    A person is counted once however many loans they have: every count of people is DISTINCT on
    the borrower, and a borrower's place does not depend on the loan. `missing` counts loans
    (each loan is one row here: at most one report a month, one place per borrower).
    """
    # Without a report for the month a loan cannot have been repaid on time.
    not_on_time = NO_REPORT | Q(report__paid_in_full_on_time=False)
    return (
        loans.values("place")
        .annotate(
            borrowers=Count("borrower_id", distinct=True),
            defaulters=Count("borrower_id", distinct=True, filter=in_default(default_days)),
            late=Count("borrower_id", distinct=True, filter=not_on_time),
            missing=Count("pk", filter=NO_REPORT),
        )
        .order_by()
    )


def borrower_rows(*, month: datetime.date, default_days: int):
    """One query: the counts of every large group (by id) in the month."""
    return count_people(placed_loans(month=month), default_days=default_days)


def count_month(*, month: datetime.date, default_days: int) -> MonthCounts:
    counts = MonthCounts(by_large_group={})
    for row in borrower_rows(month=month, default_days=default_days):
        if row["place"] is None:
            counts.unassigned_borrowers += row["borrowers"]
            counts.unassigned_missing_loans += row["missing"]
            continue
        counts.by_large_group[row["place"]] = PlaceCounts(
            Figures(
                borrowers=row["borrowers"],
                defaulters=row["defaulters"],
                on_time_borrowers=row["borrowers"] - row["late"],
            ),
            missing_loans=row["missing"],
        )
    return counts


def roll_up(
    *,
    by_large_group: dict[int, PlaceCounts],
    group_areas: dict[int, int],
    network_parents: dict[int, int | None],
) -> tuple[dict[int, PlaceCounts], dict[int, int]]:
    """Sum the large groups into their area networks, and each network into its parent.

    Returns the counts and the number of large groups under every network (networks without
    any large group get zeros, so every network has a row every month).
    """
    sums = {network_id: [0, 0, 0, 0, 0] for network_id in network_parents}
    for group_id, area_id in group_areas.items():
        counts = by_large_group.get(group_id, NO_COUNTS)
        figures = counts.figures
        network_id = area_id
        # Walk up the (at most four-level) chain; a network is counted in each of its ancestors.
        while network_id is not None:
            total = sums[network_id]
            total[0] += figures.borrowers
            total[1] += figures.defaulters
            total[2] += figures.on_time_borrowers
            total[3] += 1
            total[4] += counts.missing_loans
            network_id = network_parents[network_id]
    rolled = {
        key: PlaceCounts(Figures(b, d, o), missing_loans=m)
        for key, (b, d, o, _n, m) in sums.items()
    }
    group_counts = {key: value[3] for key, value in sums.items()}
    return rolled, group_counts


@transaction.atomic
def compute_month(
    *, month: datetime.date, default_days: int | None = None, notify: bool = True
) -> SnapshotResult:
    """(Re)compute and store one month's snapshots; the same data always gives the same rows.

    Also records how many running loans still have no row for the month (ReportMonth). Only a
    complete month raises alerts (loans.alerts.record_transitions); a provisional one raises
    them later, when it is computed again complete or an officer closes it.

    Queries: one aggregate, the large groups, the networks, the month's large-group rows as
    stored, an upsert of those that changed (none when nothing did), the networks' upsert, the
    month's record (upsert and read back its closing), and for a complete month the alert
    check — the same number for ten groups or twenty thousand.
    """
    month = first_of_month(month)
    days = default_days_past_due() if default_days is None else default_days
    now = timezone.now()
    counts = count_month(month=month, default_days=days)
    group_areas = dict(LargeGroup.objects.order_by().values_list("pk", "area_id"))
    network_parents = dict(Network.objects.order_by().values_list("pk", "parent_id"))
    network_counts, group_counts = roll_up(
        by_large_group=counts.by_large_group,
        group_areas=group_areas,
        network_parents=network_parents,
    )
    by_group = {
        group_id: counts.by_large_group.get(group_id, NO_COUNTS) for group_id in group_areas
    }
    stored_rows = (
        LargeGroupSnapshot.objects.for_month(month)
        .order_by()
        .values_list("large_group_id", *COMPARED_FIELDS)
    )
    stored = {group_id: tuple(values) for group_id, *values in stored_rows}
    # A large group's row is written only when its figures changed: computing a month again
    # with the same data writes none of the thousands of rows (nor leaves dead ones behind).
    group_rows = [
        LargeGroupSnapshot(
            month=month, large_group_id=group_id, **snapshot_values(place_counts, days, now)
        )
        for group_id, place_counts in by_group.items()
        if stored.get(group_id) != compared_values(place_counts, days)
    ]
    network_rows = [
        NetworkSnapshot(
            month=month,
            network_id=network_id,
            large_groups=group_counts[network_id],
            **snapshot_values(place_counts, days, now),
        )
        for network_id, place_counts in network_counts.items()
    ]
    # Upserts keep each row's identity when a month is computed again.
    if group_rows:
        LargeGroupSnapshot.objects.bulk_create(
            group_rows,
            update_conflicts=True,
            unique_fields=["month", "large_group"],
            update_fields=SNAPSHOT_FIELDS,
        )
    NetworkSnapshot.objects.bulk_create(
        network_rows,
        update_conflicts=True,
        unique_fields=["month", "network"],
        update_fields=[*SNAPSHOT_FIELDS, "large_groups"],
    )
    complete = record_month(month=month, missing_loans=counts.missing_loans, now=now)
    transitions = (
        alerts.record_transitions(
            month=month,
            figures={group_id: place_counts.figures for group_id, place_counts in by_group.items()},
            notify=notify,
        )
        if complete
        else []
    )
    return SnapshotResult(
        month=month,
        large_groups=len(by_group),
        networks=len(network_rows),
        unassigned_borrowers=counts.unassigned_borrowers,
        missing_loans=counts.missing_loans,
        complete=complete,
        transitions=transitions,
    )


def record_month(*, month: datetime.date, missing_loans: int, now: datetime.datetime) -> bool:
    """Store the month's count of loans without a row; whether the month is complete.

    The upsert writes only the counts, so an officer's closing of the month (and its reason)
    stays; the closing is read back to decide (two queries).
    """
    ReportMonth.objects.bulk_create(
        [ReportMonth(month=month, missing_loans=missing_loans, computed_at=now)],
        update_conflicts=True,
        unique_fields=["month"],
        update_fields=["missing_loans", "computed_at"],
    )
    closed = ReportMonth.objects.filter(month=month, closed_at__isnull=False).exists()
    return missing_loans == 0 or closed


def compared_values(counts: PlaceCounts, days: int) -> tuple:
    """A row's figures in the order of COMPARED_FIELDS, to tell whether it changed."""
    figures = counts.figures
    return (
        figures.borrowers,
        figures.defaulters,
        figures.on_time_borrowers,
        figures.status.value,
        days,
        counts.missing_loans,
    )


def snapshot_values(counts: PlaceCounts, days: int, now: datetime.datetime) -> dict:
    figures = counts.figures
    return {
        "borrowers": figures.borrowers,
        "defaulters": figures.defaulters,
        "on_time_borrowers": figures.on_time_borrowers,
        "status": figures.status,
        "default_days": days,
        "computed_at": now,
        "missing_loans": counts.missing_loans,
    }


def recompute_months(*, months: list[datetime.date], notify: bool = True) -> list[SnapshotResult]:
    """Compute several months oldest first, so each month's alerts compare with the one before."""
    return [compute_month(month=month, notify=notify) for month in sorted(set(months))]
