"""The signup form (its own page and the box on the public pages) and the admin's send form."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.models import NewsItem

from .addresses import EMAIL_MAX_LENGTH, normalize_email, validate_email_address
from .models import MailLanguage

# What the address is used for, shown beside the form and kept with the subscriber (PDPA).
CONSENT_TEXT = _(
    "เราใช้อีเมลของท่านเพื่อส่งข่าวของเครือข่ายเท่านั้น ไม่เปิดเผยแก่ผู้อื่น "
    "ท่านจะได้รับข่าวเมื่อกดยืนยันจากอีเมลที่เราส่งไป และยกเลิกได้ทุกเมื่อจากลิงก์ในอีเมลทุกฉบับ"
)


class SubscribeForm(forms.Form):
    email = forms.CharField(
        label=_("อีเมล"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("กรอกอีเมลที่ต้องการรับข่าว")},
    )
    name = forms.CharField(
        label=_("ชื่อ (ไม่บังคับ)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    language = forms.ChoiceField(
        label=_("ภาษาของอีเมล"),
        choices=MailLanguage.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("เลือกภาษาไทยหรือภาษาอังกฤษ")},
    )
    # The honeypot: hidden from people, filled in by robots that fill in every field.
    website = forms.CharField(
        label=_("เว็บไซต์ (เว้นว่างไว้)"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = (get_language() or "th").split("-")[0]
        self.fields["language"].initial = (
            language if language in MailLanguage.values else MailLanguage.THAI
        )

    def clean_email(self):
        email = normalize_email(self.cleaned_data["email"])
        validate_email_address(email)
        return email

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class QueueMailingForm(forms.Form):
    news_item = forms.ModelChoiceField(
        label=_("ข่าวที่จะส่ง"),
        queryset=NewsItem.objects.none(),
        help_text=_("เฉพาะข่าวที่เผยแพร่แล้วและยังไม่เคยส่งทางอีเมล"),
        error_messages={
            "required": _("เลือกข่าวที่จะส่ง"),
            "invalid_choice": _("ข่าวนี้ส่งไม่ได้: ยังไม่เผยแพร่ หรือส่งทางอีเมลไปแล้ว"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["news_item"].queryset = (
            NewsItem.objects.published().filter(mailing__isnull=True).latest_first()
        )
