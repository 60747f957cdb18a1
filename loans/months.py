"""Calendar months as the monitor uses them: parsing "YYYY-MM", month ends and Thai labels."""

import datetime
import re

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from core.dates import BUDDHIST_ERA_OFFSET, DateInputError, common_era_year

_MONTH_PATTERN = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


class MonthError(ValueError):
    """Text that is not a month; the message is Thai and says what to type."""


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + (month.month - 1) + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_end(month: datetime.date) -> datetime.date:
    return add_months(first_of_month(month), 1) - datetime.timedelta(days=1)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Every month from first to last, both included (empty when last is before first)."""
    months, month = [], first_of_month(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def parse_month(text: str) -> datetime.date:
    """ "2025-06" (or "2568-06" in the Buddhist Era) → 1 June 2025."""
    match = _MONTH_PATTERN.match(text or "")
    if not match:
        raise MonthError(
            _("“%(text)s” ไม่ใช่เดือน: ให้พิมพ์เป็น ปปปป-ดด เช่น 2025-06 หรือ 2568-06") % {"text": text}
        )
    try:
        year = common_era_year(int(match[1]))
    except DateInputError as error:
        raise MonthError(error.message) from None
    month = int(match[2])
    if not 1 <= month <= 12:
        raise MonthError(_("เดือน “%(text)s” ไม่ถูกต้อง: เลขเดือนต้องอยู่ระหว่าง 01 ถึง 12") % {"text": text})
    return datetime.date(year, month, 1)


def month_key(month: datetime.date) -> str:
    """The machine form, "2025-06", used in URLs, files and JSON."""
    return f"{month.year:04d}-{month.month:02d}"


def thai_month(month: datetime.date) -> str:
    """ "มิถุนายน 2568": the month name and the Buddhist Era year."""
    return f"{MONTHS[month.month]} {month.year + BUDDHIST_ERA_OFFSET}"


def thai_month_short(month: datetime.date) -> str:
    """ "06/68": compact enough for a chart's axis."""
    return f"{month.month:02d}/{(month.year + BUDDHIST_ERA_OFFSET) % 100:02d}"


def thai_date(day: datetime.date | None) -> str:
    if day is None:
        return "-"
    return f"{day.day} {MONTHS[day.month]} {day.year + BUDDHIST_ERA_OFFSET}"
