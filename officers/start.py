"""The officer's start page: their large groups at a glance, the monitor's latest word on each,
and what falls due next (the members' meeting, the month-end report).

Reads only, every one scoped through `visible_to(user)`, in a fixed number of queries whatever
the size of the rosters (tests/officers/test_start_page.py pins them). `today` is a parameter
so that the month boundaries can be tested without freezing the clock.

- A place at a large group gives a block of detail for that group (BLOCKS_SHOWN at most).
- A place at a network (an area, the province, ...) gives a summary of the large groups under
  it: how many, how many flagged or with incomplete small groups, the monitor's statuses and
  the worst groups; never per-group detail.
- A superuser gets the summary of each province (the whole portal), no blocks: the account is
  the provincial office's, and a block per large group of the province would be the roster.
"""

import dataclasses
import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from core.dates import format_month
from core.scope import scope_of
from core.scope import today as local_today
from groups.models import (
    SMALL_GROUP_MAX_MEMBERS,
    SMALL_GROUP_MIN_MEMBERS,
    LargeGroup,
    SmallGroup,
    SmallGroupMembership,
)
from loans import selectors as monitor
from loans.admin.monitor import monitor_url
from loans.months import first_of_month, month_end
from loans.thresholds import (
    RESTRICTED,
    SLOW_DOWN_PER_MILLE,
    STOP_PER_MILLE,
    Figures,
    MonitorStatus,
    severity,
)
from networks.models import Level, Network

# Large groups shown in detail; an officer with more places follows the link to the list.
BLOCKS_SHOWN = 10
# Per block: small groups named under "incomplete" and "full", and members named under
# "joined" and "left" this month; the rest are counted.
NAMES_SHOWN = 15
# The worst large groups named under a network summary.
WORST_SHOWN = 10
# The large group's members' meetings (DOMAIN.md: at least twice a year, January and July).
MEMBERS_MEETING_MONTHS = (1, 7)


# What falls due ------------------------------------------------------------------------------


def next_members_meeting(today: datetime.date) -> datetime.date:
    """The first day of the next meeting month; during January or July, that month itself."""
    for year in (today.year, today.year + 1):
        for month in MEMBERS_MEETING_MONTHS:
            if (year, month) >= (today.year, today.month):
                return datetime.date(year, month, 1)
    raise AssertionError("unreachable: every year has a meeting month")  # pragma: no cover


@dataclasses.dataclass(frozen=True)
class Due:
    today: datetime.date
    meeting_month: datetime.date
    report_due_on: datetime.date

    @property
    def meeting_this_month(self) -> bool:
        return self.meeting_month == first_of_month(self.today)

    @property
    def meeting_text(self) -> str:
        return _("ประชุมสมาชิกเดือน%(month)s") % {"month": format_month(self.meeting_month)}

    @property
    def report_days_left(self) -> int:
        return (self.report_due_on - self.today).days

    @property
    def report_text(self) -> str:
        return _("รายงานประจำเดือน%(month)s") % {"month": format_month(self.report_due_on)}


def due(today: datetime.date) -> Due:
    """The members' meeting and the month-end report (members, small groups, savings and the
    committee when it changed), due on the last day of the current month."""
    return Due(
        today=today, meeting_month=next_members_meeting(today), report_due_on=month_end(today)
    )


# The monitor's word -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Cure:
    """Defaulters to cure to leave a restricted status, by the thresholds' own numbers."""

    count: int
    leaves: MonitorStatus
    per_mille: int

    @property
    def text(self) -> str:
        return _(
            "ต้องแก้ไขผู้ผิดนัดอย่างน้อย %(count)d คน จึงพ้นสถานะ “%(status)s” (ไม่เกินร้อยละ %(line)s)"
        ) % {
            "count": self.count,
            "status": self.leaves.label,
            "line": monitor.per_mille_text(self.per_mille),
        }


