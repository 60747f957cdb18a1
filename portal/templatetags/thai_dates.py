"""Dates as people read them: Buddhist Era in Thai (25 พฤศจิกายน 2569), C.E. in English.

Load with `{% load thai_dates %}` in any app's templates, admin included.
"""

import datetime
import re

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language

register = template.Library()

BUDDHIST_ERA_OFFSET = 543

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


def _is_thai(language: str | None) -> bool:
    return not (language or get_language() or "th").startswith("en")


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return None


def format_date(value, *, short: bool = False, language: str | None = None) -> str:
    """`25 พฤศจิกายน 2569` (Thai, B.E.) or `25 November 2026` (English, C.E.); '' for no date."""
    day = _as_date(value)
    if day is None:
        return ""
    if _is_thai(language):
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
    if _is_thai(language):
        return f"{date_text} เวลา {local:%H:%M} น."
    return f"{date_text} at {local:%H:%M}"


_COMMON_ERA_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")


@register.filter
def buddhist_era_years(text):
    """Adds 543 to each C.E. year written in a label Django formatted (`พฤศจิกายน 2025` →
    `พฤศจิกายน 2568`), for the admin's date hierarchy; other numbers are left alone."""
    if not _is_thai(None):
        return text
    return _COMMON_ERA_YEAR.sub(lambda match: str(int(match[1]) + BUDDHIST_ERA_OFFSET), str(text))


def date_field_of(model, name) -> models.DateField | None:
    """The model's date or date-time field called `name`, or None (other fields, callables)."""
    if not isinstance(name, str):
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.DateField) else None


@register.filter
def readonly_contents(admin_field):
    """A read-only field of an admin form: a date or date-time of the model in the Buddhist Era,
    anything else as Django shows it (its own display prints the C.E. year)."""
    obj = admin_field.form.instance
    field = date_field_of(obj, admin_field.field["field"])
    value = getattr(obj, field.attname) if field else None
    if value is not None:
        return format_datetime(value)  # shows a plain date as format_date does
    return admin_field.contents()


@register.filter
def thai_date(value, style: str = ""):
    """`{{ item.published_at|thai_date }}`; `|thai_date:"short"` gives `25 พ.ย. 2569`."""
    return format_date(value, short=style == "short")


@register.filter
def thai_datetime(value):
    return format_datetime(value)


@register.filter
def iso_date(value):
    """The machine-readable date for `<time datetime="…">`."""
    day = _as_date(value)
    return day.isoformat() if day else ""
