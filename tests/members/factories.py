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
