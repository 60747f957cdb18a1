"""Template filters that show months and dates to people in the Buddhist Era, and numbers with
their thousands grouped."""

from django import template

from .. import formats
from ..months import thai_date as format_thai_date
from ..months import thai_month as format_thai_month

register = template.Library()


@register.filter
def thai_month(value):
    return format_thai_month(value) if value else "-"


@register.filter
def thai_date(value):
    return format_thai_date(value)


@register.filter
def number(value):
    """1096625 → "1,096,625"."""
    return formats.grouped(value)


@register.filter
def baht(value):
    """300000 → "300,000.00"."""
    return formats.baht(value)