def cures(figures: Figures) -> list[Cure]:
    """Stop: the cures to leave stop, then those to leave slow-down too; slow-down: the latter."""
    status = figures.status
    found = []
    if status == MonitorStatus.STOP:
        found.append(Cure(figures.cures_to_stop_line, MonitorStatus.STOP, STOP_PER_MILLE))
    if status in RESTRICTED:
        found.append(
            Cure(figures.cures_to_slow_down_line, MonitorStatus.SLOW_DOWN, SLOW_DOWN_PER_MILLE)
        )
    return found


@dataclasses.dataclass(frozen=True)
class MonitorWord:
    """A large group's row of the month the monitor shows by default (the latest complete one;
    a provisional one only while no month is complete)."""

    row: monitor.MonitorRow
    url: str
    # The month is provisional (bank rows missing somewhere, not closed): the monitor uses its
    # figures for neither the gate nor the alerts yet, even where this group's own are final.
    provisional: bool

    @property
    def status(self) -> MonitorStatus:
        return self.row.figures.status

    @property
    def month_text(self) -> str:
        return format_month(self.row.month)

    @property
    def cures(self) -> list[Cure]:
        return cures(self.row.figures)


def monitor_month():
    """The monitor's default month (a ReportMonth) or None before any computing: one query."""
    return monitor.default_month(monitor.report_months())


# Blocks: one per large group of the officer's own places -------------------------------------


@dataclasses.dataclass(frozen=True)
class Link:
    name: str
    url: str
    detail: str = ""


@dataclasses.dataclass(frozen=True)
class RosterChange:
    member: Link
    small_group: str
    on: datetime.date


@dataclasses.dataclass(frozen=True)
class Shortlist:
    """The first NAMES_SHOWN items of a list and how many more there are."""

    items: list
    more: int = 0

    @classmethod
    def of(cls, items: list) -> "Shortlist":
        return cls(items[:NAMES_SHOWN], max(0, len(items) - NAMES_SHOWN))

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def total(self) -> int:
        return len(self.items) + self.more


@dataclasses.dataclass(frozen=True)
class GroupBlock:
    id: int
    name: str
    url: str
    active_members: int
    small_groups: int
    incomplete: Shortlist
    full: Shortlist
    joined: Shortlist
    left: Shortlist
    monitor: MonitorWord | None
    monitor_url: str


def _change_url(model, pk: int) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])


