"""The expansion gate: may a member take a new loan, given their large group's snapshot of the
latest complete month (a month whose bank file is still coming never moves the gate)."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from groups.models import LargeGroup
from members.models import MemberStatus

from .models import LargeGroupSnapshot
from .models.loans import current_small_group_membership
from .months import add_months, thai_month
from .thresholds import MonitorStatus


@dataclass(frozen=True)
class GateDecision:
    allowed: bool
    needs_provincial_approval: bool
    large_group: LargeGroup | None
    status: MonitorStatus | None
    month: datetime.date | None
    message: str


def expansion_gate(*, member) -> GateDecision:
    """Read the member's large group's snapshot of the latest complete month and apply the rule.

    stop → refused until a later complete month is at or under 1.0%; slow-down → allowed only
    with the provincial committee's approval recorded on the loan; otherwise allowed. A group
    without any complete month yet has nothing against it. Provisional months are skipped: with
    three rows of a new month in, every other loan would read as not in default.
    """
    if member.status != MemberStatus.ACTIVE:
        return refuse(
            _("%(member)s มีสถานะ “%(status)s”: ยื่นกู้ได้เฉพาะสมาชิกสถานะปกติ")
            % {"member": member.choice_label, "status": member.get_status_display()}
        )
    membership = current_small_group_membership(member.pk)
    if membership is None:
        return refuse(
            _(
                "%(member)s ยังไม่ได้อยู่ในกลุ่มย่อยใด: สมาชิกต้องอยู่ในกลุ่มย่อยเพื่อให้สมาชิกในกลุ่ม"
                "ค้ำประกันเงินกู้ ให้บันทึกเข้ากลุ่มย่อยก่อน"
            )
            % {"member": member.choice_label}
        )
    group = membership.small_group.large_group
    snapshot = (
        LargeGroupSnapshot.objects.filter(large_group=group).complete().order_by("-month").first()
    )
    if snapshot is None:
        return GateDecision(True, False, group, None, None, _("ยังไม่มีผลการติดตามการชำระหนี้ของกลุ่มใหญ่นี้"))
    figures = snapshot.figures
    status = figures.status
    facts = {
        "group": group,
        "month": thai_month(snapshot.month),
        "next_month": thai_month(add_months(snapshot.month, 1)),
        "defaulters": figures.defaulters,
        "borrowers": figures.borrowers,
        "rate": figures.rate_percent,
        "stop_cures": figures.cures_to_stop_line,
        "slow_cures": figures.cures_to_slow_down_line,
    }
    if status == MonitorStatus.STOP:
        message = _(
            "รับสัญญาเงินกู้ใหม่ไม่ได้: %(group)s อยู่ในสถานะ “หยุดการขยายโครงการ” ตามผลเดือน%(month)s "
            "(ผิดนัด %(defaulters)d จากผู้กู้ %(borrowers)d คน = ร้อยละ %(rate)s เกินร้อยละ 1.0) "
            "จะรับได้อีกเมื่อผลการติดตามรายเดือนครั้งต่อไป (เร็วที่สุดคือเดือน%(next_month)s) มีผู้ผิดนัด"
            "ไม่เกินร้อยละ 1.0 ซึ่งต้องแก้ไขผู้ผิดนัดอย่างน้อย %(stop_cures)d คน"
        )
        return GateDecision(False, False, group, status, snapshot.month, message % facts)
    if status == MonitorStatus.SLOW_DOWN:
        message = _(
            "%(group)s อยู่ในสถานะ “ชะลอการขยายโครงการ” ตามผลเดือน%(month)s (ผิดนัด %(defaulters)d "
            "จากผู้กู้ %(borrowers)d คน = ร้อยละ %(rate)s เกินร้อยละ 0.5): สัญญาใหม่ต้องได้รับอนุมัติจาก"
            "คณะกรรมการเครือข่ายจังหวัดก่อนจึงจะนับว่าอนุมัติ"
        )
        return GateDecision(True, True, group, status, snapshot.month, message % facts)
    message = _("%(group)s อยู่ในสถานะ “%(status)s” ตามผลเดือน%(month)s")
    return GateDecision(
        True, False, group, status, snapshot.month, message % {**facts, "status": status.label}
    )


def refuse(message: str) -> GateDecision:
    return GateDecision(False, False, None, None, None, message)
