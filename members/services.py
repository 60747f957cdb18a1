"""Every write to pay units and members: one function per change, each in one transaction and
attributed to its actor (core.audit).

A member's status is not changed here: leaving the programme ends the member's small-group
place, which belongs to the groups app (`groups.services.change_member_status`), and members
cannot import groups.
"""

import datetime
from collections import Counter

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core import audit, writes
from core.audit import Actor, service
from networks.models import District, Network

from .models import Member, MemberStatus, PayUnit

PAY_UNIT_FIELDS = frozenset({"name", "code", "area", "district"})
MEMBER_FIELDS = frozenset(
    {
        "member_number",
        "title",
        "first_name",
        "last_name",
        "national_id",
        "pay_unit",
        "phone",
        "email",
        "joined_on",
    }
)
# Fields a bulk load may not repeat, within the load or against the stored members.
MEMBER_UNIQUE_FIELDS = ("member_number", "national_id")
LOOKUP_BATCH = 500  # values per IN (...) query: well under SQLite's limit on parameters


@service
def create_pay_unit(
    *,
    actor: Actor,
    name: str,
    area: Network,
    code: str | None = None,
    district: District | None = None,
) -> PayUnit:
    pay_unit = PayUnit(name=name, area=area, code=code or None, district=district)
    pay_unit.full_clean()
    pay_unit.save()
    return pay_unit


@service
def update_pay_unit(*, actor: Actor, pay_unit: PayUnit, **fields) -> PayUnit:
    pay_unit = PayUnit.objects.select_for_update().get(pk=pay_unit.pk)
    writes.assign(pay_unit, fields, editable=PAY_UNIT_FIELDS)
    pay_unit.full_clean()
    pay_unit.save()
    return pay_unit


def pay_unit_deletion_refusal(pay_unit: PayUnit) -> ValidationError | None:
    return writes.deletion_refusal(
        pay_unit,
        how=_("ย้ายสมาชิกและกลุ่มย่อยของหน่วยงานนี้ไปหน่วยงานอื่นก่อน หรือเก็บหน่วยงานนี้ไว้"),
    )


@service
def delete_pay_unit(*, actor: Actor, pay_unit: PayUnit) -> None:
    pay_unit = PayUnit.objects.select_for_update().get(pk=pay_unit.pk)
    if refusal := pay_unit_deletion_refusal(pay_unit):
        raise refusal
    pay_unit.delete()


@service
def create_member(
    *,
    actor: Actor,
    member_number: str,
    title: str,
    first_name: str,
    last_name: str,
    national_id: str,
    pay_unit: PayUnit,
    joined_on: datetime.date,
    phone: str = "",
    email: str = "",
    status: str = MemberStatus.ACTIVE,
) -> Member:
    member = Member(
        member_number=member_number,
        title=title,
        first_name=first_name,
        last_name=last_name,
        national_id=national_id,
        pay_unit=pay_unit,
        joined_on=joined_on,
        phone=phone,
        email=email,
        status=status,
    )
    member.full_clean()
    member.save()
    return member


@service
def update_member(*, actor: Actor, member: Member, **fields) -> Member:
    """Change a member's details; the status has its own service in groups (see above)."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    writes.assign(member, fields, editable=MEMBER_FIELDS)
    member.full_clean()
    member.save()
    return member


def member_deletion_refusal(member: Member) -> ValidationError | None:
    return writes.deletion_refusal(
        member,
        how=_(
            "สมาชิกที่ออกจากกลุ่มหรือจากโครงการไม่ต้องลบ: เปลี่ยนสถานะของสมาชิก (เช่น "
            "“ลาออกจากโครงการ”) ระบบจะบันทึกวันที่ออกจากกลุ่มย่อยให้เอง หรือบันทึกวันที่ออกจากกลุ่ม"
            "ในหน้ากลุ่มย่อย ประวัติการค้ำประกันและการดำรงตำแหน่งจึงยังอยู่ครบ"
        ),
    )


@service
def delete_member(*, actor: Actor, member: Member) -> None:
    """Delete a member entered by mistake; one with a group place, a seat or a loan is refused."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if refusal := member_deletion_refusal(member):
        raise refusal
    member.delete()


def duplicate_member_error(member: Member, field: str) -> ValidationError:
    label = Member._meta.get_field(field).verbose_name
    return ValidationError(
        {
            field: ValidationError(
                _(
                    "%(member)s: %(field)s “%(value)s” ซ้ำกับสมาชิกที่มีอยู่แล้วหรือกับแถวอื่นในชุดเดียวกัน "
                    "ให้แก้เป็น%(field)sที่ไม่ซ้ำ"
                ),
                code="unique",
                params={"member": member, "field": label, "value": getattr(member, field)},
            )
        }
    )


@service
def bulk_create_members(*, actor: Actor, members: list[Member]) -> list[Member]:
    """Enrol many members at once (the demo, an import), each with its historical row.

    Every row is validated as `create_member` validates one, except that the pay units and the
    uniqueness of member numbers and national IDs are checked for the whole batch, one query
    each, instead of once per row.
    """
    for member in members:
        # The pay unit is looked up once for the batch below, not once per member.
        member.full_clean(exclude=["pay_unit"], validate_unique=False, validate_constraints=False)
    pay_unit_ids = {member.pay_unit_id for member in members}
    found = set(PayUnit.objects.filter(pk__in=pay_unit_ids).values_list("pk", flat=True))
    for member in members:
        if member.pay_unit_id not in found:
            raise ValidationError(
                {"pay_unit": ValidationError(_("เลือกหน่วยงานสังกัดที่มีอยู่ในระบบ"), code="invalid")}
            )
    for field in MEMBER_UNIQUE_FIELDS:
        values = [getattr(member, field) for member in members]
        repeated = {value for value, count in Counter(values).items() if count > 1}
        stored = set()
        for start in range(0, len(values), LOOKUP_BATCH):
            batch = values[start : start + LOOKUP_BATCH]
            rows = Member.objects.filter(**{f"{field}__in": batch}).values_list(field, flat=True)
            stored.update(rows)
        for member in members:
            if getattr(member, field) in repeated | stored:
                raise duplicate_member_error(member, field)
    return audit.bulk_create(Member, members)
