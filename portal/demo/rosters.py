"""The default demo: 15 large groups of the province built through the services of networks,
members and groups, as the demo actor (core.audit.Actor.demo()), so each record has its history."""

import datetime
import math
import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from core.audit import Actor
from groups import services
from groups.models import (
    SMALL_GROUP_MAX_MEMBERS,
    SMALL_GROUP_MIN_MEMBERS,
    LargeGroup,
    Position,
    SmallGroup,
)
from members import services as member_services
from members.models import Member, MemberStatus, PayUnit
from networks.models import District

from .names import PersonMaker, national_id, primary_school_name, secondary_school_name
from .places import SECONDARY_AREA, Places, ensure_places

DEMO_SEED = 2567
# Demo member numbers start with this; finding one means the demo is already loaded.
MEMBER_NUMBER_PREFIX = "KPP"


@dataclass(frozen=True)
class LargeGroupPlan:
    district: str
    area: str
    founded_on: datetime.date
    active_members: int
    # Members of one small group still recruiting: under five, so the group is not complete.
    incomplete_size: int = 0
    # Members who were in the group and have left the programme, by their status now.
    leavers: tuple[str, ...] = ()
    approval: tuple[datetime.date, str] | None = None


D = datetime.date
# In founding order: a district's second group is created after its first, so it is number 2.
DEMO_LARGE_GROUPS = [
    LargeGroupPlan(
        "เมืองกำแพงเพชร",
        "01",
        D(2003, 6, 1),
        # Large enough (over 100 borrowers) for the demo loans to put it in slow-down.
        130,
        leavers=(MemberStatus.RETIRED, MemberStatus.RESIGNED),
    ),
    LargeGroupPlan(
        "เมืองกำแพงเพชร",
        "41",
        D(2010, 7, 1),
        62,
        incomplete_size=4,
        leavers=(MemberStatus.TRANSFERRED,),
    ),
    LargeGroupPlan("ไทรงาม", "01", D(2004, 5, 1), 58, leavers=(MemberStatus.RETIRED,)),
    LargeGroupPlan("คลองลาน", "02", D(2005, 6, 1), 64),
    LargeGroupPlan(
        "ขาณุวรลักษบุรี", "02", D(2003, 8, 1), 78, leavers=(MemberStatus.DECEASED, MemberStatus.RETIRED)
    ),
    LargeGroupPlan("ขาณุวรลักษบุรี", "02", D(2011, 1, 15), 60, incomplete_size=3),
    LargeGroupPlan("คลองขลุง", "02", D(2004, 2, 1), 66, leavers=(MemberStatus.EXPELLED,)),
    LargeGroupPlan("คลองขลุง", "41", D(2013, 6, 1), 52),
    LargeGroupPlan("พรานกระต่าย", "01", D(2003, 9, 1), 70, leavers=(MemberStatus.RESIGNED,)),
    LargeGroupPlan("พรานกระต่าย", "01", D(2012, 6, 1), 56),
    LargeGroupPlan("ลานกระบือ", "01", D(2004, 7, 1), 55, leavers=(MemberStatus.TRANSFERRED,)),
    LargeGroupPlan("ทรายทองวัฒนา", "02", D(2007, 6, 1), 53, incomplete_size=2),
    LargeGroupPlan("ปางศิลาทอง", "02", D(2008, 6, 1), 54, leavers=(MemberStatus.RETIRED,)),
    LargeGroupPlan("บึงสามัคคี", "02", D(2008, 11, 1), 56),
    # The one group under 50 members: it keeps its rights by the provincial committee's approval.
    LargeGroupPlan(
        "โกสัมพีนคร",
        "01",
        D(2009, 5, 1),
        42,
        approval=(D(2024, 6, 20), "มติคณะกรรมการเครือข่ายจังหวัด ครั้งที่ 2/2567"),
    ),
]

# When each kind of leaving is recorded: retirement at the end of the fiscal year (30 Sep),
# transfers in the May posting round.
LEAVING_DATES = {
    MemberStatus.RETIRED: D(2025, 9, 30),
    MemberStatus.RESIGNED: D(2025, 3, 31),
    MemberStatus.TRANSFERRED: D(2024, 5, 16),
    MemberStatus.DECEASED: D(2024, 8, 12),
    MemberStatus.EXPELLED: D(2023, 12, 20),
}
INCOMPLETE_GROUP_FOUNDED_ON = D(2025, 11, 1)
LAST_JOINING_YEAR = 2024

COMMITTEE_POSITIONS = [
    Position.CHAIR,
    Position.VICE_CHAIR,
    Position.REGISTRAR,
    Position.TREASURER,
    Position.SECRETARY,
    Position.MEMBER,
    Position.MEMBER,
]
# Other positions some large groups decide to have, as the programme's rules allow.
OTHER_POSITIONS = ["ประชาสัมพันธ์", "ปฏิคม", "ผู้ตรวจสอบบัญชี"]
LARGE_GROUP_TERM_START = D(2025, 1, 16)  # elected at the January members' meeting
AREA_TERM_START = D(2025, 2, 1)
PROVINCE_TERM_START = D(2025, 3, 1)
PREVIOUS_PROVINCE_TERM = (D(2021, 3, 1), D(2025, 2, 28))


