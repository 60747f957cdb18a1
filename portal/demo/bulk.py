"""Benchmark data: about N members in groups that keep every programme rule, streamed in batches.

A benchmark data set written past the services, on purpose: the services write one row at a
time, which would take hours for a million members, so this module writes rows itself (COPY on
PostgreSQL, bulk_create elsewhere), with no audit history for the rows it writes (only the
networks and districts above them go through networks.services, as the demo's do). It is not a
way to enter real rosters: officers, the demo and importers go through the services.

It must therefore produce exactly what the services would: large groups numbered 1..n in their
district and named by `large_group_name` for the final count, small groups numbered 1..n in their
large group, at most ten current members per small group (the database trigger of groups
migration 0002 checks every row anyway), every member in the pay unit of their small group, and
approval on every large group under fifty members.
"""

import datetime
import math
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils.translation import gettext as _

from core.audit import Actor
from groups.models import (
    LARGE_GROUP_MIN_MEMBERS,
    Committee,
    CommitteeSeat,
    LargeGroup,
    SmallGroup,
    SmallGroupMembership,
    large_group_name,
)
from members.models import Member, MemberStatus, PayUnit
from networks.models import District, Network

from .names import PersonMaker, national_id, primary_school_name, secondary_school_name
from .places import DISTRICTS, SECONDARY_AREA, Places, ensure_places
from .rosters import COMMITTEE_POSITIONS, small_group_sizes
from .writer import Table, Writer

BULK_SEED = 2568
MEMBER_NUMBER_PREFIX = "BM"  # "BM0000001": never a demo number (KPP...) nor a real one
MIN_MEMBERS = 100
# Twice the benchmark's million; the whole programme has a little over 100,000 members.
MAX_MEMBERS = 2_000_000

MEMBERS_PER_LARGE_GROUP = 80  # about ten small groups of about eight
SMALL_GROUPS_PER_SCHOOL = 3
SECONDARY_EVERY = 5  # every fifth large group is one of the secondary schools' area (สพม.)
APPROVED_EVERY, APPROVED_AT = 100, 10  # one large group in a hundred is under fifty, approved
APPROVED_SIZE = 42
INACTIVE_EVERY = 4  # one large group in four has a member who has left the programme
INCOMPLETE_EVERY, INCOMPLETE_AT, INCOMPLETE_SIZE = 25, 7, 3
LEAVING_STATUSES = [
    MemberStatus.RETIRED,
    MemberStatus.RESIGNED,
    MemberStatus.TRANSFERRED,
    MemberStatus.DECEASED,
    MemberStatus.EXPELLED,
]
TERM_START = datetime.date(2025, 1, 16)
RECENT_FOUNDING = datetime.date(2025, 11, 1)
BATCH_ROWS = 50_000


def is_loaded() -> bool:
    return Member.objects.filter(member_number__startswith=MEMBER_NUMBER_PREFIX).exists()


