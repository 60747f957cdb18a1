"""Every write to loans: creating one through the expansion gate, approvals, guarantors, closing,
and closing a report month as complete."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import Actor, acting, service
from groups.models import CommitteeSeat
from members.models import Member

from . import snapshots
from .gate import expansion_gate
from .models import Loan, LoanGuarantor, LoanStatus, ReportMonth
from .models.loans import guarantor_error
from .months import first_of_month, thai_month


def guarantor_errors(*, borrower: Member, guarantors: Iterable[Member]) -> list[str]:
    """Every reason the chosen guarantors cannot stand for this borrower (empty when they can)."""
    guarantors = list({member.pk: member for member in guarantors}.values())
    if not guarantors:
        return [_("เลือกผู้ค้ำประกันอย่างน้อย 1 คนจากสมาชิกกลุ่มย่อยเดียวกับผู้กู้")]
    errors = []
    for guarantor in guarantors:
        error = guarantor_error(borrower=borrower, guarantor=guarantor)
        if error:
            errors.append(error)
    return errors


def prepare_new_loan(*, loan: Loan, guarantors: Iterable[Member]) -> Loan:
    """Run the gate and every check on an unsaved loan; raise ValidationError, write nothing.

    The admin's form calls this in its clean(), and create_loan() calls it again inside its
    transaction, so both paths refuse the same loans with the same messages.
    """
    errors: dict[str, list] = {}
    decision = expansion_gate(member=loan.borrower) if loan.borrower_id else None
    if decision is not None:
        if not decision.allowed:
            errors["borrower"] = [decision.message]
        loan.gate_status = decision.status or ""
        loan.gate_month = decision.month
        loan.provincial_approval_required = decision.needs_provincial_approval
    if loan.borrower_id and "borrower" not in errors:
        messages = guarantor_errors(borrower=loan.borrower, guarantors=guarantors)
        if messages:
            errors["guarantors"] = messages
    try:
        loan.full_clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return loan


@transaction.atomic
def create_loan(
    *,
    borrower: Member,
    contract_number: str,
    amount: Decimal,
    start_date: datetime.date,
    term_months: int,
    monthly_instalment: Decimal,
    guarantors: Iterable[Member],
    committee_approved_by: CommitteeSeat | None = None,
    committee_approved_on: datetime.date | None = None,
    approval_reference: str = "",
    provincial_approved_by: CommitteeSeat | None = None,
    provincial_approved_on: datetime.date | None = None,
) -> Loan:
    """Record a new loan: refused in a stop group; in slow-down it waits for the province."""
    guarantors = list(guarantors)
    loan = Loan(
        borrower=borrower,
        contract_number=contract_number.strip(),
        amount=amount,
        start_date=start_date,
        term_months=term_months,
        monthly_instalment=monthly_instalment,
        committee_approved_by=committee_approved_by,
        committee_approved_on=committee_approved_on,
        approval_reference=approval_reference,
        provincial_approved_by=provincial_approved_by,
        provincial_approved_on=provincial_approved_on,
    )
    prepare_new_loan(loan=loan, guarantors=guarantors)
    loan.save()
    LoanGuarantor.objects.bulk_create(
        [
            LoanGuarantor(loan=loan, guarantor=member)
            for member in {g.pk: g for g in guarantors}.values()
        ]
    )
    return loan


@transaction.atomic
def update_loan(*, loan: Loan, **fields) -> Loan:
    """Change a loan's terms, status or approvals (the gate ran when it was created)."""
    for name, value in fields.items():
        setattr(loan, name, value)
    loan.full_clean()
    loan.save()
    return loan


@transaction.atomic
def set_guarantors(*, loan: Loan, guarantors: Iterable[Member]) -> Loan:
    """Replace a loan's guarantors; all must be in the borrower's small group."""
    guarantors = list({member.pk: member for member in guarantors}.values())
    errors = guarantor_errors(borrower=loan.borrower, guarantors=guarantors)
    if errors:
        raise ValidationError({"guarantors": errors})
    loan.guarantees.exclude(guarantor__in=guarantors).delete()
    existing = set(loan.guarantees.values_list("guarantor_id", flat=True))
    LoanGuarantor.objects.bulk_create(
        [LoanGuarantor(loan=loan, guarantor=g) for g in guarantors if g.pk not in existing]
    )
    return loan


@transaction.atomic
def approve_loan(
    *, loan: Loan, seat: CommitteeSeat, on: datetime.date, reference: str = ""
) -> Loan:
    """Record the large group committee's approval: who (a seat on that committee) and when."""
    return update_loan(
        loan=loan,
        committee_approved_by=seat,
        committee_approved_on=on,
        approval_reference=reference,
    )


@transaction.atomic
def record_provincial_approval(*, loan: Loan, seat: CommitteeSeat, on: datetime.date) -> Loan:
    """The provincial committee's approval that a loan in a slow-down group needs."""
    return update_loan(loan=loan, provincial_approved_by=seat, provincial_approved_on=on)


@transaction.atomic
def close_loan(*, loan: Loan, status: str, on: datetime.date) -> Loan:
    """Close a repaid loan or write it off; from then on it no longer counts in the monitor."""
    if status == LoanStatus.ACTIVE:
        raise ValidationError(
            {"status": _("เลือกสถานะ “ปิดบัญชีแล้ว” หรือ “ตัดเป็นหนี้สูญ”")}, code="close_status"
        )
    return update_loan(loan=loan, status=status, closed_on=on)


@service
def close_month(*, actor: Actor, month: datetime.date, reason: str) -> ReportMonth:
    """Close a provisional month as complete (the bank's file is final though rows are missing,
    e.g. for loans closed before the bank wrote it), then compute it again: from then on it
    moves the gate, and its alerts leave now (once: transitions are unique).

    The reason is required and lands in the month's history with who closed it.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("ระบุเหตุผลที่ปิดเดือนนี้ว่าครบถ้วน เช่น ไฟล์ของธนาคารเป็นฉบับสุดท้ายแล้ว")},
            code="close_reason_required",
        )
    month = first_of_month(month)
    record = ReportMonth.objects.select_for_update().filter(month=month).first()
    if record is None:
        raise ValidationError(
            _("ยังไม่ได้คำนวณผลเดือน%(month)s: คำนวณผลของเดือนนั้นก่อน แล้วจึงปิดเดือน")
            % {"month": thai_month(month)},
            code="month_not_computed",
        )
    if record.complete:
        raise ValidationError(
            _("เดือน%(month)s ครบถ้วนอยู่แล้ว ไม่ต้องปิดเดือน") % {"month": thai_month(month)},
            code="month_already_complete",
        )
    record.closed_by = actor.user
    record.closed_at = timezone.now()
    record.close_reason = reason
    record.full_clean()
    with acting(actor.because(reason)):
        record.save()
    snapshots.compute_month(month=month)
    return record
