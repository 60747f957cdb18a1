"""Turning one cell of a report (text from CSV, or a typed value from XLSX) into a Python value.

Each parser raises CellError with a Thai message that says what the cell should look like.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from core import dates

from ..months import MonthError, parse_month

MAX_AMOUNT = Decimal("9999999999.99")


class CellError(ValueError):
    pass


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_amount(value) -> Decimal:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raw = repr(value)
    else:
        raw = text(value).replace(",", "").replace("฿", "").strip()
    if not raw:
        raise CellError(_("ต้องกรอกจำนวนเงิน (ใส่ 0 ถ้าไม่มี)"))
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise CellError(
            _("“%(value)s” ไม่ใช่จำนวนเงิน: ใส่ตัวเลข เช่น 3500 หรือ 3,500.50") % {"value": raw}
        ) from None
    if not amount.is_finite():
        raise CellError(_("“%(value)s” ไม่ใช่จำนวนเงิน") % {"value": raw})
    if amount < 0:
        raise CellError(_("จำนวนเงินต้องไม่ติดลบ (ได้ %(value)s)") % {"value": raw})
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError(_("จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (ได้ %(value)s)") % {"value": raw})
    if amount > MAX_AMOUNT:
        raise CellError(_("จำนวนเงิน %(value)s มากเกินไป") % {"value": raw})
    return amount.quantize(Decimal("0.01"))


def parse_date(value, *, required: bool = False) -> datetime.date | None:
    """A date cell: XLSX date cells and CSV text go through the same era rule (core.dates), so
    an XLSX cell holding 2569-05-25 is 25 May 2026, as the same text in a CSV is."""
    if isinstance(value, datetime.date):
        try:
            return dates.to_common_era(value)
        except dates.DateInputError as error:
            raise CellError(error.message) from None
    raw = text(value)
    if not raw:
        if required:
            raise CellError(_("ต้องกรอกวันที่"))
        return None
    if isinstance(value, int | float):
        raise CellError(
            _("“%(value)s” เป็นตัวเลข ไม่ใช่วันที่: จัดรูปแบบเซลล์ใน Excel เป็นวันที่ หรือพิมพ์ 2025-06-25")
            % {"value": raw}
        )
    try:
        return dates.parse_date(raw)
    except dates.DateInputError as error:
        raise CellError(error.message) from None


_SLASH_MONTH = re.compile(r"^(\d{1,2})/(\d{4})$")


def parse_report_month(value) -> datetime.date:
    if isinstance(value, datetime.date):
        return parse_date(value).replace(day=1)
    raw = text(value)
    if not raw:
        raise CellError(_("ต้องกรอกเดือน เช่น 2025-06 หรือ 2568-06"))
    if match := _SLASH_MONTH.match(raw):
        raw = f"{match[2]}-{match[1]}"
    try:
        return parse_month(raw)
    except MonthError as error:
        raise CellError(str(error)) from None


def parse_days(value) -> int | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = text(value).replace(",", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise CellError(
            _("“%(value)s” ไม่ใช่จำนวนวัน: ใส่จำนวนเต็มตั้งแต่ 0 ขึ้นไป เช่น 0 หรือ 95") % {"value": raw}
        )
    days = int(raw)
    if days > 36500:
        raise CellError(_("จำนวนวันค้างชำระ %(value)s มากเกินไป") % {"value": raw})
    return days
