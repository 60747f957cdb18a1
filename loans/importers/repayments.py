"""Importing the bank's repayment report: parse, check every row, show the changes, commit all.

A dry run and a commit take the same path up to the point of writing, so the dry run shows
exactly what the commit would do. Any error and nothing is written; a file imported a second
time finds every row unchanged and writes nothing either (not even a record of the import).
"""

import datetime
import functools
import hashlib
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import Actor

from .. import services
from ..models import Loan, Repayment, RepaymentImport
from ..months import thai_month
from .files import FileFormatError, read_table
from .rows import (
    LOOKUP_CHUNK,
    ParsedRow,
    RowError,
    assess,
    check_rows,
    map_header,
    parse_row,
)

STORED_FIELDS = [
    "amount_due",
    "amount_paid",
    "due_date",
    "paid_on",
    "days_past_due",
    "paid_in_full_on_time",
]


@dataclass
class Change:
    row: int
    contract_number: str
    month: datetime.date
    values: dict
    # field → (old, new); empty for a new row
    changed: dict
    existing: Repayment | None = None

    @property
    def is_new(self) -> bool:
        return self.existing is None


@dataclass
class ImportReport:
    file_name: str
    sha256: str
    file_format: str = ""
    encoding: str = ""
    rows_total: int = 0
    errors: list[RowError] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    months: list[datetime.date] = field(default_factory=list)
    dry_run: bool = True
    committed: bool = False
    record: RepaymentImport | None = None
    previous_import: RepaymentImport | None = None
    snapshot_results: list = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(1 for change in self.changes if change.is_new)

    @property
    def updated(self) -> int:
        return sum(1 for change in self.changes if not change.is_new)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def months_display(self) -> str:
        return ", ".join(thai_month(month) for month in self.months)

    @functools.cached_property
    def missing_loans(self) -> list:
        """For each month of the file, the running approved loans that still have no row once
        this file is in (loans.completeness.MonthMissing): a dry run leaves out the loans the
        file would give a row, a committed import reads the rows as stored. Empty when the file
        was refused."""
        from ..completeness import missing_loan_counts

        if self.errors:
            return []
        return [
            missing_loan_counts(month=month, excluding=self.new_loan_ids(month))
            for month in self.months
        ]

    def new_loan_ids(self, month: datetime.date) -> list[int]:
        """Loans this file gives a first row for the month, while they are not written yet."""
        if self.committed:
            return []
        return [
            change.values["loan_id"]
            for change in self.changes
            if change.is_new and change.month == month
        ]


def import_repayment_report(
    *,
    actor: Actor,
    file_name: str,
    content: bytes,
    dry_run: bool = False,
    recompute: bool = True,
    today: datetime.date | None = None,
) -> ImportReport:
    """Check a report file and, unless dry_run or any row is wrong, write all of it at once.

    actor: who imports (the officer, or the command); the import record names their user, and
    every row's history names the import and the file (loans.services.record_repayments).
    recompute: after writing, compute again the snapshots of every month the file changed
    (in the same transaction, so the alerts of those months leave only if it all commits).
    """
    report = ImportReport(
        file_name=file_name, sha256=hashlib.sha256(content).hexdigest(), dry_run=dry_run
    )
    report.previous_import = (
        RepaymentImport.objects.filter(sha256=report.sha256).order_by("-imported_at").first()
    )
    try:
        sheet = read_table(file_name=file_name, content=content)
    except FileFormatError as error:
        report.errors.append(RowError(None, None, str(error)))
        return report
    report.file_format, report.encoding = sheet.file_format, sheet.encoding
    report.rows_total = len(sheet.rows)
    positions = map_header(sheet.header, report.errors)
    if report.errors:
        return report
    if not sheet.rows:
        report.errors.append(RowError(None, None, _("ไฟล์มีแต่หัวตาราง ไม่มีข้อมูลรายสัญญา")))
        return report
    parsed = [
        row
        for number, cells in sheet.rows
        if (row := parse_row(number, cells, positions, report.errors)) is not None
    ]
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            loans = check_rows(parsed, report.errors, today=today, viewer=actor.user)
            report.months = sorted({row.month for row in parsed})
            diff(parsed, loans, report)
            if report.errors or dry_run:
                return report
            if report.changes:
                write(report, actor=actor)
                if recompute:
                    from ..snapshots import recompute_months

                    changed_months = sorted({change.month for change in report.changes})
                    report.snapshot_results = recompute_months(months=changed_months)
    except IntegrityError:
        # Another import of the same contracts committed first; nothing of this one was written.
        report.errors.append(
            RowError(
                None, None, _("มีการนำเข้าข้อมูลเดียวกันพร้อมกันจากที่อื่น: ไม่ได้บันทึกข้อมูลใด ลองนำเข้าใหม่อีกครั้ง")
            )
        )
        report.changes, report.snapshot_results = [], []
        return report
    report.committed = True
    return report


def diff(rows: list[ParsedRow], loans: dict[str, Loan], report: ImportReport) -> None:
    keyed = {
        (loans[row.contract_number].pk, row.month): row
        for row in rows
        if row.contract_number in loans
    }
    existing: dict[tuple[int, datetime.date], Repayment] = {}
    loan_ids = sorted({loan_id for loan_id, _month in keyed})
    months = sorted({month for _loan_id, month in keyed})
    for start in range(0, len(loan_ids), LOOKUP_CHUNK):
        chunk = loan_ids[start : start + LOOKUP_CHUNK]
        for repayment in Repayment.objects.filter(loan_id__in=chunk, month__in=months):
            existing[(repayment.loan_id, repayment.month)] = repayment
    for (loan_id, month), row in keyed.items():
        days, on_time = assess(
            month=month,
            amount_due=row.amount_due,
            amount_paid=row.amount_paid,
            due_date=row.due_date,
            paid_on=row.paid_on,
            days_past_due=row.days_past_due,
        )
        values = {
            "loan_id": loan_id,
            "month": month,
            "amount_due": row.amount_due,
            "amount_paid": row.amount_paid,
            "due_date": row.due_date,
            "paid_on": row.paid_on,
            "days_past_due": days,
            "paid_in_full_on_time": on_time,
        }
        old = existing.get((loan_id, month))
        if old is None:
            report.changes.append(Change(row.row, row.contract_number, month, values, {}))
            continue
        changed = {
            name: (getattr(old, name), values[name])
            for name in STORED_FIELDS
            if getattr(old, name) != values[name]
        }
        if changed:
            report.changes.append(Change(row.row, row.contract_number, month, values, changed, old))
        else:
            report.unchanged += 1
    report.changes.sort(key=lambda change: change.row)


def write(report: ImportReport, *, actor: Actor) -> None:
    """The import record first, then every new and changed row, through the loans service."""
    new = [Repayment(**change.values) for change in report.changes if change.is_new]
    changed = []
    for change in report.changes:
        if change.is_new:
            continue
        for name in STORED_FIELDS:
            setattr(change.existing, name, change.values[name])
        changed.append(change.existing)
    report.record = services.record_repayments(
        actor=actor,
        record=RepaymentImport(
            file_name=report.file_name[:255],
            sha256=report.sha256,
            file_format=report.file_format,
            encoding=report.encoding,
            rows_total=report.rows_total,
            rows_unchanged=report.unchanged,
            months=[f"{month:%Y-%m}" for month in report.months],
        ),
        new=new,
        changed=changed,
    )
