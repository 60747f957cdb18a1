"""Which running loans still have no row of the bank's report for a month: the counts by large
group and the list of contracts, for the import's dry run and result and the dashboard.

"Running loan" is what the monitor counts (loans.snapshots.placed_loans: approved, running at
the month's end), and "no row" the snapshots' own NO_REPORT, so these figures are the ones
compute_month stores. A dry run asks "after this file": the loans the file would give a row
are left out (`excluding`, loan ids), without writing anything.
"""

import datetime
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from django.db.models import Count, F

from core import thai
from groups.models import SmallGroup
from members.models import Member

from .importers.rows import LOOKUP_CHUNK
from .snapshots import NO_REPORT, placed_loans


@dataclass(frozen=True)
class GroupMissing:
    large_group_id: int
    name: str
    area: str
    missing_loans: int


@dataclass
class MonthMissing:
    """A month's loans without a row: in all, by large group (most first), and unplaced."""

    month: datetime.date
    by_large_group: list[GroupMissing] = field(default_factory=list)
    unassigned: int = 0

    @property
    def total(self) -> int:
        return sum(group.missing_loans for group in self.by_large_group) + self.unassigned

    @property
    def complete(self) -> bool:
        return self.total == 0


def missing_loan_counts(*, month: datetime.date, excluding: Collection[int] = ()) -> MonthMissing:
    """One grouped query, plus one per LOOKUP_CHUNK of excluded loans."""
    loans = placed_loans(month=month).filter(NO_REPORT)
    rows = (
        loans.values(
            "place",
            group_name=F("membership__small_group__large_group__name"),
            area_name=F("membership__small_group__large_group__area__name"),
        )
        .annotate(missing=Count("pk"))
        .order_by()
    )
    counts = {row["place"]: row for row in rows}
    excluded = sorted(set(excluding))
    for start in range(0, len(excluded), LOOKUP_CHUNK):
        chunk = excluded[start : start + LOOKUP_CHUNK]
        for place in loans.filter(pk__in=chunk).values_list("place", flat=True):
            counts[place]["missing"] -= 1
    result = MonthMissing(month=month)
    for place, row in counts.items():
        if place is None:
            result.unassigned = row["missing"]
        elif row["missing"]:
            result.by_large_group.append(
                GroupMissing(place, row["group_name"], row["area_name"] or "", row["missing"])
            )
    result.by_large_group.sort(key=lambda group: (-group.missing_loans, thai.sort_key(group.name)))
    return result


@dataclass(frozen=True)
class MissingLoan:
    month: datetime.date
    contract_number: str
    member_number: str
    member_name: str
    small_group: str
    pay_unit: str
    large_group: str
    area: str


def missing_loans(
    *, month: datetime.date, excluding: Collection[int] = (), viewer=None
) -> Iterator[MissingLoan]:
    """The contracts without a row for the month, by large group and small group (one query,
    read in chunks so a month of a million loans is never held in memory); with a viewer,
    those of loans in their scope."""
    skipped = set(excluding)
    loans = placed_loans(month=month)
    if viewer is not None:
        loans = loans.visible_to(viewer)
    rows = (
        loans.filter(NO_REPORT)
        .values_list(
            "pk",
            "contract_number",
            "borrower__member_number",
            "borrower__title",
            "borrower__first_name",
            "borrower__last_name",
            "membership__small_group__number",
            "membership__small_group__pay_unit__name",
            "membership__small_group__large_group__name",
            "membership__small_group__large_group__area__name",
        )
        .order_by(
            F("membership__small_group__large_group__name").asc(nulls_last=True),
            F("membership__small_group__number").asc(nulls_last=True),
            "contract_number",
        )
    )
    for pk, contract, number, title, first, last, small, unit, large, area in rows.iterator(
        chunk_size=2000
    ):
        if pk in skipped:
            continue
        yield MissingLoan(
            month=month,
            contract_number=contract,
            member_number=number,
            member_name=Member(title=title, first_name=first, last_name=last).full_name,
            small_group=SmallGroup(number=small).name if small is not None else "",
            pay_unit=unit or "",
            large_group=large or "",
            area=area or "",
        )
