"""Form fields and widgets that read and show dates in the Buddhist Era (admin and public forms)."""

import datetime

from django import forms
from django.contrib.admin.widgets import (
    AdminSplitDateTime,
    BaseAdminDateWidget,
    BaseAdminTimeWidget,
)
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import dates, history, thai
from .models import ActorKind


class BuddhistEraDateInput(forms.DateInput):
    """Shows a stored date as `02/12/2569`; what the person typed is shown back as typed."""

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return dates.input_text(value)
        return value


class BuddhistEraDateField(forms.DateField):
    """Reads `2/12/2569`, `2/12/2026`, `2569-12-02` or `2 ธ.ค. 2569` by the rule of core.dates."""

    widget = BuddhistEraDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return dates.parse_date(str(value))
        except dates.DateInputError as error:
            raise ValidationError(error.message, code=error.code) from None


class BaseAdminBuddhistEraDateWidget(BuddhistEraDateInput, BaseAdminDateWidget):
    """The admin's date input with its calendar, both in the Buddhist Era
    (static/core/js/buddhist-era-calendar.js teaches Django's calendar the era)."""

    class Media:
        js = ["core/js/buddhist-era-calendar.js"]

    def __init__(self, attrs=None, format=None):  # noqa: A002
        super().__init__(attrs={"placeholder": _("วว/ดด/ปปปป"), **(attrs or {})}, format=format)


class AdminBuddhistEraDateWidget(BaseAdminBuddhistEraDateWidget):
    template_name = "admin/widgets/date.html"


class AdminBuddhistEraSplitDateTime(AdminSplitDateTime):
    """Date (B.E.) and time inputs side by side, as Django's admin shows a date-time."""

    def __init__(self, attrs=None):
        forms.MultiWidget.__init__(
            self, [BaseAdminBuddhistEraDateWidget, BaseAdminTimeWidget], attrs
        )


class BuddhistEraSplitDateTimeField(forms.SplitDateTimeField):
    widget = AdminBuddhistEraSplitDateTime

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        date_field, time_field = self.fields
        self.fields = (
            BuddhistEraDateField(
                error_messages=date_field.error_messages, required=date_field.required
            ),
            time_field,
        )


class ChangeLogFilterForm(forms.Form):
    """The change log's filters: what kind of record, who, how, from which import, when."""

    model = forms.ChoiceField(label=_("ข้อมูล"), required=False)
    user = forms.ModelChoiceField(
        label=_("ผู้ใช้"), queryset=get_user_model().objects.none(), required=False
    )
    actor_kind = forms.ChoiceField(
        label=_("ทำรายการโดย"), required=False, choices=[("", _("ทุกแบบ")), *ActorKind.choices]
    )
    source = forms.CharField(label=_("ที่มา"), required=False, max_length=100)
    date_from = BuddhistEraDateField(
        label=_("ตั้งแต่วันที่"), required=False, widget=AdminBuddhistEraDateWidget
    )
    date_to = BuddhistEraDateField(
        label=_("ถึงวันที่"), required=False, widget=AdminBuddhistEraDateWidget
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.models = {model._meta.label_lower: model for model in history.audited_models()}
        self.fields["model"].choices = [
            ("", _("ทุกประเภท")),
            *sorted(
                ((label, str(model._meta.verbose_name)) for label, model in self.models.items()),
                key=lambda choice: thai.sort_key(choice[1]),
            ),
        ]
        self.fields["user"].queryset = get_user_model().objects.order_by("username")

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            raise ValidationError(_("วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น"), code="date_range")
        return data

    def filters(self) -> history.LogFilters:
        data = self.cleaned_data
        user = data.get("user")
        return history.LogFilters(
            model=self.models.get(data.get("model") or ""),
            user_id=user.pk if user else None,
            actor_kind=data.get("actor_kind") or "",
            source=(data.get("source") or "").strip(),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
