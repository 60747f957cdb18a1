"""The monitor's rows as JSON, CSV and XLSX: the `monitor` command and the dashboard's exports."""

import csv
import datetime
import io
import json

from django.utils.translation import gettext as _

from .conf import default_days_past_due
from .months import month_key, thai_month
from .selectors import MonitorRow, per_mille_text
from .thresholds import SLOW_DOWN_PER_MILLE, STOP_PER_MILLE

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
]


def headings() -> dict[str, str]:
    return {
        "level": _("ระดับ"),
        "id": _("รหัส"),
        "name": _("ชื่อ"),
        "parent": _("สังกัด"),
        "district": _("อำเภอ"),
        "month": _("เดือน"),
        "borrowers": _("ผู้กู้ (คน)"),
        "defaulters": _("ผิดนัดชำระ (คน)"),
        "on_time_borrowers": _("ชำระครบตรงเวลา (คน)"),
        "rate_percent": _("ร้อยละผู้ผิดนัด"),
        "status": _("รหัสสถานะ"),
        "status_label": _("สถานะ"),
        "cures_to_0_5_percent": _("ต้องแก้ไขกี่คนจึงไม่เกินร้อยละ 0.5"),
        "cures_to_1_0_percent": _("ต้องแก้ไขกี่คนจึงไม่เกินร้อยละ 1.0"),
        "large_groups": _("จำนวนกลุ่มใหญ่"),
        "default_days": _("เกณฑ์วันค้างชำระ"),
    }


def as_json(
    *, month: datetime.date, networks: list[MonitorRow], large_groups: list[MonitorRow]
) -> str:
    document = {
        "month": month_key(month),
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
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in [*networks, *large_groups]:
        values = row.as_dict()
        writer.writerow({key: "" if values[key] is None else values[key] for key in FIELDS})
    return buffer.getvalue()


def as_xlsx(
    *, month: datetime.date, networks: list[MonitorRow], large_groups: list[MonitorRow]
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    names = headings()
    workbook = Workbook()
    first = workbook.active
    for sheet, rows, title in [
        (first, large_groups, _("กลุ่มใหญ่")),
        (workbook.create_sheet(), networks, _("เครือข่าย")),
    ]:
        sheet.title = title
        sheet.append([_("ผลการติดตามการผิดนัดชำระ เดือน%(month)s") % {"month": thai_month(month)}])
        sheet["A1"].font = Font(bold=True)
        sheet.append([names[key] for key in FIELDS])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in rows:
            # The rate goes in as a number so that Excel can sort and chart it.
            values = {**row.as_dict(), "rate_percent": row.figures.rate_percent}
            sheet.append([values[key] for key in FIELDS])
        sheet.column_dimensions["C"].width = 48
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
