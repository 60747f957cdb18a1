"""Admin for loans: terms, guarantors, approvals; new loans pass the expansion gate."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import PortalModelAdmin, PortalTabularInline
from members.admin import NationalIdSearchMixin

from .. import services
from ..formats import baht
from ..models import Loan, Repayment
from ..months import thai_month
from .forms import LoanAdminForm


class RepaymentInline(PortalTabularInline):
    """The bank's last reports of this loan; they change only through the report import."""

    model = Repayment
    fields = [
        "report_month",
        "amount_due_display",
        "amount_paid_display",
        "due_date",
        "paid_on",
        "days_past_due",
        "paid_in_full_on_time",
    ]
    readonly_fields = fields
    can_delete = False
    extra = 0
    max_num = 0
    ordering = ["-month"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("เดือน"), ordering="month")
    def report_month(self, obj):
        return thai_month(obj.month)

    @admin.display(description=_("ยอดที่ต้องชำระ (บาท)"))
    def amount_due_display(self, obj):
        return baht(obj.amount_due)

    @admin.display(description=_("ยอดที่ชำระ (บาท)"))
    def amount_paid_display(self, obj):
        return baht(obj.amount_paid)


@admin.register(Loan)
class LoanAdmin(NationalIdSearchMixin, PortalModelAdmin):
    form = LoanAdminForm
    list_display = [
        "contract_number",
        "borrower",
        "amount_display",
        "start_date",
        "status",
        "approved",
        "gate_status",
    ]
    list_filter = ["status", "gate_status", "provincial_approval_required", "start_date"]
    search_fields = [
        "^contract_number",
        "borrower__first_name",
        "borrower__last_name",
        "^borrower__member_number",
        "^borrower__national_id",
    ]
    national_id_lookup = "borrower__national_id"
    search_help_text = _("ค้นหาด้วยเลขที่สัญญา ชื่อผู้กู้ เลขทะเบียนสมาชิก หรือเลขประจำตัวประชาชน")
    autocomplete_fields = ["borrower"]
    list_select_related = ["borrower"]
    readonly_fields = [
        "gate_status",
        "gate_month_display",
        "provincial_approval_required",
        "approved",
        "created_at",
    ]
    fieldsets = [
        (
            _("สัญญา"),
            {
                "fields": [
                    "borrower",
                    "contract_number",
                    ("amount", "monthly_instalment"),
                    ("start_date", "term_months"),
                    ("status", "closed_on"),
                ]
            },
        ),
        (_("ผู้ค้ำประกัน (สมาชิกกลุ่มย่อยเดียวกับผู้กู้)"), {"fields": ["guarantor_members"]}),
        (
            _("การอนุมัติของคณะกรรมการกลุ่มใหญ่"),
            {"fields": ["committee_approved_by", "committee_approved_on", "approval_reference"]},
        ),
        (
            _("การตรวจสถานะกลุ่มเมื่อยื่นกู้ และการอนุมัติของคณะกรรมการจังหวัด"),
            {
                "fields": [
                    "gate_status",
                    "gate_month_display",
                    "provincial_approval_required",
                    "provincial_approved_by",
                    "provincial_approved_on",
                    "approved",
                    "created_at",
                ],
                "description": _(
                    "กลุ่มใหญ่ที่อยู่ในสถานะ “หยุดการขยายโครงการ” รับสัญญาใหม่ไม่ได้; "
                    "สถานะ “ชะลอการขยายโครงการ” ต้องได้รับอนุมัติจากคณะกรรมการจังหวัด"
                ),
            },
        ),
    ]
    inlines = [RepaymentInline]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        # A new loan is always running; closing it is a change made later.
        (title, options), *rest = fieldsets
        fields = [line for line in options["fields"] if line != ("status", "closed_on")]
        return [(title, {**options, "fields": fields}), *rest]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        site = self.admin_site

        class Form(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, admin_site=site, **kwargs)

        return Form

    @admin.display(description=_("วงเงินกู้ (บาท)"), ordering="amount")
    def amount_display(self, obj):
        return baht(obj.amount)

    @admin.display(description=_("อนุมัติครบ"), boolean=True)
    def approved(self, obj):
        return obj.is_approved

    @admin.display(description=_("เดือนของข้อมูลที่ใช้ตรวจ"))
    def gate_month_display(self, obj):
        return thai_month(obj.gate_month) if obj.gate_month else "-"

    def save_model(self, request, obj, form, change):
        guarantors = form.cleaned_data["guarantor_members"]
        if change:
            services.update_loan(loan=obj)
            services.set_guarantors(loan=obj, guarantors=guarantors)
            return
        fields = {
            name: form.cleaned_data[name]
            for name in LoanAdminForm.Meta.fields
            if name not in {"status", "closed_on"}
        }
        loan = services.create_loan(guarantors=guarantors, **fields)
        for model_field in Loan._meta.concrete_fields:
            setattr(obj, model_field.attname, getattr(loan, model_field.attname))
        obj._state.adding = False
