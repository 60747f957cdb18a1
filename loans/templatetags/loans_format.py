"""Template filters that show months and dates to people in the Buddhist Era."""

from django import template

from ..months import thai_date as format_thai_date
from ..months import thai_month as format_thai_month

register = template.Library()


@register.filter
def thai_month(value):
    return format_thai_month(value) if value else "-"


@register.filter
def thai_date(value):
    return format_thai_date(value)
