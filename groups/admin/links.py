"""Links from one roster page to another record's pages (the records without a form of their own)."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _


def history_link(obj) -> str:
    """The record's change history (core.admin's history page), beside it in an inline row."""
    if not obj.pk:
        return "-"
    opts = obj._meta
    return format_html(
        '<a href="{}">{}</a>',
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]),
        _("ประวัติ"),
    )
