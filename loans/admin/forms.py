"""Forms of the loans admin: the loan with its guarantors, the report upload, the monitor filters."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.labels import ChoiceLabelMultipleField
from groups.models import CommitteeSeat, SmallGroupMembership
from members.models import Member
from networks.models import District, Level, Network

from .. import services
from ..gate import expansion_gate
from ..models import Loan
from ..models.loans import current_small_group_membership
from ..months import MonthError, month_key, parse_month, thai_month
from ..thresholds import MonitorStatus


class SeatChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, seat):
        return f"{seat.committee.owner} — {seat.title}: {seat.member.choice_label}"


class LoanAdminForm(forms.ModelForm):
    """Adding runs the expansion gate and the guarantor rule through loans.services."""

    guarantor_members = ChoiceLabelMultipleField(
        label=_("ผู้ค้ำประกัน"),
        queryset=Member.objects.all(),
        help_text=_("สมาชิกในกลุ่มย่อยเดียวกับผู้กู้ อย่างน้อย 1 คน"),
    )

    class Meta:
        model = Loan
        fields = [
            "borrower",
            "contract_number",
            "amount",
            "start_date",
            "term_months",
            "monthly_instalment",
            "status",
            "closed_on",
            "committee_approved_by",
            "committee_approved_on",
            "approval_reference",
            "provincial_approved_by",
            "provincial_approved_on",
        ]
        field_classes = {
            "committee_approved_by": SeatChoiceField,
            "provincial_approved_by": SeatChoiceField,
        }

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "committee_approved_by" not in self.fields:
            return  # shown read-only, to an officer who may only view loans
        seats = CommitteeSeat.objects.select_related(
            "member__pay_unit", "committee__large_group", "committee__network"
        ).order_by("committee_id", "term_start")
        borrower_id = self.instance.borrower_id
        membership = current_small_group_membership(borrower_id) if borrower_id else None
        guarantors = self.fields["guarantor_members"]
        if membership is not None:
            # On an existing loan the choice is the borrower's small group, nothing else.
            large_group = membership.small_group.large_group
            seats_here = seats.filter(
                Q(committee__large_group=large_group)
                | Q(committee__network_id=large_group.area.parent_id)
            )
            self.fields["committee_approved_by"].queryset = seats_here.filter(
                committee__large_group=large_group
            )
            self.fields["provincial_approved_by"].queryset = seats_here.filter(
                committee__network__isnull=False
            )
            peers = SmallGroupMembership.objects.filter(
                small_group_id=membership.small_group_id, ended_on__isnull=True
            ).exclude(member_id=borrower_id)
            guarantors.queryset = Member.objects.filter(pk__in=peers.values("member_id"))
            guarantors.widget = forms.CheckboxSelectMultiple()
            guarantors.widget.choices = guarantors.choices
        else:
            self.fields["committee_approved_by"].queryset = seats.filter(
                committee__large_group__isnull=False
            )
            self.fields["provincial_approved_by"].queryset = seats.filter(
                committee__network__level=Level.PROVINCE
            )
            if admin_site is not None:
                guarantors.widget = AutocompleteSelectMultiple(
                    Loan._meta.get_field("guarantors"), admin_site
                )
                guarantors.widget.choices = guarantors.choices
        if self.instance.pk:
            self.initial["guarantor_members"] = list(
                self.instance.guarantees.values_list("guarantor_id", flat=True)
            )

    def _post_clean(self):
        borrower = self.cleaned_data.get("borrower")
        if self.instance.pk is None and borrower is not None:
            # The model's own checks need to know whether the gate asks for the province's
            # approval before they run; prepare_new_loan below decides the same way again.
            decision = expansion_gate(member=borrower)
            self.instance.provincial_approval_required = decision.needs_provincial_approval
        super()._post_clean()
        if self.errors or "guarantor_members" not in self.cleaned_data:
            return
        guarantors = self.cleaned_data["guarantor_members"]
        try:
            if self.instance.pk is None:
                services.prepare_new_loan(loan=self.instance, guarantors=guarantors)
            else:
                messages = services.guarantor_errors(
                    borrower=self.instance.borrower, guarantors=guarantors
                )
                if messages:
                    raise ValidationError({"guarantors": messages})
        except ValidationError as error:
            errors = error.message_dict
            # The model's M2M field is shown through guarantor_members.
            if "guarantors" in errors:
                errors["guarantor_members"] = errors.pop("guarantors")
            self._update_errors(ValidationError(errors))


class RepaymentUploadForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์รายงานการชำระคืน (.csv หรือ .xlsx)"),
        help_text=_("CSV แบบ UTF-8 หรือ Windows-874 (ที่ Excel ภาษาไทยบันทึก) หรือ Excel .xlsx ตามแม่แบบ"),
    )
    recompute = forms.BooleanField(
        label=_("คำนวณผลการติดตามของเดือนที่เปลี่ยนใหม่ทันทีหลังนำเข้า"),
        required=False,
        initial=True,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise ValidationError(
                _("รับเฉพาะไฟล์ .csv หรือ .xlsx: ถ้าเป็น .xls ให้เปิดใน Excel แล้วบันทึกเป็น .xlsx")
            )
        return upload


class ConfirmImportForm(forms.Form):
    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)
    file_name = forms.CharField(max_length=255, widget=forms.HiddenInput)
    extension = forms.ChoiceField(
        choices=[("csv", "csv"), ("xlsx", "xlsx")], widget=forms.HiddenInput
    )
    recompute = forms.BooleanField(required=False, widget=forms.HiddenInput)


class MonitorFilterForm(forms.Form):
    """The dashboard's filters: a computed month, an area, a district, a status."""

    month = forms.TypedChoiceField(label=_("เดือน"), required=False)
    area = forms.ModelChoiceField(
        label=_("เขตพื้นที่"), queryset=Network.objects.areas(), required=False, empty_label=_("ทุกเขต")
    )
    district = forms.ModelChoiceField(
        label=_("อำเภอ"), queryset=District.objects.all(), required=False, empty_label=_("ทุกอำเภอ")
    )
    status = forms.ChoiceField(
        label=_("สถานะ"),
        required=False,
        choices=[("", _("ทุกสถานะ")), *MonitorStatus.choices],
    )

    def __init__(self, *args, months, default=None, viewer=None, **kwargs):
        """months: ReportMonth records newest first; default: the one shown without ?month=;
        viewer: the officer, whose scope bounds the areas and districts offered."""
        super().__init__(*args, **kwargs)
        if viewer is not None:
            for name in ("area", "district"):
                self.fields[name].queryset = self.fields[name].queryset.visible_to(viewer)
        self.months = {month_key(record.month): record for record in months}
        self.default = default
        self.fields["month"].choices = [
            (key, month_choice_label(record)) for key, record in self.months.items()
        ]
        if default is not None:
            self.fields["month"].initial = month_key(default.month)

    def clean_month(self):
        key = self.cleaned_data.get("month")
        if not key:
            return self.default
        return self.months[key]


def month_choice_label(record) -> str:
    if record.complete:
        return thai_month(record.month)
    return _("%(month)s (ข้อมูลยังไม่ครบ)") % {"month": thai_month(record.month)}


class CloseMonthForm(forms.Form):
    """Closing a provisional month as complete: the month and the officer's reason."""

    month = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("เหตุผลที่ปิดเดือนว่าครบถ้วน"),
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_("เช่น ไฟล์ของธนาคารเป็นฉบับสุดท้ายแล้ว สัญญาที่ขาดปิดบัญชีก่อนธนาคารออกรายงาน"),
        error_messages={"required": _("ระบุเหตุผลที่ปิดเดือนนี้ว่าครบถ้วน เช่น ไฟล์ของธนาคารเป็นฉบับสุดท้ายแล้ว")},
    )

    def clean_month(self):
        try:
            return parse_month(self.cleaned_data["month"])
        except MonthError as error:
            raise ValidationError(str(error)) from None
