"""Spreadsheet cells that would run as formulas are written as text (core.spreadsheets)."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from core.spreadsheets import append_safe_row, safe_cell


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_would_start_a_formula_gets_a_quote(start):
    assert safe_cell(start + "SUM(A1)") == "'" + start + "SUM(A1)"


@pytest.mark.parametrize("value", ["สมชาย", "a=b", "", None, -5, Decimal("-1.50"), 0])
def test_other_text_and_every_number_are_unchanged(value):
    assert safe_cell(value) == value


def test_an_xlsx_row_keeps_formulas_as_strings_and_numbers_as_numbers():
    workbook = Workbook()
    append_safe_row(workbook.active, ['=HYPERLINK("http://x","y")', -5, None, "+1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    cells = load_workbook(buffer).active[1]
    assert [(cell.value, cell.data_type) for cell in cells] == [
        ('=HYPERLINK("http://x","y")', "s"),
        (-5, "n"),
        (None, "n"),
        ("+1", "s"),
    ]