def small_group_sizes(total: int, rng: random.Random) -> list[int]:
    """Split `total` members into small groups of 5 to 10, about eight each, in random sizes."""
    if total < SMALL_GROUP_MIN_MEMBERS:
        raise ValueError(f"{total} members cannot make a complete small group")
    count = math.ceil(total / 8)
    if total // count < SMALL_GROUP_MIN_MEMBERS:
        count = math.ceil(total / SMALL_GROUP_MAX_MEMBERS)
    sizes = [total // count + (1 if index < total % count else 0) for index in range(count)]
    # Moving one member at a time between two groups keeps the total and both bounds.
    for _step in range(count * 2):
        giver, taker = rng.randrange(count), rng.randrange(count)
        if sizes[giver] > SMALL_GROUP_MIN_MEMBERS and sizes[taker] < SMALL_GROUP_MAX_MEMBERS:
            sizes[giver] -= 1
            sizes[taker] += 1
    return sizes


def is_loaded() -> bool:
    return Member.objects.filter(member_number__startswith=MEMBER_NUMBER_PREFIX).exists()


@dataclass
class DemoResult:
    large_groups: int = 0
    small_groups: int = 0
    members: int = 0
    pay_units: int = 0
    committee_seats: int = 0


class DemoBuilder:
    """Builds the demo roster in creation order; every record goes through a service."""

    def __init__(self, places: Places, *, actor: Actor, seed: int = DEMO_SEED):
        self.places = places
        self.actor = actor
        self.rng = random.Random(seed)  # noqa: S311  (reproducible data, not secrets)
        self.people = PersonMaker(self.rng)
        self.result = DemoResult()
        self.member_count = 0
        self.national_id_count: dict[int, int] = defaultdict(int)
        self.school_count: dict[str, int] = defaultdict(int)
        self.large_group_seats: dict[str, list[list[Member]]] = defaultdict(list)

    def build(self) -> DemoResult:
        for plan in DEMO_LARGE_GROUPS:
            self.large_group(plan)
        self.network_committees()
        return self.result

    # Pay units and members --------------------------------------------------------------

    def pay_unit(self, *, area_code: str, district: District) -> PayUnit:
        index = self.school_count[area_code]
        self.school_count[area_code] += 1
        if area_code == SECONDARY_AREA:
            name = secondary_school_name(index)
        else:
            name = primary_school_name(index)
        unit = member_services.create_pay_unit(
            actor=self.actor,
            name=name,
            code=f"1062{area_code}{index + 1:04d}",
            area=self.places.areas[area_code],
            district=district,
        )
        self.result.pay_units += 1
        return unit

    def new_members(
        self, *, pay_unit: PayUnit, count: int, joined_from: int, joined_to: int
    ) -> list[Member]:
        district_code = self.places.district_code(pay_unit.district)
        members = []
        for _index in range(count):
            person = self.people.person(joined_from=joined_from, joined_to=joined_to)
            self.member_count += 1
            number = self.national_id_count[district_code]
            self.national_id_count[district_code] += 1
            member = Member(
                member_number=f"{MEMBER_NUMBER_PREFIX}{self.member_count:05d}",
                title=person.title,
                first_name=person.first_name,
                last_name=person.last_name,
                national_id=national_id(
                    first_digit=self.people.first_digit(),
                    district_code=district_code,
                    number=number,
                ),
                pay_unit=pay_unit,
                phone=person.phone,
                email=person.email,
                joined_on=person.joined_on,
            )
            members.append(member)
        # One uniqueness query per field for the batch instead of two per member: a few seconds.
        members = member_services.bulk_create_members(actor=self.actor, members=members)
        self.result.members += count
        return members

    def join(self, members: list[Member], small_group: SmallGroup) -> None:
        for member in members:
            services.add_member_to_small_group(
                actor=self.actor,
                member=member,
                small_group=small_group,
                started_on=max(member.joined_on, small_group.founded_on),
            )

    # Groups -----------------------------------------------------------------------------

    def small_group(self, *, large_group: LargeGroup, pay_unit: PayUnit, founded_on) -> SmallGroup:
        self.result.small_groups += 1
        return services.create_small_group(
            actor=self.actor, large_group=large_group, pay_unit=pay_unit, founded_on=founded_on
        )

    def large_group(self, plan: LargeGroupPlan) -> None:
        rng = self.rng
        district = self.places.districts[plan.district]
        approval_date, approval_reference = plan.approval or (None, "")
        group = services.create_large_group(
            actor=self.actor,
            area=self.places.areas[plan.area],
            district=district,
            founded_on=plan.founded_on,
            approval_date=approval_date,
            approval_reference=approval_reference,
        )
        self.result.large_groups += 1
        sizes = small_group_sizes(plan.active_members - plan.incomplete_size, rng)
        # Two or three small groups per school, as in a school of twenty-odd teachers.
        units = [
            self.pay_unit(area_code=plan.area, district=district)
            for _unit in range(math.ceil(len(sizes) / 2.5))
        ]
        active: list[Member] = []
        open_groups: list[SmallGroup] = []
        for index, size in enumerate(sizes):
            unit = units[index % len(units)]
            founded_on = D(rng.randint(plan.founded_on.year + 1, 2022), rng.randint(1, 12), 1)
            small_group = self.small_group(large_group=group, pay_unit=unit, founded_on=founded_on)
            members = self.new_members(
                pay_unit=unit,
                count=size,
                joined_from=plan.founded_on.year,
                joined_to=LAST_JOINING_YEAR,
            )
            self.join(members, small_group)
            active.extend(members)
            if size < SMALL_GROUP_MAX_MEMBERS:
                open_groups.append(small_group)
        if plan.incomplete_size:
            small_group = self.small_group(
                large_group=group, pay_unit=units[0], founded_on=INCOMPLETE_GROUP_FOUNDED_ON
            )
            # Teachers who joined the programme this year and are still recruiting colleagues.
            members = self.new_members(
                pay_unit=units[0], count=plan.incomplete_size, joined_from=2025, joined_to=2025
            )
            self.join(members, small_group)
            active.extend(members)
        for status in plan.leavers:
            self.leaver(small_group=rng.choice(open_groups), status=status)
        self.large_group_committee(group, active, area_code=plan.area)

    def leaver(self, *, small_group: SmallGroup, status: str) -> None:
        """A member who was in the small group until leaving the programme."""
        (member,) = self.new_members(
            pay_unit=small_group.pay_unit, count=1, joined_from=2000, joined_to=2015
        )
        self.join([member], small_group)
        services.change_member_status(
            actor=self.actor, member=member, status=status, on=LEAVING_DATES[status]
        )

    # Committees -------------------------------------------------------------------------

    def appoint(self, owner, members: list[Member], term_start: datetime.date) -> list[Member]:
        committee = services.committee_for(actor=self.actor, owner=owner)
        for member, position in zip(members, COMMITTEE_POSITIONS, strict=False):
            services.appoint_committee_seat(
                actor=self.actor,
                committee=committee,
                member=member,
                position=position,
                term_start=term_start,
            )
            self.result.committee_seats += 1
        return members[: len(COMMITTEE_POSITIONS)]

    def large_group_committee(
        self, group: LargeGroup, active: list[Member], *, area_code: str
    ) -> None:
        seated = self.rng.sample(active, len(COMMITTEE_POSITIONS) + 1)
        self.appoint(group, seated, LARGE_GROUP_TERM_START)
        if self.result.large_groups % 3 == 0:
            services.appoint_committee_seat(
                actor=self.actor,
                committee=services.committee_for(actor=self.actor, owner=group),
                member=seated[-1],
                position=Position.OTHER,
                position_title=OTHER_POSITIONS[self.result.large_groups % len(OTHER_POSITIONS)],
                term_start=LARGE_GROUP_TERM_START,
            )
            self.result.committee_seats += 1
        self.large_group_seats[area_code].append(seated[: len(COMMITTEE_POSITIONS)])

    def network_committees(self) -> None:
        """Each area elects from its groups' committees; the province from the areas'."""
        area_seats = []
        for code, area in self.places.areas.items():
            # Chairs of every group first, then their vice chairs, and so on down the seats.
            candidates = [
                member
                for seats in zip(*self.large_group_seats[code], strict=True)
                for member in seats
            ]
            area_seats.append(self.appoint(area, candidates, AREA_TERM_START))
        candidates = [member for seats in zip(*area_seats, strict=True) for member in seats]
        province = self.places.province
        previous_chair = candidates[len(COMMITTEE_POSITIONS)]
        services.appoint_committee_seat(
            actor=self.actor,
            committee=services.committee_for(actor=self.actor, owner=province),
            member=previous_chair,
            position=Position.CHAIR,
            term_start=PREVIOUS_PROVINCE_TERM[0],
            term_end=PREVIOUS_PROVINCE_TERM[1],
        )
        self.result.committee_seats += 1
        self.appoint(province, candidates, PROVINCE_TERM_START)


@transaction.atomic
def load_demo(*, actor: Actor | None = None) -> DemoResult:
    """The whole demo in one transaction: an interrupted load leaves nothing half-made."""
    actor = actor or Actor.demo()
    return DemoBuilder(ensure_places(actor=actor), actor=actor).build()
