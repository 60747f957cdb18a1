"""Reads for the monitor: the month's rows, histories with their threshold crossings, drill-downs."""

import datetime
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from groups.models import LargeGroup, SmallGroup
from networks.models import Level, Network

from .conf import default_days_past_due
from .models import LargeGroupSnapshot, NetworkSnapshot, ReportMonth, StatusTransition
from .months import month_key
from .snapshots import count_people, in_default, placed_loans
from .thresholds import (
    SLOW_DOWN_PER_MILLE,
    STOP_PER_MILLE,
    Figures,
    MonitorStatus,
    is_restricted,
)

LEVEL_KEYS = {
    Level.NATION: "nation",
    Level.REGION: "region",
    Level.PROVINCE: "province",
    Level.AREA: "area",
}
HISTORY_MONTHS = 24


def report_months() -> list[ReportMonth]:
    """Every month computed, newest first, with its completeness (one query)."""
    return list(ReportMonth.objects.select_related("closed_by").order_by("-month"))


def default_month(records: list[ReportMonth]) -> ReportMonth | None:
    """The month shown when none is asked for: the latest complete one; a provisional month
    only while no month is complete yet. `records` newest first, as report_months() gives."""
    return next((record for record in records if record.complete), None) or next(
        iter(records), None
    )


def report_month(month: datetime.date) -> ReportMonth | None:
    return ReportMonth.objects.select_related("closed_by").filter(month=month).first()


def network_snapshots(*, month: datetime.date, viewer=None) -> QuerySet:
    """Every network's row of the month (those the viewer sees), from the top down."""
    rows = NetworkSnapshot.objects.all()
    if viewer is not None:
        rows = rows.visible_to(viewer)
    return (
        rows.for_month(month)
        .select_related("network__parent")
        .order_by("network__level", "network__name")
    )


def large_group_snapshots(
    *,
    month: datetime.date,
    network: Network | None = None,
    district_id: int | None = None,
    status: str | None = None,
    viewer=None,
) -> QuerySet:
    """Large groups of the month, worst first, optionally under a network, a district, a status;
    with a viewer, only the groups in their scope (core.scope)."""
    rows = LargeGroupSnapshot.objects.all()
    if viewer is not None:
        rows = rows.visible_to(viewer)
    rows = rows.for_month(month).select_related("large_group__area", "large_group__district")
    if network is not None:
        rows = rows.filter(large_group__in=LargeGroup.objects.in_network(network))
    if district_id is not None:
        rows = rows.filter(large_group__district_id=district_id)
    if status:
        rows = rows.filter(status=status)
    return rows.by_severity()


@dataclass(frozen=True)
class MonitorRow:
    """One line of the monitor as the command, the exports and the dashboard print it."""

    level: str
    id: int
    name: str
    parent: str
    district: str
    month: datetime.date
    figures: Figures
    default_days: int
    large_groups: int | None = None
    missing_loans: int = 0
    # The month is complete, or at least this row has every loan's row (its figures are final).
    complete: bool = True

    def as_dict(self) -> dict:
        """The documented keys of `monitor --format json` (docs/loans.md)."""
        figures = self.figures
        rate = figures.rate_percent
        status = figures.status
        return {
            "level": self.level,
            "id": self.id,
            "name": self.name,
            "parent": self.parent,
            "district": self.district,
            "month": month_key(self.month),
            "borrowers": figures.borrowers,
            "defaulters": figures.defaulters,
            "on_time_borrowers": figures.on_time_borrowers,
            "rate_percent": str(rate) if rate is not None else None,
            "status": status.value,
            "status_label": str(status.label),
            "cures_to_0_5_percent": figures.cures_to_slow_down_line,
            "cures_to_1_0_percent": figures.cures_to_stop_line,
            "large_groups": self.large_groups,
            "default_days": self.default_days,
            "missing_loans": self.missing_loans,
            "complete": self.complete,
        }


def network_row(snapshot: NetworkSnapshot, *, month_complete: bool = True) -> MonitorRow:
    network = snapshot.network
    return MonitorRow(
        level=LEVEL_KEYS[network.level],
        id=network.pk,
        name=network.name,
        parent=network.parent.name if network.parent_id else "",
        district="",
        month=snapshot.month,
        figures=snapshot.figures,
        default_days=snapshot.default_days,
        large_groups=snapshot.large_groups,
        missing_loans=snapshot.missing_loans,
        complete=month_complete or snapshot.missing_loans == 0,
    )


def large_group_row(snapshot: LargeGroupSnapshot, *, month_complete: bool = True) -> MonitorRow:
    group = snapshot.large_group
    return MonitorRow(
        level="large_group",
        id=group.pk,
        name=group.name,
        parent=str(group.area),
        district=group.district.name,
        month=snapshot.month,
        figures=snapshot.figures,
        default_days=snapshot.default_days,
        missing_loans=snapshot.missing_loans,
        complete=month_complete or snapshot.missing_loans == 0,
    )


def monitor_rows(
    *,
    month: ReportMonth,
    network: Network | None = None,
    district_id: int | None = None,
    status: str | None = None,
    viewer=None,
) -> tuple[list[MonitorRow], list[MonitorRow]]:
    """The networks' rows and the large groups' rows of a computed month (two queries), of
    what the viewer sees when one is given."""
    networks = network_snapshots(month=month.month, viewer=viewer)
    if network is not None:
        networks = networks.filter(network__in=Network.objects.descendants_of(network))
    groups = large_group_snapshots(
        month=month.month, network=network, district_id=district_id, status=status, viewer=viewer
    )
    return (
        [network_row(row, month_complete=month.complete) for row in networks],
        [large_group_row(row, month_complete=month.complete) for row in groups],
    )