def group_blocks(user, *, today: datetime.date, month=None) -> tuple[list[GroupBlock], int]:
    """The blocks of the user's own large groups (by name, BLOCKS_SHOWN at most) and how many
    more there are. Four queries, and a fifth for the monitor's rows when it has a month."""
    own = scope_of(user).large_groups
    if not own:
        return [], 0
    groups = list(
        LargeGroup.objects.visible_to(user)
        .filter(pk__in=sorted(own))
        .with_counts()
        .order_by("name", "pk")[:BLOCKS_SHOWN]
    )
    more = max(0, len(own) - BLOCKS_SHOWN)
    ids = [group.pk for group in groups]

    incomplete, full = {pk: [] for pk in ids}, {pk: [] for pk in ids}
    flagged = (
        SmallGroup.objects.visible_to(user)
        .filter(large_group_id__in=ids)
        .with_counts()
        .filter(
            Q(active_member_count__lt=SMALL_GROUP_MIN_MEMBERS)
            | Q(member_count__gte=SMALL_GROUP_MAX_MEMBERS)
        )
        .select_related("pay_unit")
        .order_by("large_group_id", "number")
    )
    for small_group in flagged:
        link = Link(
            small_group.name,
            _change_url(SmallGroup, small_group.pk),
            _("%(unit)s · สมาชิกสถานะปกติ %(count)d คน")
            % {"unit": small_group.pay_unit.name, "count": small_group.active_member_count},
        )
        # Full is the cap on current places (what stops an eleventh member joining).
        if small_group.member_count >= SMALL_GROUP_MAX_MEMBERS:
            full[small_group.large_group_id].append(link)
        if small_group.active_member_count < SMALL_GROUP_MIN_MEMBERS:
            incomplete[small_group.large_group_id].append(link)

    first, last = first_of_month(today), month_end(today)
    joined, left = {pk: [] for pk in ids}, {pk: [] for pk in ids}
    changes = (
        SmallGroupMembership.objects.visible_to(user)
        .filter(small_group__large_group_id__in=ids)
        .filter(Q(started_on__range=(first, last)) | Q(ended_on__range=(first, last)))
        .select_related("member", "small_group")
        .order_by("member__first_name", "member__last_name", "pk")
    )
    for membership in changes:
        group_id = membership.small_group.large_group_id
        member = Link(
            membership.member.full_name, _change_url(type(membership.member), membership.member_id)
        )
        name = membership.small_group.name
        if first <= membership.started_on <= last:
            joined[group_id].append(RosterChange(member, name, membership.started_on))
        if membership.ended_on and first <= membership.ended_on <= last:
            left[group_id].append(RosterChange(member, name, membership.ended_on))

    words = {}
    if month is not None:
        snapshots = (
            monitor.large_group_snapshots(month=month.month)
            .visible_to(user)
            .filter(large_group_id__in=ids)
        )
        for snapshot in snapshots:
            row = monitor.large_group_row(snapshot, month_complete=month.complete)
            words[snapshot.large_group_id] = MonitorWord(
                row,
                monitor_url("loans_monitor_large_group", snapshot.large_group_id, row.month),
                provisional=not month.complete,
            )

    blocks = [
        GroupBlock(
            id=group.pk,
            name=group.name,
            url=_change_url(LargeGroup, group.pk),
            active_members=group.active_member_count,
            small_groups=group.small_group_count,
            incomplete=Shortlist.of(incomplete[group.pk]),
            full=Shortlist.of(full[group.pk]),
            joined=Shortlist.of(sorted(joined[group.pk], key=lambda change: change.on)),
            left=Shortlist.of(sorted(left[group.pk], key=lambda change: change.on)),
            monitor=words.get(group.pk),
            monitor_url=monitor_url(
                "loans_monitor_large_group", group.pk, month.month if month else None
            ),
        )
        for group in groups
    ]
    return blocks, more


# Summaries: one per network place -------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class StatusCount:
    status: MonitorStatus
    count: int


@dataclasses.dataclass(frozen=True)
class NetworkSummary:
    id: int
    name: str
    large_groups: int
    flagged: int
    with_incomplete: int
    statuses: list[StatusCount]  # worst first
    monitor_url: str
    list_url: str

    @property
    def restricted(self) -> int:
        return sum(item.count for item in self.statuses if item.status in RESTRICTED)


def _roots(user, scope):
    """The networks summarised, as (pk, name, level) rows, and each area's root. One query."""
    rows = Network.objects.visible_to(user)
    if not scope.everything:
        rows = rows.filter(pk__in=sorted(scope.networks))
    rows = list(rows.order_by("level", "name").values_list("pk", "name", "level", "parent_id"))
    known = {pk for pk, _name, _level, _parent in rows}
    if scope.everything:
        # The whole portal, by province (or by the top nodes, when there is no province level).
        roots = [row for row in rows if row[2] == Level.PROVINCE] or [
            row for row in rows if row[3] not in known
        ]
    else:
        roots = [row for row in rows if row[3] not in known]
    parents = {pk: parent for pk, _name, _level, parent in rows}
    root_ids = {row[0] for row in roots}
    area_root = {}
    for pk, _name, level, _parent in rows:
        if level != Level.AREA:
            continue
        node = pk
        while node is not None and node not in root_ids:
            node = parents.get(node)
        if node is not None:
            area_root[pk] = node
    return roots, area_root


