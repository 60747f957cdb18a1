"""Factories for large and small groups, memberships and committees; writes go through services."""

import datetime

import factory

from groups import services
from groups.models import (
    Committee,
    CommitteeSeat,
    LargeGroup,
    Position,
    SmallGroup,
    SmallGroupMembership,
)
from tests.factories import TEST_ACTOR, AuditedFactory
from tests.members.factories import MemberFactory, PayUnitFactory
from tests.networks.factories import AreaFactory, DistrictFactory


class LargeGroupFactory(AuditedFactory):
    """Numbered and named by groups.services.create_large_group, as every other path is."""

    class Meta:
        model = LargeGroup

    area = factory.SubFactory(AreaFactory)
    district = factory.SubFactory(DistrictFactory, province=factory.SelfAttribute("..area.parent"))
    founded_on = datetime.date(2015, 6, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.create_large_group(actor=TEST_ACTOR, **kwargs)


class SmallGroupFactory(AuditedFactory):
    class Meta:
        model = SmallGroup

    large_group = factory.SubFactory(LargeGroupFactory)
    pay_unit = factory.SubFactory(PayUnitFactory, area=factory.SelfAttribute("..large_group.area"))
    founded_on = datetime.date(2016, 1, 10)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.create_small_group(actor=TEST_ACTOR, **kwargs)


def fill_small_group(small_group: SmallGroup, count: int, **member_fields):
    """Add `count` new members of the group's pay unit through the service; returns them."""
    members = MemberFactory.create_batch(count, pay_unit=small_group.pay_unit, **member_fields)
    for member in members:
        services.add_member_to_small_group(
            actor=TEST_ACTOR,
            member=member,
            small_group=small_group,
            started_on=datetime.date(2016, 2, 1),
        )
    return members


class CommitteeFactory(AuditedFactory):
    class Meta:
        model = Committee

    large_group = factory.SubFactory(LargeGroupFactory)


class CommitteeSeatFactory(AuditedFactory):
    class Meta:
        model = CommitteeSeat

    committee = factory.SubFactory(CommitteeFactory)
    position = Position.MEMBER
    member = factory.SubFactory(MemberFactory)
    term_start = datetime.date(2024, 1, 1)
    term_end = datetime.date(2025, 12, 31)


class SmallGroupMembershipFactory(AuditedFactory):
    """Writes the row directly, past the service: for tests of the database's own guards."""

    class Meta:
        model = SmallGroupMembership

    small_group = factory.SubFactory(SmallGroupFactory)
    member = factory.SubFactory(
        MemberFactory, pay_unit=factory.SelfAttribute("..small_group.pay_unit")
    )
    started_on = datetime.date(2016, 2, 1)
