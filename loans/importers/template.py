"""The downloadable templates of the repayment report: CSV and XLSX with the documented columns."""

import csv
import io

from django.utils.translation import gettext as _

from core.spreadsheets import append_safe_row, safe_row

from .columns import COLUMNS


def template_csv() -> bytes:
    """Header only, UTF-8 with a BOM so that Excel opens the Thai text correctly."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(safe_row(column.key for column in COLUMNS))
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """Sheet 1: the header to fill in; sheet 2: what each column holds, with an example."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "repayments"
    append_safe_row(sheet, [column.key for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, _column in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = 20
    guide = workbook.create_sheet(_("คำอธิบาย"))
    append_safe_row(
        guide, [_("คอลัมน์"), _("ชื่อภาษาไทยที่ใช้แทนได้"), _("จำเป็น"), _("ความหมาย"), _("ตัวอย่าง")]
    )
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        append_safe_row(
            guide,
            [
                column.key,
                column.thai,
                _("จำเป็น") if column.required else _("ไม่จำเป็น"),
                str(column.description),
                column.example,
            ],
        )
    guide.append([])
    append_safe_row(guide, [_("ข้อมูลเริ่มที่แถวที่ 2 ของแผ่นงานแรก หนึ่งแถวต่อหนึ่งสัญญาต่อหนึ่งเดือน")])
    for letter, width in zip("ABCDE", [18, 22, 10, 80, 18], strict=True):
        guide.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
