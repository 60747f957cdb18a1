"""Every write to the group rosters: one function per change, one transaction each."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from members.models import Member, MemberStatus, PayUnit
from networks.models import District, Network

from .models import (
    Committee,
    CommitteeSeat,
    LargeGroup,
    SmallGroup,
    SmallGroupMembership,
    large_group_name,
    small_group_full_error,
)


def is_small_group_full_violation(error: IntegrityError) -> bool:
    """Whether the database's cap trigger refused the write (see groups migration 0002)."""
    return "small_group_full" in str(error)


def refresh_large_group_names(*, district: District) -> None:
    """Rewrite the names of a district's large groups after one opens or closes there."""
    groups = list(LargeGroup.objects.filter(district=district).order_by("number"))
    for group in groups:
        name = large_group_name(district.name, group.number, len(groups))
        if group.name != name:
            group.name = name
            group.save(update_fields=["name"])


@transaction.atomic
def create_large_group(
    *,
    area: Network,
    district: District,
    founded_on: datetime.date,
    approval_date: datetime.date | None = None,
    approval_reference: str = "",
) -> LargeGroup:
    """Open a large group: it takes the next number in its district, and names follow the rule."""
    # Locking the district serialises two groups opening in one district at once.
    district = District.objects.select_for_update().get(pk=district.pk)
    last = LargeGroup.objects.filter(district=district).aggregate(last=Max("number"))["last"]
    group = LargeGroup(
        area=area,
        district=district,
        number=(last or 0) + 1,
        founded_on=founded_on,
        approval_date=approval_date,
        approval_reference=approval_reference,
        name="",
    )
    group.full_clean(exclude=["name"])
    group.save()
    refresh_large_group_names(district=district)
    group.refresh_from_db(fields=["name"])
    return group


@transaction.atomic
def update_large_group(*, group: LargeGroup, **fields) -> LargeGroup:
    """Change a group's details; moving it to another district renumbers it there."""
    old_district_id = LargeGroup.objects.values_list("district_id", flat=True).get(pk=group.pk)
    for name, value in fields.items():
        setattr(group, name, value)
    if group.district_id != old_district_id:
        district = District.objects.select_for_update().get(pk=group.district_id)
        last = LargeGroup.objects.filter(district=district).aggregate(last=Max("number"))["last"]
        group.number = (last or 0) + 1
    group.full_clean(exclude=["name"])
    group.save()
    refresh_large_group_names(district=group.district)
    if group.district_id != old_district_id:
        refresh_large_group_names(district=District.objects.get(pk=old_district_id))
    group.refresh_from_db(fields=["name"])
    return group


@transaction.atomic
def delete_large_group(*, group: LargeGroup) -> None:
    district = group.district
    group.delete()
    refresh_large_group_names(district=district)


@transaction.atomic
def create_small_group(
    *, large_group: LargeGroup, pay_unit: PayUnit, founded_on: datetime.date
) -> SmallGroup:
    """Open a small group: it takes the next number in its large group."""
    large_group = LargeGroup.objects.select_for_update().get(pk=large_group.pk)
    last = SmallGroup.objects.filter(large_group=large_group).aggregate(last=Max("number"))["last"]
    small_group = SmallGroup(
        large_group=large_group, pay_unit=pay_unit, number=(last or 0) + 1, founded_on=founded_on
    )
    small_group.full_clean()
    small_group.save()
    return small_group


@transaction.atomic
def add_member_to_small_group(
    *, member: Member, small_group: SmallGroup, started_on: datetime.date
) -> SmallGroupMembership:
    """Put a member in a small group, holding the ten-member cap under concurrent additions."""
    # The row lock makes a second officer adding to the same group wait for this one's commit.
    small_group = (
        SmallGroup.objects.select_for_update(of=("self",))
        .select_related("pay_unit")
        .get(pk=small_group.pk)
    )
    # Locking the member too serialises two officers placing the same person in two groups,
    # and reads the status as it is now.
    member = (
        Member.objects.select_for_update(of=("self",)).select_related("pay_unit").get(pk=member.pk)
    )
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(
            _("%(member)s มีสถานะ “%(status)s” จึงเข้ากลุ่มย่อยไม่ได้ ต้องเป็นสมาชิกสถานะปกติ"),
            code="member_not_active",
            params={"member": member.choice_label, "status": member.get_status_display()},
        )
    current = SmallGroupMembership.objects.filter(member=member, ended_on__isnull=True).first()
    if current is not None:
        raise ValidationError(
            _(
                "%(member)s อยู่ใน%(group)s ของ%(large)s แล้ว: บันทึกวันที่ออกจากกลุ่มเดิมก่อน "
                "(การย้ายไปกลุ่มในอำเภออื่นต้องได้รับอนุมัติจากคณะกรรมการ 3 ฝ่าย)"
            ),
            code="member_already_in_group",
            params={
                "member": member.choice_label,
                "group": current.small_group.name,
                "large": current.small_group.large_group,
            },
        )
    membership = SmallGroupMembership(member=member, small_group=small_group, started_on=started_on)
    membership.full_clean()
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:
        if is_small_group_full_violation(error):
            raise small_group_full_error(small_group) from error
        raise
    return membership


@transaction.atomic
def end_membership(*, membership: SmallGroupMembership, ended_on: datetime.date) -> None:
    membership.ended_on = ended_on
    membership.full_clean()
    membership.save(update_fields=["ended_on"])


@transaction.atomic
def change_member_status(*, member: Member, status: str, on: datetime.date) -> Member:
    """Record a member leaving or returning; leaving the programme ends the small-group place."""
    member.status = status
    member.full_clean()
    member.save(update_fields=["status"])
    if status != MemberStatus.ACTIVE:
        for membership in SmallGroupMembership.objects.filter(member=member, ended_on__isnull=True):
            end_membership(membership=membership, ended_on=max(on, membership.started_on))
    return member


def committee_for(owner: Network | LargeGroup) -> Committee:
    """The committee of a network or a large group, opened on first use."""
    field = "network" if isinstance(owner, Network) else "large_group"
    committee, _created = Committee.objects.get_or_create(**{field: owner})
    return committee


@transaction.atomic
def appoint_committee_seat(
    *,
    committee: Committee,
    member: Member,
    position: str,
    term_start: datetime.date,
    term_end: datetime.date | None = None,
    position_title: str = "",
) -> CommitteeSeat:
    """Seat a member on a committee; a second chair with an overlapping term is refused."""
    Committee.objects.select_for_update().get(pk=committee.pk)
    seat = CommitteeSeat(
        committee=committee,
        member=member,
        position=position,
        position_title=position_title,
        term_start=term_start,
        term_end=term_end,
    )
    seat.full_clean()
    seat.save()
    return seat
