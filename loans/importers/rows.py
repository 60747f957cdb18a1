"""One row of the repayment report: the header, parsing cells, checking rows against loans.

Every problem becomes a RowError that names the row and the column as a spreadsheet shows them.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from core.scope import scope_of

from ..models import Loan
from ..months import first_of_month, month_end, thai_month
from .columns import BY_HEADER, COLUMNS, normalize_header
from .values import CellError, parse_amount, parse_date, parse_days, parse_report_month

# Rows per IN (...) lookup, well under SQLite's limit on query parameters.
LOOKUP_CHUNK = 900


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str | None
    message: str

    def __str__(self):
        if self.row is None:
            return str(self.message)
        if self.column is None:
            return _("แถวที่ %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("แถวที่ %(row)d คอลัมน์ %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ParsedRow:
    row: int
    contract_number: str
    month: datetime.date
    amount_due: Decimal
    amount_paid: Decimal
    due_date: datetime.date | None
    paid_on: datetime.date | None
    days_past_due: int | None


def assess(
    *,
    month: datetime.date,
    amount_due: Decimal,
    amount_paid: Decimal,
    due_date: datetime.date | None,
    paid_on: datetime.date | None,
    days_past_due: int | None,
) -> tuple[int, bool]:
    """Days past due at the month's end, and whether the month was repaid in full and on time.

    The bank's own count wins when the file has it. Otherwise: nothing is overdue once the amount
    due was paid in full by the month's end (a full payment without a date counts as deducted
    from salary on the due date); else the days from the due date to the month's end.
    """
    paid_in_full = amount_paid >= amount_due
    if days_past_due is None:
        as_of = month_end(month)
        settled = paid_in_full and (paid_on is None or paid_on <= as_of)
        days_past_due = 0 if settled else max(0, (as_of - due_date).days)
    paid_late = paid_on is not None and due_date is not None and paid_on > due_date
    return days_past_due, paid_in_full and days_past_due == 0 and not paid_late


def map_header(header: list, errors: list[RowError]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = BY_HEADER.get(normalize_header(cell))
        if column is None:
            continue
        if column.key in positions:
            errors.append(RowError(1, column.key, _("มีคอลัมน์นี้ซ้ำในหัวตาราง: ลบคอลัมน์ที่ซ้ำออก")))
        positions[column.key] = index
    for column in COLUMNS:
        if column.required and column.key not in positions:
            errors.append(
                RowError(
                    1,
                    column.key,
                    _("ไม่พบคอลัมน์นี้ในหัวตาราง (แถวแรก): ใช้ชื่อคอลัมน์ตามแม่แบบ “%(key)s” หรือ “%(thai)s”")
                    % {"key": column.key, "thai": column.thai},
                )
            )
    if "due_date" not in positions and "days_past_due" not in positions:
        errors.append(
            RowError(
                1,
                "due_date",
                _(
                    "ต้องมีคอลัมน์ due_date (วันครบกำหนดชำระ) หรือ days_past_due (จำนวนวันค้างชำระ) อย่างน้อยหนึ่งคอลัมน์"
                ),
            )
        )
    return positions


def parse_row(
    number: int, cells: list, positions: dict[str, int], errors: list[RowError]
) -> ParsedRow | None:
    def cell(key):
        index = positions.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    parsers = {
        "month": parse_report_month,
        "amount_due": parse_amount,
        "amount_paid": parse_amount,
        "due_date": parse_date,
        "paid_on": parse_date,
        "days_past_due": parse_days,
    }
    values, failed = {}, False
    contract_number = str(cell("contract_number") or "").strip()
    if not contract_number:
        errors.append(RowError(number, "contract_number", _("ต้องกรอกเลขที่สัญญา")))
        failed = True
    for key, parser in parsers.items():
        try:
            values[key] = parser(cell(key))
        except CellError as error:
            errors.append(RowError(number, key, str(error)))
            failed = True
    if failed:
        return None
    if values["due_date"] is None and values["days_past_due"] is None:
        errors.append(
            RowError(
                number,
                "due_date",
                _("กรอกวันครบกำหนดชำระ (due_date) หรือจำนวนวันค้างชำระ (days_past_due) อย่างใดอย่างหนึ่ง"),
            )
        )
        return None
    return ParsedRow(row=number, contract_number=contract_number, **values)


def check_rows(
    rows: list[ParsedRow], errors: list[RowError], *, today: datetime.date, viewer=None
) -> dict[str, Loan]:
    """The rows' loans by contract number; every row that cannot be stored gets its error.

    viewer: the user importing; a contract outside the places where they may record
    repayments is a row error, worded as one not found (it says nothing of other groups).
    """
    numbers = sorted({row.contract_number for row in rows})
    loans: dict[str, Loan] = {}
    candidates = Loan.objects.all()
    if viewer is not None:
        candidates = candidates.visible_to(viewer, "loans.add_repayment")
    for start in range(0, len(numbers), LOOKUP_CHUNK):
        chunk = numbers[start : start + LOOKUP_CHUNK]
        loans.update(
            {loan.contract_number: loan for loan in candidates.filter(contract_number__in=chunk)}
        )
    outside = _("ไม่พบสัญญาเลขที่ “%(number)s” ในพื้นที่ที่คุณรับผิดชอบ: ตรวจสอบเลขที่สัญญา")
    seen: dict[tuple[str, datetime.date], int] = {}
    this_month = first_of_month(today)
    for row in rows:
        loan = loans.get(row.contract_number)
        key = (row.contract_number, row.month)
        if key in seen:
            errors.append(
                RowError(
                    row.row,
                    "month",
                    _("สัญญา %(number)s เดือน%(month)s ซ้ำกับแถวที่ %(first)d: ลบแถวที่ซ้ำออก")
                    % {
                        "number": row.contract_number,
                        "month": thai_month(row.month),
                        "first": seen[key],
                    },
                )
            )
            continue
        seen[key] = row.row
        if loan is None:
            message = (
                _("ไม่พบสัญญาเลขที่ “%(number)s” ในระบบ: ตรวจสอบเลขที่สัญญา หรือบันทึกสัญญาก่อนนำเข้า")
                if viewer is None or scope_of(viewer).everything
                else outside
            )
            errors.append(
                RowError(row.row, "contract_number", message % {"number": row.contract_number})
            )
        elif not loan.is_approved:
            errors.append(
                RowError(
                    row.row,
                    "contract_number",
                    _("สัญญา %(number)s ยังไม่ได้บันทึกการอนุมัติ: บันทึกการอนุมัติของคณะกรรมการก่อนนำเข้า")
                    % {"number": row.contract_number},
                )
            )
        elif row.month < first_of_month(loan.start_date):
            errors.append(
                RowError(
                    row.row,
                    "month",
                    _("เดือน%(month)s อยู่ก่อนวันเริ่มสัญญา %(number)s (%(start)s): ตรวจสอบเดือนหรือเลขที่สัญญา")
                    % {
                        "month": thai_month(row.month),
                        "number": row.contract_number,
                        "start": thai_month(loan.start_date),
                    },
                )
            )
        elif loan.closed_on and row.month > first_of_month(loan.closed_on):
            errors.append(
                RowError(
                    row.row,
                    "month",
                    _("สัญญา %(number)s ปิดแล้วตั้งแต่%(closed)s จึงไม่มีการชำระในเดือน%(month)s")
                    % {
                        "number": row.contract_number,
                        "closed": thai_month(loan.closed_on),
                        "month": thai_month(row.month),
                    },
                )
            )
        elif row.month > this_month:
            errors.append(
                RowError(
                    row.row,
                    "month",
                    _("เดือน%(month)s ยังมาไม่ถึง: ตรวจสอบปีว่าเป็น ค.ศ. หรือ พ.ศ.")
                    % {"month": thai_month(row.month)},
                )
            )
    return loans
