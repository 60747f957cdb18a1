"""Cells of the CSV and XLSX exports that a spreadsheet program reads as text, never as a formula."""

# A cell that begins with one of these is run as a formula by Excel, LibreOffice and Google Sheets
# (CSV injection, OWASP): names and other text typed by people must not start one.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A CSV cell: text that would start a formula gets a leading quote; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]


def append_safe_row(sheet, values) -> None:
    """Appends a row to an openpyxl sheet with every text cell stored as a string.

    openpyxl stores a str that begins with "=" as a formula; a string cell is shown as written
    and never calculated, so XLSX cells need no quote (the value reads back unchanged).
    """
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
