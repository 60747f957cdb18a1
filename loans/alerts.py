"""Alerts when a large group's status worsens into slow-down or stop, or returns to normal.

Only complete months raise alerts (loans.models.ReportMonth), and each compares with the latest
complete month before it: the alert says what the expansion gate now reads instead of what it
read, so a provisional month in between (a file still coming) neither hides nor invents one.
A transition is recorded once per group, month and new status (computing the month again finds
it and sends nothing). The mail leaves after the commit through `send_transition_alert_task`, a
django-tasks task: with the default ImmediateBackend it runs at once in the committing process;
the e-mail/worker issue only has to point TASKS at a real backend for it to run in the worker.
"""

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from groups.models import CommitteeSeat

from .models import LargeGroupSnapshot, ReportMonth, StatusTransition, TransitionKind
from .months import thai_month
from .thresholds import (
    SLOW_DOWN_PER_MILLE,
    STOP_PER_MILLE,
    Figures,
    MonitorStatus,
    is_restricted,
    severity,
)

logger = logging.getLogger(__name__)


def transition_kind(previous: str | None, current: str) -> str | None:
    """Which alert, if any, a change of status from one month to the next raises.

    No complete month before counts as normal, so a group first seen in stop is alerted.
    Stop → slow-down is an improvement but not yet normal: no alert.
    """
    if is_restricted(current):
        if previous is None or severity(current) > severity(previous):
            return TransitionKind.WORSENED
        return None
    if previous is not None and is_restricted(previous):
        return TransitionKind.RECOVERED
    return None


def record_transitions(
    *, month: datetime.date, figures: dict[int, Figures], notify: bool = True
) -> list[StatusTransition]:
    """Record this complete month's new transitions and queue one mail each (two queries, and
    one insert when there are new ones). `figures`: every large group's counts of the month, by
    id; the caller knows the month is complete."""
    latest_complete_before = (
        ReportMonth.objects.complete().filter(month__lt=month).order_by("-month").values("month")
    )
    previous = dict(
        LargeGroupSnapshot.objects.filter(month=Subquery(latest_complete_before[:1]))
        .order_by()
        .values_list("large_group_id", "status")
    )
    known = set(
        StatusTransition.objects.filter(month=month)
        .order_by()
        .values_list("large_group_id", "to_status")
    )
    new = []
    for group_id, group_figures in figures.items():
        status = group_figures.status
        kind = transition_kind(previous.get(group_id), status)
        if kind is None or (group_id, status) in known:
            continue
        new.append(
            StatusTransition(
                large_group_id=group_id,
                month=month,
                kind=kind,
                from_status=previous.get(group_id, ""),
                to_status=status,
                borrowers=group_figures.borrowers,
                defaulters=group_figures.defaulters,
                notify=notify,
            )
        )
    if not new:
        return []
    created = StatusTransition.objects.bulk_create(new)
    if notify:
        # SQLite and PostgreSQL both return the new primary keys from bulk_create.
        for transition in created:
            enqueue_transition_alert(transition_id=transition.pk)
    return created


def enqueue_transition_alert(*, transition_id: int) -> None:
    """The single seam for sending: after the commit, through the task backend."""
    transaction.on_commit(lambda: send_transition_alert_task.enqueue(transition_id=transition_id))


@task()
def send_transition_alert_task(*, transition_id: int) -> int:
    return send_transition_alert(transition_id=transition_id)


def send_pending_alerts() -> int:
    """Send the alerts still owed (a process that died between commit and enqueue, say)."""
    pending = StatusTransition.objects.filter(notify=True, mailed_at__isnull=True)
    return sum(
        1
        for transition_id in pending.order_by("pk").values_list("pk", flat=True)
        if send_transition_alert(transition_id=transition_id)
    )


def recipients_for(transition: StatusTransition) -> list[str]:
    """E-mail addresses of the group's committee and the provincial committee, seated today."""
    group = transition.large_group
    seats = (
        CommitteeSeat.objects.current()
        .filter(Q(committee__large_group=group) | Q(committee__network_id=group.area.parent_id))
        .select_related("member")
    )
    addresses = []
    for seat in seats:
        email = seat.member.email.strip()
        if email and email.lower() not in {address.lower() for address in addresses}:
            addresses.append(email)
    return sorted(addresses)


