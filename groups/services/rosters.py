"""Writes to large groups, small groups and who is in which small group, and a member's status
(leaving the programme ends the small-group place in the same transaction)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core import writes
from core.audit import Actor, service
from members.models import Member, MemberStatus, PayUnit
from networks.models import District, Network

from ..models import (
    LargeGroup,
    SmallGroup,
    SmallGroupMembership,
    large_group_name,
    small_group_full_error,
)

LARGE_GROUP_FIELDS = frozenset(
    {"area", "district", "founded_on", "approval_date", "approval_reference"}
)
SMALL_GROUP_FIELDS = frozenset({"large_group", "pay_unit", "founded_on"})
MEMBERSHIP_FIELDS = frozenset({"started_on", "ended_on"})


def is_small_group_full_violation(error: IntegrityError) -> bool:
    """Whether the database's cap trigger refused the write (see groups migration 0002)."""
    return "small_group_full" in str(error)


# --- Large groups ---------------------------------------------------------------------------


@service
def refresh_large_group_names(*, actor: Actor, district: District) -> None:
    """Rewrite the names of a district's large groups after one opens or closes there."""
    groups = list(LargeGroup.objects.filter(district=district).order_by("number"))
    for group in groups:
        name = large_group_name(district.name, group.number, len(groups))
        if group.name != name:
            group.name = name
            group.save(update_fields=["name"])


def next_large_group_number(district: District) -> int:
    last = LargeGroup.objects.filter(district=district).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


@service
def create_large_group(
    *,
    actor: Actor,
    area: Network,
    district: District,
    founded_on: datetime.date,
    approval_date: datetime.date | None = None,
    approval_reference: str = "",
) -> LargeGroup:
    """Open a large group: it takes the next number in its district, and names follow the rule."""
    # Locking the district serialises two groups opening in one district at once.
    district = District.objects.select_for_update().get(pk=district.pk)
    group = LargeGroup(
        area=area,
        district=district,
        number=next_large_group_number(district),
        founded_on=founded_on,
        approval_date=approval_date,
        approval_reference=approval_reference,
        name="",
    )
    group.full_clean(exclude=["name"])
    group.save()
    refresh_large_group_names(actor=actor, district=district)
    group.refresh_from_db(fields=["name"])
    return group


@service
def update_large_group(*, actor: Actor, group: LargeGroup, **fields) -> LargeGroup:
    """Change a group's details; moving it to another district renumbers it there."""
    group = LargeGroup.objects.select_for_update().get(pk=group.pk)
    old_district_id = group.district_id
    writes.assign(group, fields, editable=LARGE_GROUP_FIELDS)
    if group.district_id != old_district_id:
        district = District.objects.select_for_update().get(pk=group.district_id)
        group.number = next_large_group_number(district)
    group.full_clean(exclude=["name"])
    group.save()
    refresh_large_group_names(actor=actor, district=group.district)
    if group.district_id != old_district_id:
        refresh_large_group_names(actor=actor, district=District.objects.get(pk=old_district_id))
    group.refresh_from_db(fields=["name"])
    return group


def large_group_deletion_refusal(group: LargeGroup) -> ValidationError | None:
    return writes.deletion_refusal(
        group,
        how=_(
            "ลบกลุ่มย่อยและคณะกรรมการของกลุ่มใหญ่นี้ก่อน หรือถ้ากลุ่มยังมีประวัติสมาชิกอยู่ "
            "ให้เก็บกลุ่มไว้และบันทึกวันที่ออกจากกลุ่มของสมาชิกแทน"
        ),
    )


@service
def delete_large_group(*, actor: Actor, group: LargeGroup) -> None:
    group = LargeGroup.objects.select_for_update().select_related("district").get(pk=group.pk)
    if refusal := large_group_deletion_refusal(group):
        raise refusal
    district = group.district
    group.delete()
    refresh_large_group_names(actor=actor, district=district)


# --- Small groups ---------------------------------------------------------------------------


def next_small_group_number(large_group: LargeGroup) -> int:
    last = SmallGroup.objects.filter(large_group=large_group).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


@service
def create_small_group(
    *, actor: Actor, large_group: LargeGroup, pay_unit: PayUnit, founded_on: datetime.date
) -> SmallGroup:
    """Open a small group: it takes the next number in its large group."""
    large_group = LargeGroup.objects.select_for_update().get(pk=large_group.pk)
    small_group = SmallGroup(
        large_group=large_group,
        pay_unit=pay_unit,
        number=next_small_group_number(large_group),
        founded_on=founded_on,
    )
    small_group.full_clean()
    small_group.save()
    return small_group


