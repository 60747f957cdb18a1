"""Dates as Thai officers write and read them: the Buddhist Era (พ.ศ.) rule, parsing, formatting.

The one home of the era rule, used by admin date inputs, the importers (CSV text and XLSX date
cells alike), month arguments of commands and every date shown to people:

- a year of 2400 or later is a Buddhist Era year (พ.ศ. = ค.ศ. + 543);
- a year from 1900 to 2200 is a Common Era year;
- anything else (a two-digit year, 2300, 3112) is refused with a message saying so, as is a
  B.E. year that would lie after 2200 C.E.
"""

import datetime
import re

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

BUDDHIST_ERA_OFFSET = 543
FIRST_BUDDHIST_YEAR = 2400
FIRST_COMMON_YEAR = 1900
LAST_COMMON_YEAR = 2200
LAST_BUDDHIST_YEAR = LAST_COMMON_YEAR + BUDDHIST_ERA_OFFSET

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class DateInputError(ValueError):
    """Text (or a spreadsheet cell) that is not a date; the message is Thai and says what to type."""

    def __init__(self, message: str, code: str = "invalid_date"):
        super().__init__(message)
        self.message = message
        self.code = code


def year_rule_text() -> str:
    return _("ปี พ.ศ. ตั้งแต่ 2400 เช่น 2569 หรือปี ค.ศ. 1900–2200 เช่น 2026")


def common_era_year(year: int) -> int:
    """The C.E. year of a year as typed, by the rule at the top of this module."""
    if FIRST_BUDDHIST_YEAR <= year <= LAST_BUDDHIST_YEAR:
        return year - BUDDHIST_ERA_OFFSET
    if FIRST_COMMON_YEAR <= year <= LAST_COMMON_YEAR:
        return year
    if year > LAST_BUDDHIST_YEAR:
        raise DateInputError(
            _("ปี %(year)d ไกลเกินไป: ใช้%(rule)s") % {"year": year, "rule": year_rule_text()},
            code="year_out_of_range",
        )
    raise DateInputError(
        _("ปี %(year)d ไม่ใช่ปีที่ใช้ได้: ใส่ปีเต็ม 4 หลัก เป็น%(rule)s")
        % {"year": year, "rule": year_rule_text()},
        code="year_out_of_range",
    )


def to_common_era(value: datetime.date) -> datetime.date:
    """A date whose year was typed in either era (an XLSX date cell, say), in the C.E.

    A datetime is taken as its date (the bank's cells carry midnight).
    """
    if isinstance(value, datetime.datetime):
        value = value.date()
    year = common_era_year(value.year)
    if year == value.year:
        return value
    try:
        return value.replace(year=year)
    except ValueError:
        # 29 February of a B.E. year that is a leap year only in the other era.
        raise DateInputError(
            _("ไม่มีวันที่ 29 กุมภาพันธ์ ในปี %(year)d") % {"year": value.year}, code="no_such_day"
        ) from None


_MONTH_NAMES = {
    **{name: index for index, name in enumerate(THAI_MONTHS, start=1)},
    **{name.replace(".", ""): index for index, name in enumerate(THAI_MONTHS_SHORT, start=1)},
    **{name.lower(): index for index, name in enumerate(ENGLISH_MONTHS, start=1)},
    **{name[:3].lower(): index for index, name in enumerate(ENGLISH_MONTHS, start=1)},
}
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?$")
_NAMED = re.compile(r"^(\d{1,2})\s+([^\d\s]+)\s+(\d{1,4})$")
_ERA_WORDS = re.compile(r"(พ\.\s*ศ\.|ค\.\s*ศ\.|\b(?:B\.?E|A\.?D|C\.?E)\b\.?)", re.IGNORECASE)


def format_hint() -> str:
    return _("พิมพ์ วัน/เดือน/ปี เช่น 2/12/2569 (พ.ศ.) หรือ 2/12/2026 (ค.ศ.)")


def parse_date(text: str) -> datetime.date:
    """A date as a person types it: `2/12/2569`, `02-12-2026`, `2569-12-02`, `2 ธ.ค. 2569`.

    Day first, then month, then the year in either era (see the module's rule).
    """
    raw = " ".join(str(text or "").split())
    compact = _ERA_WORDS.sub(" ", raw).strip()
    compact = " ".join(compact.split())
    if not compact:
        raise DateInputError(_("ต้องกรอกวันที่: %(hint)s") % {"hint": format_hint()}, code="required")
    if match := _ISO.match(compact):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _NUMERIC.match(compact):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    elif (match := _NAMED.match(compact)) and (
        month_number := _MONTH_NAMES.get(match[2].replace(".", "").lower())
    ):
        day, month, year = int(match[1]), month_number, int(match[3])
    else:
        raise DateInputError(
            _("“%(value)s” ไม่ใช่วันที่: %(hint)s") % {"value": raw, "hint": format_hint()}
        )
    common_year = common_era_year(year)
    if not 1 <= month <= 12:
        raise DateInputError(
            _("“%(value)s”: เดือนต้องเป็น 1 ถึง 12 (%(hint)s)") % {"value": raw, "hint": format_hint()},
            code="no_such_month",
        )
    try:
        return datetime.date(common_year, month, day)
    except ValueError:
        raise DateInputError(
            _("ไม่มีวันที่ “%(value)s” ในปฏิทิน: ตรวจสอบวันและเดือน") % {"value": raw},
            code="no_such_day",
        ) from None


def is_thai(language: str | None = None) -> bool:
    return not (language or get_language() or "th").startswith("en")


def as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return None


def display_year(day: datetime.date, language: str | None = None) -> int:
    return day.year + BUDDHIST_ERA_OFFSET if is_thai(language) else day.year


def input_text(value, language: str | None = None) -> str:
    """How a date input shows a date: `02/12/2569` in Thai, `02/12/2026` in English."""
    day = as_date(value)
    if day is None:
        return ""
    return f"{day.day:02d}/{day.month:02d}/{display_year(day, language)}"


def format_date(value, *, short: bool = False, language: str | None = None) -> str:
    """`25 พฤศจิกายน 2569` (Thai, B.E.) or `25 November 2026` (English, C.E.); '' for no date."""
    day = as_date(value)
    if day is None:
        return ""
    if is_thai(language):
        months = THAI_MONTHS_SHORT if short else THAI_MONTHS
        return f"{day.day} {months[day.month - 1]} {day.year + BUDDHIST_ERA_OFFSET}"
    month = ENGLISH_MONTHS[day.month - 1]
    return f"{day.day} {month[:3] if short else month} {day.year}"


def format_datetime(value, *, language: str | None = None) -> str:
    """The date as above and the local time: `25 พฤศจิกายน 2569 เวลา 14:30 น.`, `… at 14:30`."""
    if not isinstance(value, datetime.datetime):
        return format_date(value, language=language)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    date_text = format_date(local, language=language)
    if is_thai(language):
        return f"{date_text} เวลา {local:%H:%M} น."
    return f"{date_text} at {local:%H:%M}"


def format_month(month: datetime.date, language: str | None = None) -> str:
    """`ตุลาคม 2569` (Thai) or `October 2026` (English)."""
    if is_thai(language):
        return f"{THAI_MONTHS[month.month - 1]} {month.year + BUDDHIST_ERA_OFFSET}"
    return f"{ENGLISH_MONTHS[month.month - 1]} {month.year}"
