"""The monitor's rows as JSON, CSV and XLSX: the `monitor` command and the dashboard's exports."""

import csv
import io
import json

from django.utils.translation import gettext as _

from core.spreadsheets import append_safe_row, safe_row
from networks.models import Level

from .conf import default_days_past_due
from .formats import grouped
from .models import ReportMonth
from .months import month_key, thai_month
from .selectors import LEVEL_KEYS, MonitorRow, per_mille_text
from .thresholds import SLOW_DOWN_PER_MILLE, STOP_PER_MILLE

# The JSON keys of a row (MonitorRow.as_dict), in order.
FIELDS = [
    "level",
    "id",
    "name",
    "parent",
    "district",
    "month",
    "borrowers",
    "defaulters",
    "on_time_borrowers",
    "rate_percent",
    "status",
    "status_label",
    "cures_to_0_5_percent",
    "cures_to_1_0_percent",
    "large_groups",
    "default_days",
    "missing_loans",
    "complete",
]

# The columns of the CSV and XLSX files: people read the Thai labels, machines the codes in
# columns of their own (level, month key, status). docs/loans.md lists header ↔ key.
COLUMNS = [
    "level_label",
    "level",
    "id",
    "name",
    "parent",
    "district",
    "month_label",
    "month",
    "borrowers",
    "defaulters",
    "on_time_borrowers",
    "rate_percent",
    "status_label",
    "status",
    "cures_to_0_5_percent",
    "cures_to_1_0_percent",
    "large_groups",
    "default_days",
    "missing_loans",
    "complete_label",
]
NUMBER_COLUMNS = {
    "borrowers",
    "defaulters",
    "on_time_borrowers",
    "cures_to_0_5_percent",
    "cures_to_1_0_percent",
    "large_groups",
    "missing_loans",
}


def headings() -> dict[str, str]:
    return {
        "level_label": _("ระดับ"),
        "level": _("รหัสระดับ"),
        "id": _("รหัส"),
        "name": _("ชื่อ"),
        "parent": _("สังกัด"),
        "district": _("อำเภอ"),
        "month_label": _("เดือน"),
        "month": _("รหัสเดือน (ค.ศ.)"),
        "borrowers": _("ผู้กู้ (คน)"),
        "defaulters": _("ผิดนัดชำระ (คน)"),
        "on_time_borrowers": _("ชำระครบตรงเวลา (คน)"),
        "rate_percent": _("ร้อยละผู้ผิดนัด"),
        "status_label": _("สถานะ"),
        "status": _("รหัสสถานะ"),
        "cures_to_0_5_percent": _("ต้องแก้ไขกี่คนจึงไม่เกินร้อยละ 0.5"),
        "cures_to_1_0_percent": _("ต้องแก้ไขกี่คนจึงไม่เกินร้อยละ 1.0"),
        "large_groups": _("จำนวนกลุ่มใหญ่"),
        "default_days": _("เกณฑ์วันค้างชำระ"),
        "missing_loans": _("สัญญาที่ยังไม่มีรายการชำระ"),
        "complete_label": _("ความครบถ้วนของข้อมูล"),
    }


def level_label(level: str) -> str:
    if level == "large_group":
        return _("กลุ่มใหญ่")
    by_key = {key: value for value, key in LEVEL_KEYS.items()}
    return str(Level(by_key[level]).label)


def complete_label(complete: bool) -> str:
    return _("ครบถ้วน") if complete else _("ยังไม่ครบ")


def provisional_note(month: ReportMonth) -> str:
    """The words every screen and file puts on a provisional month."""
    return _("ข้อมูลยังไม่ครบ: ขาดรายการชำระ %(count)s สัญญา") % {"count": grouped(month.missing_loans)}


def table_values(row: MonitorRow) -> dict:
    """One row of the CSV and XLSX files, by column (numbers stay numbers)."""
    values = row.as_dict()
    return {
        **values,
        "level_label": level_label(row.level),
        "month_label": thai_month(row.month),
        "rate_percent": row.figures.rate_percent,
        "complete_label": complete_label(row.complete),
    }


