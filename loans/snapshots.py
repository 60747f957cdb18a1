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
from .models import LargeGroupSnapshot, Loan, NetworkSnapshot
from .months import first_of_month, month_end
from .thresholds import Figures

SNAPSHOT_FIELDS = [
    "borrowers",
    "defaulters",
    "on_time_borrowers",
    "status",
    "default_days",
    "computed_at",
]


@dataclass
class MonthCounts:
    """The people counts of one month per large group, before any status is given."""

    by_large_group: dict[int, Figures]
    unassigned_borrowers: int = 0


@dataclass
class SnapshotResult:
    month: datetime.date
    large_groups: int
    networks: int
    unassigned_borrowers: int
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
    """Per place: borrowers, defaulters and borrowers not repaid in full and on time.

    A person is counted once however many loans they have: every count is DISTINCT on the
    borrower, and a borrower's place does not depend on the loan.
    """
    # Without a report for the month a loan cannot have been repaid on time.
    not_on_time = Q(report__id__isnull=True) | Q(report__paid_in_full_on_time=False)
    return (
        loans.values("place")
        .annotate(
            borrowers=Count("borrower_id", distinct=True),
            defaulters=Count("borrower_id", distinct=True, filter=in_default(default_days)),
            late=Count("borrower_id", distinct=True, filter=not_on_time),
        )
        .order_by()
    )


def borrower_rows(*, month: datetime.date, default_days: int):
    """One query: the people counts of every large group (by id) in the month."""
    return count_people(placed_loans(month=month), default_days=default_days)


def count_month(*, month: datetime.date, default_days: int) -> MonthCounts:
    counts = MonthCounts(by_large_group={})
    for row in borrower_rows(month=month, default_days=default_days):
        if row["place"] is None:
            counts.unassigned_borrowers += row["borrowers"]
            continue
        counts.by_large_group[row["place"]] = Figures(
            borrowers=row["borrowers"],
            defaulters=row["defaulters"],
            on_time_borrowers=row["borrowers"] - row["late"],
        )
    return counts


def roll_up(
    *,
    by_large_group: dict[int, Figures],
    group_areas: dict[int, int],
    network_parents: dict[int, int | None],
) -> tuple[dict[int, Figures], dict[int, int]]:
    """Sum the large groups into their area networks, and each network into its parent.

    Returns the figures and the number of large groups under every network (networks without
    any large group get zeros, so every network has a row every month).
    """
    sums = {network_id: [0, 0, 0, 0] for network_id in network_parents}
    for group_id, area_id in group_areas.items():
        figures = by_large_group.get(group_id, Figures(0, 0, 0))
        network_id = area_id
        # Walk up the (at most four-level) chain; a network is counted in each of its ancestors.
        while network_id is not None:
            total = sums[network_id]
            total[0] += figures.borrowers
            total[1] += figures.defaulters
            total[2] += figures.on_time_borrowers
            total[3] += 1
            network_id = network_parents[network_id]
    figures = {key: Figures(b, d, o) for key, (b, d, o, _n) in sums.items()}
    group_counts = {key: value[3] for key, value in sums.items()}
    return figures, group_counts


@transaction.atomic
def compute_month(
    *, month: datetime.date, default_days: int | None = None, notify: bool = True
) -> SnapshotResult:
    """(Re)compute and store one month's snapshots; the same data always gives the same rows.

    Queries: one aggregate, the large groups, the networks, two upserts, and the alert check
    (see loans.alerts.record_transitions) — the same number for ten groups or twenty thousand.
    """
    month = first_of_month(month)
    days = default_days_past_due() if default_days is None else default_days
    now = timezone.now()
    counts = count_month(month=month, default_days=days)
    group_areas = dict(LargeGroup.objects.order_by().values_list("pk", "area_id"))
    network_parents = dict(Network.objects.order_by().values_list("pk", "parent_id"))
    network_figures, group_counts = roll_up(
        by_large_group=counts.by_large_group,
        group_areas=group_areas,
        network_parents=network_parents,
    )
    group_rows = [
        LargeGroupSnapshot(
            month=month,
            large_group_id=group_id,
            **snapshot_values(counts.by_large_group.get(group_id, Figures(0, 0, 0)), days, now),
        )
        for group_id in group_areas
    ]
    network_rows = [
        NetworkSnapshot(
            month=month,
            network_id=network_id,
            large_groups=group_counts[network_id],
            **snapshot_values(figures, days, now),
        )
        for network_id, figures in network_figures.items()
    ]
    # Upserts keep each row's identity when a month is computed again.
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
    transitions = alerts.record_transitions(month=month, snapshots=group_rows, notify=notify)
    return SnapshotResult(
        month=month,
        large_groups=len(group_rows),
        networks=len(network_rows),
        unassigned_borrowers=counts.unassigned_borrowers,
        transitions=transitions,
    )


def snapshot_values(figures: Figures, days: int, now: datetime.datetime) -> dict:
    return {
        "borrowers": figures.borrowers,
        "defaulters": figures.defaulters,
        "on_time_borrowers": figures.on_time_borrowers,
        "status": figures.status,
        "default_days": days,
        "computed_at": now,
    }


def recompute_months(*, months: list[datetime.date], notify: bool = True) -> list[SnapshotResult]:
    """Compute several months oldest first, so each month's alerts compare with the one before."""
    return [compute_month(month=month, notify=notify) for month in sorted(set(months))]
