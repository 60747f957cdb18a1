"""Dates as people read them: Buddhist Era in Thai (25 พฤศจิกายน 2569), C.E. in English.

Load with `{% load thai_dates %}` in any app's templates, admin included.
"""

import re

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from core.dates import BUDDHIST_ERA_OFFSET, as_date, format_date, format_datetime, is_thai

register = template.Library()

_COMMON_ERA_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")


@register.filter
def buddhist_era_years(text):
    """Adds 543 to each C.E. year written in a label Django formatted (`พฤศจิกายน 2025` →
    `พฤศจิกายน 2568`), for the admin's date hierarchy; other numbers are left alone."""
    if not is_thai():
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
    day = as_date(value)
    return day.isoformat() if day else ""