@dataclass
class BulkResult:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def apportion(total: int, weights: list[int]) -> list[int]:
    """Split `total` in proportion to `weights`, largest remainders first, summing exactly."""
    whole = sum(weights)
    shares = [total * weight // whole for weight in weights]
    order = sorted(
        range(len(weights)), key=lambda index: (-(total * weights[index] % whole), index)
    )
    for index in order[: total - sum(shares)]:
        shares[index] += 1
    return shares


def large_group_sizes(members: int) -> list[int]:
    """Members per large group, in creation order: about eighty, one in a hundred under fifty."""
    count = max(1, members // MEMBERS_PER_LARGE_GROUP)
    approved = [index % APPROVED_EVERY == APPROVED_AT for index in range(count)]
    rest = members - APPROVED_SIZE * sum(approved)
    regular = count - sum(approved)
    sizes, handed_out = [], 0
    for index in range(count):
        if approved[index]:
            sizes.append(APPROVED_SIZE)
            continue
        handed_out += 1
        sizes.append(rest * handed_out // regular - rest * (handed_out - 1) // regular)
    return sizes


class BulkBuilder:
    def __init__(
        self,
        places: Places,
        *,
        members: int,
        report: Callable[[str], None],
        batch_rows: int = BATCH_ROWS,
    ):
        self.places = places
        self.members_wanted = members
        self.report = report
        self.rng = random.Random(BULK_SEED)  # noqa: S311  (reproducible data, not secrets)
        self.people = PersonMaker(self.rng)
        self.pay_units = Table(PayUnit, ["name", "code", "area_id", "district_id"])
        self.large_groups = Table(
            LargeGroup,
            [
                "name",
                "area_id",
                "district_id",
                "number",
                "founded_on",
                "approval_date",
                "approval_reference",
            ],
        )
        self.committees = Table(Committee, ["network_id", "large_group_id"])
        self.small_groups = Table(
            SmallGroup, ["large_group_id", "number", "pay_unit_id", "founded_on"]
        )
        self.members = Table(
            Member,
            [
                "member_number",
                "title",
                "first_name",
                "last_name",
                "national_id",
                "pay_unit_id",
                "phone",
                "email",
                "status",
                "joined_on",
            ],
        )
        self.memberships = Table(
            SmallGroupMembership, ["small_group_id", "member_id", "started_on", "ended_on"]
        )
        self.seats = Table(
            CommitteeSeat,
            ["committee_id", "position", "position_title", "member_id", "term_start", "term_end"],
        )
        self.writer = Writer(
            [
                self.pay_units,
                self.large_groups,
                self.committees,
                self.small_groups,
                self.members,
                self.memberships,
                self.seats,
            ],
            batch_rows,
        )
        self.member_count = 0
        self.national_id_count: dict[int, int] = defaultdict(int)
        self.school_count: dict[str, int] = defaultdict(int)
        # Committee members of the first large groups of each area, who stand for the area.
        self.area_candidates: dict[str, list[list[int]]] = defaultdict(list)
        self.started = time.perf_counter()

    # Plan -------------------------------------------------------------------------------

    def plan(self) -> Iterable[tuple[District, int, int, int]]:
        """(district, number in district, groups in district, members) for every large group."""
        sizes = large_group_sizes(self.members_wanted)
        weights = [size for _code, _area, size in DISTRICTS.values()]
        per_district = apportion(len(sizes), weights)
        sizes_iter = iter(sizes)
        for name, count in zip(DISTRICTS, per_district, strict=True):
            district = self.places.districts[name]
            for number in range(1, count + 1):
                yield district, number, count, next(sizes_iter)

    def build(self) -> dict[str, int]:
        for index, (district, number, count, size) in enumerate(self.plan()):
            self.large_group(index, district, number, count, size)
            if index == 0:
                # Statistics for the table the cap trigger counts in, from the first group's
                # rows. Without them the planner counts a group's members by AND-ing the
                # small-group index with the whole partial index of current memberships (every
                # row here): each new row then reads all the rows before it and the load slows
                # down quadratically. Knowing that every row is current, it uses the small-group
                # index alone; the trigger's cached plan is re-planned after ANALYZE.
                self.writer.flush()
                self.writer.analyze(SmallGroupMembership)
            elif self.writer.maybe_flush():
                self.progress()
        self.network_committees()
        self.writer.flush()
        self.progress()
        return {table.model._meta.label: table.written for table in self.writer.tables}

    def progress(self) -> None:
        done = self.members.written
        self.report(
            _("  สมาชิก %(done)s / %(wanted)s คน (%(percent)d%%) เวลาผ่านไป %(seconds).0f วินาที")
            % {
                "done": f"{done:,}",
                "wanted": f"{self.members_wanted:,}",
                "percent": done * 100 // self.members_wanted,
                "seconds": time.perf_counter() - self.started,
            }
        )

    # Rows -------------------------------------------------------------------------------

    def pay_unit(self, area_code: str, district: District) -> int:
        index = self.school_count[area_code]
        self.school_count[area_code] += 1
        name = (secondary_school_name if area_code == SECONDARY_AREA else primary_school_name)(
            index
        )
        return self.pay_units.add(
            name, f"1062{area_code}{index + 1:06d}", self.places.areas[area_code].pk, district.pk
        )

    def member(
        self,
        *,
        pay_unit_id: int,
        district_code: int,
        joined_from: int,
        joined_to: int,
        status: str = MemberStatus.ACTIVE,
    ) -> tuple[int, datetime.date]:
        person = self.people.person(joined_from=joined_from, joined_to=joined_to)
        self.member_count += 1
        number = self.national_id_count[district_code]
        self.national_id_count[district_code] += 1
        member_id = self.members.add(
            f"{MEMBER_NUMBER_PREFIX}{self.member_count:07d}",
            person.title,
            person.first_name,
            person.last_name,
            national_id(
                first_digit=self.people.first_digit(), district_code=district_code, number=number
            ),
            pay_unit_id,
            person.phone,
            person.email,
            status,
            person.joined_on,
        )
        return member_id, person.joined_on

    def small_group(
        self,
        *,
        large_group_id: int,
        number: int,
        pay_unit_id: int,
        founded_on: datetime.date,
        size: int,
        district_code: int,
        joined_from: int,
        joined_to: int,
    ) -> list[int]:
        small_group_id = self.small_groups.add(large_group_id, number, pay_unit_id, founded_on)
        member_ids = []
        for _place in range(size):
            member_id, joined_on = self.member(
                pay_unit_id=pay_unit_id,
                district_code=district_code,
                joined_from=joined_from,
                joined_to=joined_to,
            )
            self.memberships.add(small_group_id, member_id, max(joined_on, founded_on), None)
            member_ids.append(member_id)
        return member_ids

    def large_group(
        self, index: int, district: District, number: int, count: int, size: int
    ) -> None:
        rng = self.rng
        district_code = self.places.district_code(district)
        if index % SECONDARY_EVERY == SECONDARY_EVERY - 1:
            area_code = SECONDARY_AREA
        else:
            area_code = self.places.primary_area_code(district)
        founded_on = datetime.date(rng.randint(1999, 2020), rng.randint(1, 12), 1)
        approval_date, approval_reference = None, ""
        if size < LARGE_GROUP_MIN_MEMBERS:
            approval_date = datetime.date(2024, 6, 20)
            approval_reference = f"มติคณะกรรมการเครือข่ายจังหวัด ครั้งที่ {index % 9 + 1}/2567"
        large_group_id = self.large_groups.add(
            large_group_name(district.name, number, count),
            self.places.areas[area_code].pk,
            district.pk,
            number,
            founded_on,
            approval_date,
            approval_reference,
        )
        under_size = approval_date is not None
        inactive = 1 if index % INACTIVE_EVERY == 0 and not under_size else 0
        incomplete = (
            INCOMPLETE_SIZE if index % INCOMPLETE_EVERY == INCOMPLETE_AT and not under_size else 0
        )
        sizes = small_group_sizes(size - inactive - incomplete, rng)
        schools = [
            self.pay_unit(area_code, district)
            for _school in range(math.ceil(len(sizes) / SMALL_GROUPS_PER_SCHOOL))
        ]
        firsts, seconds = [], []
        for position, small_size in enumerate(sizes):
            member_ids = self.small_group(
                large_group_id=large_group_id,
                number=position + 1,
                pay_unit_id=schools[position % len(schools)],
                founded_on=datetime.date(
                    rng.randint(founded_on.year + 1, 2022), rng.randint(1, 12), 1
                ),
                size=small_size,
                district_code=district_code,
                joined_from=founded_on.year,
                joined_to=2024,
            )
            firsts.append(member_ids[0])
            seconds.append(member_ids[1])
        if incomplete:
            self.small_group(
                large_group_id=large_group_id,
                number=len(sizes) + 1,
                pay_unit_id=schools[0],
                founded_on=RECENT_FOUNDING,
                size=incomplete,
                district_code=district_code,
                joined_from=2025,
                joined_to=2025,
            )
        if inactive:
            self.member(
                pay_unit_id=schools[-1],
                district_code=district_code,
                joined_from=2000,
                joined_to=2015,
                status=LEAVING_STATUSES[(index // INACTIVE_EVERY) % len(LEAVING_STATUSES)],
            )
        seated = (firsts + seconds)[: len(COMMITTEE_POSITIONS)]
        committee_id = self.committees.add(None, large_group_id)
        self.appoint(committee_id, seated)
        if len(self.area_candidates[area_code]) < len(COMMITTEE_POSITIONS):
            self.area_candidates[area_code].append(seated)

    def appoint(self, committee_id: int, member_ids: list[int]) -> list[int]:
        for member_id, position in zip(member_ids, COMMITTEE_POSITIONS, strict=False):
            self.seats.add(committee_id, position, "", member_id, TERM_START, None)
        return member_ids[: len(COMMITTEE_POSITIONS)]

    def network_committees(self) -> None:
        """Areas seat their groups' chairs first, then vice chairs...; the province likewise."""
        area_seats = []
        for code, area in self.places.areas.items():
            if not self.area_candidates[code]:
                continue  # a very small data set may have no group in this area
            candidates = [
                member
                for seats in zip(*self.area_candidates[code], strict=False)
                for member in seats
            ]
            area_seats.append(self.appoint(self.network_committee(area), candidates))
        # zip() stops at the shortest area, so the rest of every area's seats follow.
        candidates = [member for seats in zip(*area_seats, strict=False) for member in seats]
        candidates += [member for seats in area_seats for member in seats]
        unique = list(dict.fromkeys(candidates))
        self.appoint(self.network_committee(self.places.province), unique)

    def network_committee(self, network: Network) -> int:
        # Not committee_for(): an id from the sequence could clash with the ids handed out here.
        existing = Committee.objects.filter(network=network).values_list("pk", flat=True).first()
        return existing or self.committees.add(network.pk, None)


def load_bulk(
    *, members: int, report: Callable[[str], None], batch_rows: int = BATCH_ROWS
) -> BulkResult:
    """The whole data set in one transaction: an interrupted load leaves nothing behind."""
    started = time.perf_counter()
    models = [
        PayUnit,
        LargeGroup,
        Committee,
        SmallGroup,
        Member,
        SmallGroupMembership,
        CommitteeSeat,
    ]
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Ids are handed out here, not by the sequences: keep other writers out meanwhile.
            tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE")
                # The cap trigger's queries are planned once per session, at the first rows,
                # when the tables are nearly empty and sequential scans look cheapest; kept in
                # the plan cache, they would read the whole table again for every membership
                # row (measured: 200,000 members took minutes, not seconds). Every lookup in
                # this load is by key. See also BulkBuilder.build().
                cursor.execute("SET LOCAL enable_seqscan = off")
        places = ensure_places(actor=Actor.demo())
        builder = BulkBuilder(places, members=members, report=report, batch_rows=batch_rows)
        rows = builder.build()
        report(_("  เขียนครบแล้ว กำลังยืนยันการบันทึก (ฐานข้อมูลตรวจความสัมพันธ์ของทุกแถว)"))
        # The sequences never saw the ids given above; move them past the rows written.
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
    if connection.vendor == "postgresql":
        # Fresh statistics, so the benchmarks that follow get the plans production would.
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return BulkResult(rows=rows, seconds=time.perf_counter() - started)
