"""Reading a report file (CSV in UTF-8 or Windows-874, or XLSX) into numbered rows of cells."""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 20 * 1024 * 1024
# Excel saves Thai CSV in Windows-874; UTF-8 (with or without BOM) comes from everything else.
CSV_ENCODINGS = ["utf-8-sig", "cp874"]


class FileFormatError(ValueError):
    """The file as a whole cannot be read; the message is Thai and says what to do."""


@dataclass
class SheetData:
    file_format: str
    encoding: str
    header: list
    # (row number as a spreadsheet shows it, cells); the header is row 1.
    rows: list[tuple[int, list]]


def read_table(*, file_name: str, content: bytes) -> SheetData:
    if not content:
        raise FileFormatError(_("ไฟล์ว่างเปล่า: เลือกไฟล์รายงานการชำระคืนที่มีข้อมูล"))
    if len(content) > MAX_FILE_BYTES:
        raise FileFormatError(
            _("ไฟล์ใหญ่เกิน %(size)d MB: แบ่งไฟล์เป็นรายเดือนแล้วนำเข้าทีละไฟล์")
            % {"size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    name = file_name.lower()
    if content.startswith(b"PK\x03\x04") or name.endswith(".xlsx"):
        return read_xlsx(content)
    if name.endswith(".xls") or content.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileFormatError(
            _("ไฟล์ .xls (Excel รุ่นเก่า) ใช้ไม่ได้: เปิดใน Excel แล้วบันทึกเป็น .xlsx หรือ CSV")
        )
    return read_csv(content)


def decode(content: bytes) -> tuple[str, str]:
    for encoding in CSV_ENCODINGS:
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise FileFormatError(_("อ่านตัวอักษรในไฟล์ไม่ได้: บันทึกไฟล์ CSV เป็น UTF-8 หรือ Windows-874 (ภาษาไทย)"))


def read_csv(content: bytes) -> SheetData:
    text, encoding = decode(content)
    if "\x00" in text:
        raise FileFormatError(_("ไฟล์นี้ไม่ใช่ไฟล์ CSV หรือ XLSX: ดาวน์โหลดแม่แบบแล้วบันทึกข้อมูลตามแม่แบบ"))
    first_line = text.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = list(reader)
    except csv.Error as error:
        raise FileFormatError(
            _("อ่านไฟล์ CSV ไม่ได้ (%(error)s): ตรวจสอบเครื่องหมายคำพูดในไฟล์") % {"error": error}
        ) from error
    return sheet("csv", encoding, table)


def read_xlsx(content: bytes) -> SheetData:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileFormatError(
            _("เปิดไฟล์ XLSX ไม่ได้: ไฟล์อาจเสียหรือไม่ใช่ไฟล์ Excel ให้บันทึกจาก Excel ใหม่เป็น .xlsx")
        ) from error
    try:
        worksheet = workbook.worksheets[0]
        table = [list(row) for row in worksheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return sheet("xlsx", "", table)


def sheet(file_format: str, encoding: str, table: list[list]) -> SheetData:
    rows = [(number, cells) for number, cells in enumerate(table, start=1) if not blank(cells)]
    if not rows:
        raise FileFormatError(_("ไม่พบข้อมูลในไฟล์: แถวแรกต้องเป็นหัวตาราง ตามด้วยข้อมูลรายสัญญา"))
    (_header_number, header), data = rows[0], rows[1:]
    return SheetData(file_format, encoding, header, data)


def blank(cells) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)