@service
def update_small_group(*, actor: Actor, small_group: SmallGroup, **fields) -> SmallGroup:
    """Change a small group's pay unit or founding date (SmallGroup.clean checks that its current
    members are of the new pay unit), or move it to another large group, where it takes the next
    number."""
    small_group = SmallGroup.objects.select_for_update().get(pk=small_group.pk)
    old_large_group_id = small_group.large_group_id
    writes.assign(small_group, fields, editable=SMALL_GROUP_FIELDS)
    if small_group.large_group_id != old_large_group_id:
        large_group = LargeGroup.objects.select_for_update().get(pk=small_group.large_group_id)
        small_group.number = next_small_group_number(large_group)
    small_group.full_clean()
    small_group.save()
    return small_group


def small_group_deletion_refusal(small_group: SmallGroup) -> ValidationError | None:
    return writes.deletion_refusal(
        small_group,
        how=_(
            "กลุ่มย่อยที่เคยมีสมาชิก (รวมผู้ที่ออกไปแล้ว) ต้องเก็บไว้เป็นประวัติการค้ำประกัน: "
            "ถ้ากลุ่มเลิกแล้ว ให้บันทึกวันที่ออกจากกลุ่มของสมาชิกทุกคนแทนการลบ"
        ),
    )


@service
def delete_small_group(*, actor: Actor, small_group: SmallGroup) -> None:
    """Delete a small group opened by mistake; one that ever had members is refused."""
    small_group = SmallGroup.objects.select_for_update().get(pk=small_group.pk)
    if refusal := small_group_deletion_refusal(small_group):
        raise refusal
    small_group.delete()


# --- Small-group places ---------------------------------------------------------------------


def lock_for_joining(
    *, member: Member, small_group: SmallGroup, membership: SmallGroupMembership | None = None
) -> tuple[Member, SmallGroup]:
    """Lock the group and the member and check that the member may hold a place in it now:
    active, and in no other small group (`membership`, when given, is the place itself)."""
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
    current = SmallGroupMembership.objects.filter(member=member, ended_on__isnull=True)
    if membership is not None:
        current = current.exclude(pk=membership.pk)
    current = current.select_related("small_group__large_group").first()
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
    return member, small_group


def save_place(membership: SmallGroupMembership, small_group: SmallGroup, **options) -> None:
    """Save a current place; the database's cap trigger answers as clean() would."""
    try:
        with transaction.atomic():
            membership.save(**options)
    except IntegrityError as error:
        if is_small_group_full_violation(error):
            raise small_group_full_error(small_group) from error
        raise


@service
def add_member_to_small_group(
    *, actor: Actor, member: Member, small_group: SmallGroup, started_on: datetime.date
) -> SmallGroupMembership:
    """Put a member in a small group, holding the ten-member cap under concurrent additions."""
    member, small_group = lock_for_joining(member=member, small_group=small_group)
    membership = SmallGroupMembership(member=member, small_group=small_group, started_on=started_on)
    membership.full_clean()
    save_place(membership, small_group)
    return membership


@service
def end_membership(
    *, actor: Actor, membership: SmallGroupMembership, ended_on: datetime.date
) -> SmallGroupMembership:
    """Take a member out of a small group on a day: the place ends, the row stays as history."""
    membership = SmallGroupMembership.objects.select_for_update().get(pk=membership.pk)
    membership.ended_on = ended_on
    membership.full_clean()
    membership.save(update_fields=["ended_on"])
    return membership


@service
def update_membership(
    *, actor: Actor, membership: SmallGroupMembership, **fields
) -> SmallGroupMembership:
    """Correct the dates of a place. Clearing the end date gives the place back, so the member
    must then be able to join as a new member would (active, in no other group, room in it)."""
    membership = (
        SmallGroupMembership.objects.select_for_update(of=("self",))
        .select_related("small_group", "member")
        .get(pk=membership.pk)
    )
    was_current = membership.is_current
    writes.assign(membership, fields, editable=MEMBERSHIP_FIELDS)
    if membership.is_current and not was_current:
        lock_for_joining(
            member=membership.member, small_group=membership.small_group, membership=membership
        )
    membership.full_clean()
    save_place(membership, membership.small_group, update_fields=list(fields))
    return membership


@service
def change_member_status(*, actor: Actor, member: Member, status: str, on: datetime.date) -> Member:
    """Record a member leaving or returning; leaving the programme ends the small-group place."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    member.status = status
    member.full_clean()
    member.save(update_fields=["status"])
    if status != MemberStatus.ACTIVE:
        for membership in SmallGroupMembership.objects.filter(member=member, ended_on__isnull=True):
            end_membership(
                actor=actor, membership=membership, ended_on=max(on, membership.started_on)
            )
    return member