def network_summaries(user, *, month=None) -> tuple[list[NetworkSummary], list[MonitorWord]]:
    """A summary per network place of the user (per province for a superuser), and the worst
    large groups under them all. Three queries, and two more when the monitor has a month."""
    scope = scope_of(user)
    if not scope.everything and not scope.networks:
        return [], []
    roots, area_root = _roots(user, scope)
    if not roots:
        return [], []
    areas = sorted(area_root)
    under = LargeGroup.objects.filter(area_id__in=areas)
    counts = (
        LargeGroup.objects.visible_to(user)
        .filter(area_id__in=areas)
        .order_by()
        .values("area_id")
        .annotate(
            groups=Count("pk"),
            flagged=Count("pk", filter=Q(pk__in=under.flagged().values("pk"))),
            with_incomplete=Count(
                "pk",
                filter=Q(
                    pk__in=SmallGroup.objects.filter(large_group__area_id__in=areas)
                    .incomplete()
                    .values("large_group_id")
                ),
            ),
        )
    )
    totals = {root[0]: {"groups": 0, "flagged": 0, "with_incomplete": 0} for root in roots}
    for row in counts:
        total = totals[area_root[row["area_id"]]]
        for key in total:
            total[key] += row[key]

    statuses = {root[0]: {} for root in roots}
    worst = []
    if month is not None:
        snapshots = (
            monitor.large_group_snapshots(month=month.month)
            .visible_to(user)
            .filter(large_group__area_id__in=areas)
        )
        by_status = (
            snapshots.order_by()
            .values("large_group__area_id", "status")
            .annotate(count=Count("pk"))
        )
        for row in by_status:
            found = statuses[area_root[row["large_group__area_id"]]]
            found[row["status"]] = found.get(row["status"], 0) + row["count"]
        for snapshot in snapshots.filter(status__in=sorted(RESTRICTED))[:WORST_SHOWN]:
            row = monitor.large_group_row(snapshot, month_complete=month.complete)
            worst.append(
                MonitorWord(
                    row,
                    monitor_url("loans_monitor_large_group", snapshot.large_group_id, row.month),
                    provisional=not month.complete,
                )
            )

    list_url = reverse("admin:groups_largegroup_changelist")
    summaries = [
        NetworkSummary(
            id=pk,
            name=name,
            large_groups=totals[pk]["groups"],
            flagged=totals[pk]["flagged"],
            with_incomplete=totals[pk]["with_incomplete"],
            statuses=[
                StatusCount(MonitorStatus(status), count)
                for status, count in sorted(
                    statuses[pk].items(), key=lambda item: -severity(item[0])
                )
            ],
            monitor_url=monitor_url("loans_monitor_network", pk, month.month if month else None),
            list_url=f"{list_url}?network={pk}"
            if level < Level.AREA
            else f"{list_url}?area__id__exact={pk}",
        )
        for pk, name, level, _parent in roots
    ]
    return summaries, worst


# The page -----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class StartPage:
    blocks: list[GroupBlock]
    more_groups: int
    summaries: list[NetworkSummary]
    worst: list[MonitorWord]
    due: Due
    month_complete: bool | None  # None: the monitor has computed no month yet
    list_url: str

    @property
    def empty(self) -> bool:
        return not self.blocks and not self.summaries


def start_page(user, *, today: datetime.date | None = None) -> StartPage | None:
    """Everything the admin's index shows above the app list; None for a user who reaches no
    place (nothing to summarise)."""
    scope = scope_of(user)
    if scope.nothing:
        return None
    day = today or local_today()
    month = monitor_month()
    blocks, more = group_blocks(user, today=day, month=month)
    summaries, worst = network_summaries(user, month=month)
    return StartPage(
        blocks=blocks,
        more_groups=more,
        summaries=summaries,
        worst=worst,
        due=due(day),
        month_complete=month.complete if month else None,
        list_url=reverse("admin:groups_largegroup_changelist"),
    )