def as_json(
    *, month: ReportMonth, networks: list[MonitorRow], large_groups: list[MonitorRow]
) -> str:
    document = {
        "month": month_key(month.month),
        "complete": month.complete,
        "missing_loans": month.missing_loans,
        "default_days": networks[0].default_days
        if networks
        else (large_groups[0].default_days if large_groups else default_days_past_due()),
        "thresholds_percent": {
            "slow_down": per_mille_text(SLOW_DOWN_PER_MILLE),
            "stop": per_mille_text(STOP_PER_MILLE),
        },
        "networks": [row.as_dict() for row in networks],
        "large_groups": [row.as_dict() for row in large_groups],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def as_csv(*, networks: list[MonitorRow], large_groups: list[MonitorRow]) -> str:
    names = headings()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([names[key] for key in COLUMNS])
    for row in [*networks, *large_groups]:
        values = table_values(row)
        writer.writerow(safe_row("" if values[key] is None else values[key] for key in COLUMNS))
    return buffer.getvalue()


def as_xlsx(
    *, month: ReportMonth, networks: list[MonitorRow], large_groups: list[MonitorRow]
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    names = headings()
    title = _("ผลการติดตามการผิดนัดชำระ เดือน%(month)s") % {"month": thai_month(month.month)}
    if not month.complete:
        title = f"{title} ({provisional_note(month)})"
    workbook = Workbook()
    first = workbook.active
    for sheet, rows, sheet_title in [
        (first, large_groups, _("กลุ่มใหญ่")),
        (workbook.create_sheet(), networks, _("เครือข่าย")),
    ]:
        sheet.title = sheet_title
        append_safe_row(sheet, [title])
        sheet["A1"].font = Font(bold=True)
        append_safe_row(sheet, [names[key] for key in COLUMNS])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        # The title and the header stay in view while scrolling the rows.
        sheet.freeze_panes = "A3"
        for row in rows:
            # Numbers go in as numbers so that Excel can sort, sum and chart them.
            values = table_values(row)
            append_safe_row(sheet, [values[key] for key in COLUMNS])
        for index, key in enumerate(COLUMNS, start=1):
            letter = get_column_letter(index)
            if key in NUMBER_COLUMNS:
                for (cell,) in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
                    cell.number_format = "#,##0"
            elif key == "rate_percent":
                for (cell,) in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
                    cell.number_format = "0.00"
            sheet.column_dimensions[letter].width = 48 if key == "name" else 16
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def missing_loans_csv(rows) -> str:
    """The contracts without a row for a month (loans.completeness.missing_loans), Thai headers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            _("เดือน"),
            _("รหัสเดือน (ค.ศ.)"),
            _("เลขที่สัญญา"),
            _("เลขทะเบียนสมาชิก"),
            _("ผู้กู้"),
            _("กลุ่มย่อย"),
            _("หน่วยงานสังกัด"),
            _("กลุ่มใหญ่"),
            _("เขตพื้นที่"),
        ]
    )
    for loan in rows:
        writer.writerow(
            safe_row(
                [
                    thai_month(loan.month),
                    month_key(loan.month),
                    loan.contract_number,
                    loan.member_number,
                    loan.member_name,
                    loan.small_group,
                    loan.pay_unit,
                    loan.large_group,
                    loan.area,
                ]
            )
        )
    return buffer.getvalue()


def missing_loans_log_text(file_name: str, month, *, checked_file: str = "") -> str:
    """What the personal-data log says of a missing-loans file (core.privacy)."""
    text = _("รายการสัญญาที่ยังไม่มีรายการชำระ เดือน%(month)s (%(file)s)") % {
        "month": thai_month(month),
        "file": file_name,
    }
    if checked_file:
        text += " " + _("หลังนำเข้าไฟล์ %(name)s") % {"name": checked_file}
    return text