@dataclass(frozen=True)
class HistoryEntry:
    month: datetime.date
    figures: Figures
    event: str
    complete: bool = True
    missing_loans: int = 0

    @property
    def status(self) -> MonitorStatus:
        return self.figures.status

    @property
    def is_restricted(self) -> bool:
        return is_restricted(self.status)


def crossing(previous: MonitorStatus | None, current: MonitorStatus) -> str:
    """What changed from one month to the next, in the officers' words ("" when nothing did)."""
    if previous == current:
        return ""
    if current == MonitorStatus.STOP:
        return _("เกินร้อยละ %(line)s: หยุดการขยายโครงการ") % {"line": per_mille_text(STOP_PER_MILLE)}
    if current == MonitorStatus.SLOW_DOWN:
        if previous == MonitorStatus.STOP:
            return _("กลับมาไม่เกินร้อยละ %(line)s (ยังชะลอการขยายโครงการ)") % {
                "line": per_mille_text(STOP_PER_MILLE)
            }
        return _("เกินร้อยละ %(line)s: ชะลอการขยายโครงการ") % {
            "line": per_mille_text(SLOW_DOWN_PER_MILLE)
        }
    if previous is not None and is_restricted(previous):
        return _("กลับสู่ภาวะปกติ (ไม่เกินร้อยละ %(line)s)") % {
            "line": per_mille_text(SLOW_DOWN_PER_MILLE)
        }
    return ""


def per_mille_text(per_mille: int) -> str:
    return f"{per_mille // 10}.{per_mille % 10}"


def history(snapshots) -> list[HistoryEntry]:
    """Oldest first, each month with the crossing since the complete month before (as the
    alerts compare); a provisional month shows its figures but no crossing, as it moves nothing.

    `snapshots` annotated with `month_complete` (SnapshotQuerySet.with_month_complete).
    """
    entries, previous = [], None
    for snapshot in snapshots:
        figures = snapshot.figures
        complete = snapshot.month_complete
        event = crossing(previous, figures.status) if complete else ""
        entries.append(
            HistoryEntry(snapshot.month, figures, event, complete, snapshot.missing_loans)
        )
        if complete:
            previous = figures.status
    return entries


def large_group_history(
    large_group: LargeGroup, *, months: int = HISTORY_MONTHS
) -> list[HistoryEntry]:
    rows = (
        LargeGroupSnapshot.objects.filter(large_group=large_group)
        .with_month_complete()
        .order_by("-month")[:months]
    )
    return history(reversed(list(rows)))


def network_history(network: Network, *, months: int = HISTORY_MONTHS) -> list[HistoryEntry]:
    rows = (
        NetworkSnapshot.objects.filter(network=network)
        .with_month_complete()
        .order_by("-month")[:months]
    )
    return history(reversed(list(rows)))


def default_entry(entries: list[HistoryEntry]) -> HistoryEntry | None:
    """Of a history (oldest first), the month shown by default: the latest complete one."""
    return next((entry for entry in reversed(entries) if entry.complete), None) or next(
        reversed(entries), None
    )


def transitions_of(large_group: LargeGroup) -> QuerySet:
    return StatusTransition.objects.filter(large_group=large_group).order_by("-month", "-pk")


@dataclass(frozen=True)
class SmallGroupFigures:
    small_group: SmallGroup
    figures: Figures
    missing_loans: int = 0


def small_group_breakdown(
    *, large_group: LargeGroup, month: datetime.date, default_days: int | None = None
) -> list[SmallGroupFigures]:
    """The month's people counts of each small group of a large group (two queries)."""
    days = default_days_past_due() if default_days is None else default_days
    loans = placed_loans(month=month, place="small_group_id").filter(
        place__in=SmallGroup.objects.filter(large_group=large_group).values("pk")
    )
    counts = {
        row["place"]: (
            Figures(row["borrowers"], row["defaulters"], row["borrowers"] - row["late"]),
            row["missing"],
        )
        for row in count_people(loans, default_days=days)
    }
    small_groups = SmallGroup.objects.filter(large_group=large_group).select_related("pay_unit")
    return [
        SmallGroupFigures(group, *counts.get(group.pk, (Figures(0, 0, 0), 0)))
        for group in small_groups.order_by("number")
    ]


@dataclass(frozen=True)
class DefaultedLoan:
    member_id: int
    member_name: str
    member_number: str
    contract_number: str
    loan_id: int
    days_past_due: int

    @property
    def months_past_due(self) -> int:
        return self.days_past_due // 30


def defaulted_loans(
    *, small_group: SmallGroup, month: datetime.date, default_days: int | None = None
) -> list[DefaultedLoan]:
    """The loans in default in the month of the borrowers placed in this small group (one query)."""
    days = default_days_past_due() if default_days is None else default_days
    rows = (
        placed_loans(month=month, place="small_group_id")
        .filter(in_default(days), place=small_group.pk)
        .annotate(days=F("report__days_past_due"))
        .select_related("borrower")
        .order_by("-days", "borrower__first_name", "contract_number")
    )
    return [
        DefaultedLoan(
            member_id=loan.borrower_id,
            member_name=loan.borrower.full_name,
            member_number=loan.borrower.member_number,
            contract_number=loan.contract_number,
            loan_id=loan.pk,
            days_past_due=loan.days,
        )
        for loan in rows
    ]
