"""Every write to loans, guarantors and repayments, each by an actor and kept in the history.

Loans are created through the expansion gate, with guarantors from the borrower's small group;
the bank's rows (the report import and the demo) are written in bulk through `record_repayments`,
one historical row each, attributed to the import they came from. Nothing else writes these
models: the admin, the importer, the commands and the demo all call the functions below.
A provisional report month is closed as complete here too (`close_month`).
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.audit import Actor, acting, service
from groups.models import CommitteeSeat
from members.models import Member

from . import snapshots
from .gate import expansion_gate
from .models import Loan, LoanGuarantor, LoanStatus, Repayment, RepaymentImport, ReportMonth
from .models.loans import guarantor_errors as each_guarantors_error
from .months import first_of_month, thai_month

# What update_loan may change. The borrower is not among them: a loan given to another member
# would skip that member's gate and guarantors (delete the loan and record a new one instead);
# the gate's own fields are set once, when the loan is created.
UPDATABLE_FIELDS = frozenset(
    {
        "contract_number",
        "amount",
        "start_date",
        "term_months",
        "monthly_instalment",
        "status",
        "closed_on",
        "committee_approved_by",
        "committee_approved_on",
        "approval_reference",
        "provincial_approved_by",
        "provincial_approved_on",
    }
)
# A bank's row is found by loan and month; everything else in it comes from the report.
REPAYMENT_KEY = ("id", "loan", "month")
# Rows per INSERT or UPDATE statement of the bank's rows and of their history (Django makes the
# statements smaller where the database limits their parameters, as SQLite does).
REPAYMENT_BATCH = 1000


def guarantor_errors(*, borrower: Member, guarantors: Iterable[Member]) -> list[str]:
    """Every reason the chosen guarantors cannot stand for this borrower (empty when they can)."""
    guarantors = list({member.pk: member for member in guarantors}.values())
    if not guarantors:
        return [_("เลือกผู้ค้ำประกันอย่างน้อย 1 คนจากสมาชิกกลุ่มย่อยเดียวกับผู้กู้")]
    return each_guarantors_error(borrower=borrower, guarantors=guarantors)


def prepare_new_loan(*, loan: Loan, guarantors: Iterable[Member]) -> Loan:
    """Run the gate and every check on an unsaved loan; raise ValidationError, write nothing.

    The admin's form calls this in its clean(), and create_loan() calls it again inside its
    transaction, so both paths refuse the same loans with the same messages.

    Django's validate_constraints is left out here and in update_loan: it asks the database
    about each check constraint in turn (eight queries a loan), and Loan.clean() already checks
    every one of them, with a message that says how to fix the input; the database still holds
    them on the insert.
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
        loan.full_clean(validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return loan


@service
def create_loan(
    *,
    actor: Actor,
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
    guarantors = list({member.pk: member for member in guarantors}.values())
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
    audit.bulk_create(
        LoanGuarantor, [LoanGuarantor(loan=loan, guarantor=member) for member in guarantors]
    )
    return loan


@service
def update_loan(*, actor: Actor, loan: Loan, **fields) -> Loan:
    """Change a loan's terms, status or approvals (the gate ran when it was created).

    Only the fields named are written; with none, nothing is saved and no history is left.
    """
    if "borrower" in fields and getattr(fields["borrower"], "pk", None) != loan.borrower_id:
        raise ValidationError(
            {
                "borrower": _(
                    "เปลี่ยนผู้กู้ของสัญญาที่บันทึกแล้วไม่ได้: ถ้าบันทึกผิดคน ให้ลบสัญญานี้ แล้วบันทึกสัญญาใหม่ให้ผู้กู้ที่ถูกต้อง"
                )
            },
            code="borrower_fixed",
        )
    fields.pop("borrower", None)
    unknown = set(fields) - UPDATABLE_FIELDS
    if unknown:
        raise TypeError(f"update_loan() cannot change {', '.join(sorted(unknown))}")
    if not fields:
        return loan
    for name, value in fields.items():
        setattr(loan, name, value)
    loan.full_clean(validate_constraints=False)
    loan.save()
    return loan


@service
def set_guarantors(*, actor: Actor, loan: Loan, guarantors: Iterable[Member]) -> Loan:
    """Replace a loan's guarantors; all must be in the borrower's small group."""
    guarantors = list({member.pk: member for member in guarantors}.values())
    errors = guarantor_errors(borrower=loan.borrower, guarantors=guarantors)
    if errors:
        raise ValidationError({"guarantors": errors})
    # Deleted one by one (Django sends each its signal), so each removal has its history row.
    loan.guarantees.exclude(guarantor__in=guarantors).delete()
    existing = set(loan.guarantees.values_list("guarantor_id", flat=True))
    audit.bulk_create(
        LoanGuarantor,
        [LoanGuarantor(loan=loan, guarantor=g) for g in guarantors if g.pk not in existing],
    )
    return loan


@service
def approve_loan(
    *, actor: Actor, loan: Loan, seat: CommitteeSeat, on: datetime.date, reference: str = ""
) -> Loan:
    """Record the large group committee's approval: who (a seat on that committee) and when."""
    return update_loan(
        actor=actor,
        loan=loan,
        committee_approved_by=seat,
        committee_approved_on=on,
        approval_reference=reference,
    )


@service
def record_provincial_approval(
    *, actor: Actor, loan: Loan, seat: CommitteeSeat, on: datetime.date
) -> Loan:
    """The provincial committee's approval that a loan in a slow-down group needs."""
    return update_loan(
        actor=actor, loan=loan, provincial_approved_by=seat, provincial_approved_on=on
    )


@service
def close_loan(*, actor: Actor, loan: Loan, status: str, on: datetime.date) -> Loan:
    """Close a repaid loan or write it off; from then on it no longer counts in the monitor."""
    if status == LoanStatus.ACTIVE:
        raise ValidationError(
            {"status": _("เลือกสถานะ “ปิดบัญชีแล้ว” หรือ “ตัดเป็นหนี้สูญ”")}, code="close_status"
        )
    return update_loan(actor=actor, loan=loan, status=status, closed_on=on)


@service
def delete_loan(*, actor: Actor, loan: Loan) -> None:
    """Delete a loan recorded by mistake, with its guarantors; refused once the bank reported it."""
    # Locked, so that an import adding the loan's first row waits for this transaction (the new
    # row's foreign key) and then fails, rather than the check below missing it.
    Loan.objects.select_for_update().get(pk=loan.pk)
    months = loan.repayments.count()
    if months:
        raise ValidationError(
            _(
                "ลบสัญญา %(number)s ไม่ได้: ธนาคารรายงานการชำระคืนของสัญญานี้แล้ว %(months)d เดือน "
                "ถ้าสัญญาสิ้นสุดแล้ว ให้เปลี่ยนสถานะเป็น “ปิดบัญชีแล้ว” หรือ “ตัดเป็นหนี้สูญ” แทนการลบ"
            )
            % {"number": loan.contract_number, "months": months},
            code="loan_has_repayments",
        )
    # The guarantees go with it (CASCADE), each with its own history row.
    loan.delete()


@service
def record_repayments(
    *,
    actor: Actor,
    new: Iterable[Repayment],
    changed: Iterable[Repayment],
    record: RepaymentImport | None = None,
) -> RepaymentImport | None:
    """Write the bank's rows for loans and months: `new` inserted, `changed` updated (every
    reported field), each with one historical row.

    record: the import the rows come from, unsaved; it is saved first, with who imported it and
    the counts of rows created and updated, every row points to it (`Repayment.source`) and
    every historical row names it (`history_source`) and the file. Without one (the demo), the
    rows are the actor's own. The rows are checked before (loans.importers); the database's
    constraints hold the rest.
    """
    new, changed = list(new), list(changed)
    writer = actor
    if record is not None:
        user = actor.user
        record.imported_by = user if user is not None and user.is_authenticated else None
        record.rows_created, record.rows_updated = len(new), len(changed)
        record.save()
        writer = actor.importing(record, record.file_name)
    for row in (*new, *changed):
        row.source = record
    fields = [
        field.name for field in Repayment._meta.concrete_fields if field.name not in REPAYMENT_KEY
    ]
    with acting(writer):
        audit.bulk_create(Repayment, new, batch_size=REPAYMENT_BATCH)
        audit.bulk_update(Repayment, changed, fields, batch_size=REPAYMENT_BATCH)
    return record


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