def send_transition_alert(*, transition_id: int) -> int:
    """Send the one mail of a transition; a second call (a retried task) sends nothing."""
    with transaction.atomic():
        transition = (
            StatusTransition.objects.select_for_update()
            .select_related("large_group__area")
            .get(pk=transition_id)
        )
        if transition.mailed_at is not None:
            return 0
        addresses = recipients_for(transition)
        if not addresses:
            logger.warning("No committee e-mail for the alert of %s", transition)
            transition.notify = False
            transition.save(update_fields=["notify"])
            return 0
        subject, body = alert_message(transition)
        EmailMessage(
            subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=addresses
        ).send()
        transition.mailed_at = timezone.now()
        transition.recipients = ", ".join(addresses)
        transition.save(update_fields=["mailed_at", "recipients"])
    return len(addresses)


def alert_message(transition: StatusTransition) -> tuple[str, str]:
    figures = Figures(transition.borrowers, transition.defaulters, 0)
    status = MonitorStatus(transition.to_status)
    month = thai_month(transition.month)
    rate = figures.rate_percent
    if transition.kind == TransitionKind.WORSENED:
        subject = _("%(group)s: สถานะเปลี่ยนเป็น “%(status)s” (%(month)s)")
    else:
        subject = _("%(group)s: กลับสู่ภาวะปกติ “%(status)s” (%(month)s)")
    subject = subject % {"group": transition.large_group, "status": status.label, "month": month}
    previous = (
        MonitorStatus(transition.from_status).label
        if transition.from_status
        else _("ไม่มีข้อมูลเดือนก่อน")
    )
    lines = [
        _("เรียน คณะกรรมการ%(group)s และคณะกรรมการเครือข่ายจังหวัด") % {"group": transition.large_group},
        "",
        _("ผลการติดตามการชำระหนี้ประจำเดือน%(month)s: สถานะเปลี่ยนจาก “%(old)s” เป็น “%(new)s”")
        % {"month": month, "old": previous, "new": status.label},
        _("ผู้กู้ %(borrowers)d คน ผิดนัดชำระ %(defaulters)d คน คิดเป็นร้อยละ %(rate)s")
        % {
            "borrowers": figures.borrowers,
            "defaulters": figures.defaulters,
            "rate": rate if rate is not None else "-",
        },
        "",
    ]
    if status == MonitorStatus.STOP:
        lines += [
            _(
                "ผู้ผิดนัดเกินร้อยละ 1.0 ของผู้กู้: ธนาคารหยุดการขยายโครงการในกลุ่มใหญ่นี้ "
                "ระบบจะไม่รับสัญญาเงินกู้ใหม่จนกว่าจะกลับสู่ภาวะปกติ"
            ),
            _("ต้องแก้ไขผู้ผิดนัดอย่างน้อย %(stop)d คนจึงจะไม่เกินร้อยละ 1.0 และ %(slow)d คนจึงจะไม่เกินร้อยละ 0.5")
            % {"stop": figures.cures_to_stop_line, "slow": figures.cures_to_slow_down_line},
        ]
    elif status == MonitorStatus.SLOW_DOWN:
        lines += [
            _(
                "ผู้ผิดนัดเกินร้อยละ 0.5 ของผู้กู้: ธนาคารชะลอการขยายโครงการ สัญญาเงินกู้ใหม่ต้อง"
                "ได้รับอนุมัติจากคณะกรรมการเครือข่ายจังหวัด"
            ),
            _("ต้องแก้ไขผู้ผิดนัดอย่างน้อย %(slow)d คนจึงจะไม่เกินร้อยละ 0.5")
            % {"slow": figures.cures_to_slow_down_line},
        ]
    else:
        lines.append(_("ผู้ผิดนัดไม่เกินร้อยละ 0.5 ของผู้กู้แล้ว: กลุ่มใหญ่กลับมารับสัญญาเงินกู้ใหม่ได้ตามปกติ"))
    lines += [
        "",
        _("เกณฑ์: ผิดนัดเมื่อค้างชำระเกิน %(days)s วัน; ชะลอเมื่อเกินร้อยละ %(slow)s; หยุดเมื่อเกินร้อยละ %(stop)s")
        % {
            "days": days_text(transition),
            "slow": Decimal(SLOW_DOWN_PER_MILLE) / 10,
            "stop": Decimal(STOP_PER_MILLE) / 10,
        },
        _("ดูรายละเอียดได้ที่ระบบงานคณะกรรมการ เมนู “เงินกู้” → “แดชบอร์ดติดตามการผิดนัดชำระ”"),
    ]
    return subject, "\n".join(str(line) for line in lines)


def days_text(transition: StatusTransition) -> str:
    days = (
        LargeGroupSnapshot.objects.filter(
            large_group_id=transition.large_group_id, month=transition.month
        )
        .values_list("default_days", flat=True)
        .first()
    )
    return str(days) if days is not None else "-"
