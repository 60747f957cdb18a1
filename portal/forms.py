"""Forms of the public site: the search box of the search page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import SEARCH_MAX_LENGTH


class SearchForm(forms.Form):
    # Never invalid: over-long text is cut by selectors.clean_search_query and the page says so,
    # rather than refusing what a visitor typed.
    q = forms.CharField(
        label=_("คำที่ต้องการค้นหา"),
        required=False,
        help_text=_("พิมพ์คำหรือวลีใดก็ได้ในข่าวหรือผลงาน เช่น ออมเงิน หรือชื่อสมาชิก"),
        widget=forms.TextInput(
            attrs={"type": "search", "maxlength": SEARCH_MAX_LENGTH, "autocomplete": "off"}
        ),
    )
