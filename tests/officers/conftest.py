"""Two provinces' worth of rosters and officers placed in them, for the scope tests.

    P1 ─ A1 ─ "mine"   (district D1)      P2 ─ A3 ─ "far" (district D3)
       └ A2 ─ "theirs" (district D2)

Each large group has a small group of five members (named after the group, so a page that
leaks a row shows its name), a committee with a seat, an approved loan with the bank's row of
a month, and the month's snapshots.
"""

import dataclasses
import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from core.audit import Actor
from groups.models import LargeGroup, SmallGroup
from loans.models import Loan
from loans.snapshots import compute_month
from members.models import Member, PayUnit
from networks.models import Network
from officers import roles, services
from tests.groups.factories import SmallGroupFactory, fill_small_group
from tests.loans.factories import approved_loans, report, seat_on
from tests.members.factories import PayUnitFactory
from tests.networks.factories import AreaFactory, DistrictFactory, ProvinceFactory

MONTH = datetime.date(2024, 6, 1)


@dataclasses.dataclass
class Place:
    name: str
    area: Network
    large_group: LargeGroup
    small_group: SmallGroup
    pay_unit: PayUnit
    members: list[Member]
    loan: Loan


def build_place(name: str, area: Network) -> Place:
    district = DistrictFactory(name=f"อำเภอ{name}", province=area.parent)
    pay_unit = PayUnitFactory(name=f"โรงเรียน{name}", area=area, district=district)
    small_group = SmallGroupFactory(
        large_group__area=area, large_group__district=district, pay_unit=pay_unit
    )
    members = fill_small_group(small_group, 5, first_name=f"สมาชิก{name}")
    seat = seat_on(small_group.large_group, member=members[0])
    (loan,) = approved_loans(members[1:2], seat=seat, contract_number=f"GSB-{name}")
    report([loan], month=MONTH)
    return Place(name, area, small_group.large_group, small_group, pay_unit, members, loan)


@pytest.fixture
def world(db):
    p1 = ProvinceFactory()
    p2 = ProvinceFactory(name="เครือข่ายพัฒนาชีวิตครูจังหวัดตาก", short_name="จังหวัดตาก")
    a1 = AreaFactory(parent=p1, short_name="เขตหนึ่ง", name="เครือข่ายเขตหนึ่ง")
    a2 = AreaFactory(parent=p1, short_name="เขตสอง", name="เครือข่ายเขตสอง")
    a3 = AreaFactory(parent=p2, short_name="เขตไกล", name="เครือข่ายเขตไกล")
    places = {
        "mine": build_place("ของเรา", a1),
        "theirs": build_place("ของเขา", a2),
        "far": build_place("แดนไกล", a3),
    }
    compute_month(month=MONTH, notify=False)
    return {"p1": p1, "p2": p2, "a1": a1, "a2": a2, "a3": a3, **places}


def make_officer(username, role, *, starts_on=None, ends_on=None, **place):
    user = User.objects.create_user(username=username, password="x")  # noqa: S106
    today = timezone.localdate()
    services.assign_place(
        actor=Actor.command("tests"),
        user=user,
        role=roles.role_group(role),
        starts_on=starts_on or today - datetime.timedelta(days=30),
        ends_on=ends_on or today + datetime.timedelta(days=365),
        **place,
    )
    user.refresh_from_db()
    return user


@pytest.fixture
def officers(world):
    """Each demo role, and the places it may not reach."""
    return {
        "registrar": (
            make_officer("registrar", roles.REGISTRAR, large_group=world["mine"].large_group),
            ["theirs", "far"],
        ),
        "treasurer": (
            make_officer("treasurer", roles.TREASURER, large_group=world["mine"].large_group),
            ["theirs", "far"],
        ),
        "secretary": (
            make_officer("secretary", roles.SECRETARY, large_group=world["mine"].large_group),
            ["theirs", "far"],
        ),
        "viewer": (make_officer("viewer", roles.VIEWER, network=world["a1"]), ["theirs", "far"]),
        "provincial_admin": (
            make_officer("padmin", roles.PROVINCIAL_ADMIN, network=world["p1"]),
            ["far"],
        ),
    }
