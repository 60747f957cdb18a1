"""Factories for pay units and members, with valid national IDs."""

import datetime

import factory

from members.models import Member, MemberStatus, PayUnit, Title
from members.validators import national_id_check_digit
from tests.factories import AuditedFactory
from tests.networks.factories import AreaFactory


def valid_national_id(n: int) -> str:
    first_twelve = f"3{n:011d}"
    return first_twelve + national_id_check_digit(first_twelve)


class PayUnitFactory(AuditedFactory):
    class Meta:
        model = PayUnit

    name = factory.Sequence(lambda n: f"โรงเรียนทดสอบ{n}")
    area = factory.SubFactory(AreaFactory)


class MemberFactory(AuditedFactory):
    class Meta:
        model = Member

    member_number = factory.Sequence(lambda n: f"T{n:07d}")
    title = Title.MRS
    first_name = factory.Faker("first_name", locale="th_TH")
    last_name = factory.Faker("last_name", locale="th_TH")
    national_id = factory.Sequence(valid_national_id)
    pay_unit = factory.SubFactory(PayUnitFactory)
    status = MemberStatus.ACTIVE
    joined_on = datetime.date(2020, 1, 15)


def dashed(national_id: str) -> str:
    """The ID as printed on the card: 3-6201-01205-67-7."""
    parts = [national_id[:1], national_id[1:5], national_id[5:10], national_id[10:12]]
    return "-".join([*parts, national_id[12:]])


def spaced(national_id: str) -> str:
    """The ID as often written by hand: 3 6201 01205 67 7."""
    return dashed(national_id).replace("-", " ")


def twin_pay_units(name: str = "โรงเรียนบ้านหนองไม้") -> list[PayUnit]:
    """Two schools of one name in two areas and districts, as the demo has."""
    from tests.networks.factories import DistrictFactory

    return [
        PayUnitFactory(
            name=name,
            code=f"10620{area}0012",
            district=DistrictFactory(name=district),
        )
        for area, district in [("1", "พรานกระต่าย"), ("2", "คลองขลุง")]
    ]


def namesakes(pay_units, **fields) -> list[Member]:
    """Members of one title and name, one in each pay unit given (repeat a unit for two)."""
    return [
        MemberFactory(
            title=Title.MRS, first_name="มาลี", last_name="ชัยมงคล", pay_unit=unit, **fields
        )
        for unit in pay_units
    ]
