"""Admin for the bank's repayment rows (read-only) and the screen that imports a report file."""

import datetime
import uuid

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import privacy
from core.audit import Actor, source_of
from core.paginator import LargeTableAdmin
from members.admin import NationalIdSearchMixin

from .. import completeness, exports
from ..formats import baht, grouped
from ..importers.columns import COLUMNS
from ..importers.repayments import import_repayment_report
from ..importers.template import template_csv, template_xlsx
from ..models import Repayment, RepaymentImport
from ..months import MonthError, month_key, parse_month, thai_month
from .base import ReadOnlyAdmin
from .forms import ConfirmImportForm, RepaymentUploadForm

PENDING_DIR = "loans/pending-imports"
PREVIEW_ROWS = 200
PENDING_LIFETIME = datetime.timedelta(days=1)
# Large groups listed by name under each month's missing loans; the CSV has every contract.
MISSING_GROUPS_SHOWN = 50
MISSING_GROUPS_IN_MESSAGE = 10


class OverdueFilter(admin.SimpleListFilter):
    title = gettext_lazy("การค้างชำระ ณ สิ้นเดือน")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [
            ("none", gettext_lazy("ไม่ค้าง")),
            ("1-30", gettext_lazy("1–30 วัน")),
            ("31-90", gettext_lazy("31–90 วัน")),
            ("91+", gettext_lazy("เกิน 90 วัน")),
        ]

    def queryset(self, request, queryset):
        ranges = {"none": (0, 0), "1-30": (1, 30), "31-90": (31, 90), "91+": (91, None)}
        if self.value() not in ranges:
            return queryset
        low, high = ranges[self.value()]
        queryset = queryset.filter(days_past_due__gte=low)
        return queryset if high is None else queryset.filter(days_past_due__lte=high)


@admin.register(Repayment)
class RepaymentAdmin(LargeTableAdmin, NationalIdSearchMixin, ReadOnlyAdmin):
    """Rows come only from the bank's reports; to correct one, import the corrected report."""

    list_display = [
        "contract",
        "borrower",
        "report_month",
        "amount_due_display",
        "amount_paid_display",
        "due_date",
        "paid_on",
        "days_past_due",
        "paid_in_full_on_time",
    ]
    list_filter = [OverdueFilter, "paid_in_full_on_time", "month"]
    search_fields = [
        "^loan__contract_number",
        "loan__borrower__first_name",
        "loan__borrower__last_name",
    ]
    national_id_lookup = "loan__borrower__national_id"
    search_help_text = gettext_lazy(
        "ค้นหาด้วยเลขที่สัญญา ชื่อผู้กู้ หรือเลขประจำตัวประชาชนของผู้กู้ (พิมพ์มีขีดตามบัตรก็ได้)"
    )
    list_select_related = ["loan__borrower"]
    date_hierarchy = "month"
    readonly_fields = [field.name for field in Repayment._meta.fields]

    @admin.display(description=gettext_lazy("เลขที่สัญญา"), ordering="loan__contract_number")
    def contract(self, obj):
        return obj.loan.contract_number

    @admin.display(description=gettext_lazy("ผู้กู้"))
    def borrower(self, obj):
        return obj.loan.borrower

    @admin.display(description=gettext_lazy("เดือน"), ordering="month")
    def report_month(self, obj):
        return thai_month(obj.month)

    @admin.display(description=gettext_lazy("ยอดที่ต้องชำระ (บาท)"), ordering="amount_due")
    def amount_due_display(self, obj):
        return baht(obj.amount_due)

    @admin.display(description=gettext_lazy("ยอดที่ชำระ (บาท)"), ordering="amount_paid")
    def amount_paid_display(self, obj):
        return baht(obj.amount_paid)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": can_import(request)}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="loans_repayment_import"),
            path("import/confirm/", view(self.confirm_view), name="loans_repayment_import_confirm"),
            path(
                "import/missing.csv",
                view(self.pending_missing_view),
                name="loans_repayment_import_missing",
            ),
            path(
                "import/template.<str:file_format>",
                view(self.template_view),
                name="loans_repayment_import_template",
            ),
            *super().get_urls(),
        ]

    def context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("นำเข้ารายงานการชำระคืนของธนาคาร"),
            "columns": COLUMNS,
            **extra,
        }

    def import_view(self, request):
        require_import_permission(request)
        form = RepaymentUploadForm(request.POST or None, request.FILES or None)
        if request.method != "POST" or not form.is_valid():
            return TemplateResponse(
                request, "admin/loans/repayment/import.html", self.context(request, form=form)
            )
        upload = form.cleaned_data["file"]
        content = upload.read()
        report = import_repayment_report(
            actor=Actor.of(request.user), file_name=upload.name, content=content, dry_run=True
        )
        confirm = None
        if report.ok and report.changes:
            # The checked file waits in storage until the officer confirms (or abandons) it.
            discard_stale_pending()
            token = uuid.uuid4().hex
            extension = "xlsx" if report.file_format == "xlsx" else "csv"
            default_storage.save(f"{PENDING_DIR}/{token}.{extension}", ContentFile(content))
            confirm = ConfirmImportForm(
                initial={
                    "token": token,
                    "file_name": upload.name,
                    "extension": extension,
                    "recompute": form.cleaned_data["recompute"],
                }
            )
        return TemplateResponse(
            request,
            "admin/loans/repayment/import.html",
            self.context(
                request,
                form=RepaymentUploadForm(),
                report=report,
                confirm=confirm,
                preview=report.changes[:PREVIEW_ROWS],
                errors=report.errors[:PREVIEW_ROWS],
                hidden_errors=max(0, len(report.errors) - PREVIEW_ROWS),
                hidden_changes=max(0, len(report.changes) - PREVIEW_ROWS),
                missing=missing_context(report, confirm),
            ),
        )

    def confirm_view(self, request):
        require_import_permission(request)
        form = ConfirmImportForm(request.POST or None)
        if request.method != "POST" or not form.is_valid():
            messages.error(request, _("ไม่พบไฟล์ที่ตรวจสอบไว้: อัปโหลดไฟล์ใหม่อีกครั้ง"))
            return redirect("admin:loans_repayment_import")
        name = f"{PENDING_DIR}/{form.cleaned_data['token']}.{form.cleaned_data['extension']}"
        if not default_storage.exists(name):
            messages.error(request, _("ไฟล์ที่ตรวจสอบไว้ถูกนำเข้าหรือหมดอายุแล้ว: อัปโหลดไฟล์ใหม่อีกครั้ง"))
            return redirect("admin:loans_repayment_import")
        with default_storage.open(name, "rb") as pending:
            content = pending.read()
        report = import_repayment_report(
            actor=Actor.of(request.user),
            file_name=form.cleaned_data["file_name"],
            content=content,
            recompute=form.cleaned_data["recompute"],
        )
        if not report.ok:
            # The data changed since the dry run (e.g. a loan was closed): show what is wrong now.
            return TemplateResponse(
                request,
                "admin/loans/repayment/import.html",
                self.context(
                    request,
                    form=RepaymentUploadForm(),
                    report=report,
                    errors=report.errors[:PREVIEW_ROWS],
                    hidden_errors=max(0, len(report.errors) - PREVIEW_ROWS),
                ),
            )
        default_storage.delete(name)
        messages.success(
            request,
            _(
                "นำเข้าแล้ว: เพิ่มใหม่ %(created)d แถว แก้ไข %(updated)d แถว ไม่เปลี่ยนแปลง %(unchanged)d แถว (เดือน%(months)s)"
            )
            % {
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "months": report.months_display,
            },
        )
        for month_missing in report.missing_loans:
            if month_missing.complete:
                messages.info(request, complete_message(month_missing))
            else:
                messages.warning(request, missing_message(month_missing))
        if report.record is not None:
            return redirect(reverse("admin:loans_repaymentimport_change", args=[report.record.pk]))
        return redirect("admin:loans_repayment_changelist")

    def pending_missing_view(self, request):
        """The contracts a checked, not yet confirmed file leaves without a row for a month:
        the file is checked again (as confirming would) and its loans are left out."""
        require_import_permission(request)
        form = ConfirmImportForm(request.GET or None)
        try:
            month = parse_month(request.GET.get("month", ""))
        except MonthError:
            month = None
        if not form.is_valid() or month is None:
            messages.error(request, _("ไม่พบไฟล์ที่ตรวจสอบไว้: อัปโหลดไฟล์ใหม่อีกครั้ง"))
            return redirect("admin:loans_repayment_import")
        name = f"{PENDING_DIR}/{form.cleaned_data['token']}.{form.cleaned_data['extension']}"
        if not default_storage.exists(name):
            messages.error(request, _("ไฟล์ที่ตรวจสอบไว้ถูกนำเข้าหรือหมดอายุแล้ว: อัปโหลดไฟล์ใหม่อีกครั้ง"))
            return redirect("admin:loans_repayment_import")
        with default_storage.open(name, "rb") as pending:
            content = pending.read()
        report = import_repayment_report(
            actor=Actor.of(request.user),
            file_name=form.cleaned_data["file_name"],
            content=content,
            dry_run=True,
        )
        rows = privacy.Counted(
            completeness.missing_loans(
                month=month, excluding=report.new_loan_ids(month), viewer=request.user
            )
        )
        response = HttpResponse(
            "\ufeff" + exports.missing_loans_csv(rows), content_type="text/csv; charset=utf-8"
        )
        filename = f"missing-repayments-{month_key(month)}.csv"
        privacy.log_export(
            request.user,
            what=exports.missing_loans_log_text(
                filename, month, checked_file=form.cleaned_data["file_name"]
            ),
            rows=rows.count,
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def template_view(self, request, file_format):
        require_import_permission(request)
        if file_format == "csv":
            response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
        elif file_format == "xlsx":
            response = HttpResponse(
                template_xlsx(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            messages.error(request, _("แม่แบบมีเฉพาะ .csv และ .xlsx"))
            return redirect("admin:loans_repayment_import")
        response["Content-Disposition"] = f'attachment; filename="repayment-template.{file_format}"'
        return response


def missing_context(report, confirm) -> list[dict]:
    """Each month of a checked file: the loans still without a row once it is in, the groups
    with the most, and where to download the contracts."""
    months = []
    for month_missing in report.missing_loans:
        key = month_key(month_missing.month)
        if confirm is not None:
            # Not written yet: the list leaves out what this file brings (checked again).
            url = (
                reverse("admin:loans_repayment_import_missing")
                + "?"
                + urlencode({**confirm.initial, "month": key})
            )
        else:
            url = reverse("admin:loans_monitor_missing", args=[key])
        months.append(
            {
                "missing": month_missing,
                "groups": month_missing.by_large_group[:MISSING_GROUPS_SHOWN],
                "hidden_groups": max(0, len(month_missing.by_large_group) - MISSING_GROUPS_SHOWN),
                "url": url,
            }
        )
    return months


def missing_message(month_missing) -> str:
    """After a commit: a month still incomplete, by large group, with the download."""
    groups = month_missing.by_large_group
    shown = format_html_join(
        ", ",
        "{} {}",
        (
            (group.name, grouped(group.missing_loans))
            for group in groups[:MISSING_GROUPS_IN_MESSAGE]
        ),
    )
    more = len(groups) - MISSING_GROUPS_IN_MESSAGE
    return format_html(
        '{} {}{} <a href="{}">{}</a>',
        _(
            "เดือน%(month)s ยังไม่ครบ: สัญญาที่ยังผ่อนอยู่ %(count)s สัญญายังไม่มีรายการชำระ "
            "ผลของเดือนนี้จึงเป็นผลชั่วคราว (ไม่ใช้ตรวจการรับสัญญาใหม่และไม่แจ้งเตือน)"
        )
        % {"month": thai_month(month_missing.month), "count": grouped(month_missing.total)},
        format_html("({})", shown) if groups else "",
        format_html(" {}", _("และกลุ่มใหญ่อื่นอีก %(count)s กลุ่ม") % {"count": grouped(more)})
        if more > 0
        else "",
        reverse("admin:loans_monitor_missing", args=[month_key(month_missing.month)]),
        _("ดาวน์โหลดรายการสัญญาที่ยังไม่มีรายการชำระ (CSV)"),
    )


def complete_message(month_missing) -> str:
    return _("เดือน%(month)s ครบถ้วน: สัญญาที่ยังผ่อนอยู่ทุกสัญญามีรายการชำระแล้ว") % {
        "month": thai_month(month_missing.month)
    }


def discard_stale_pending() -> None:
    """Checked files never confirmed are dropped after a day."""
    try:
        _folders, names = default_storage.listdir(PENDING_DIR)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - PENDING_LIFETIME
    for name in names:
        path = f"{PENDING_DIR}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)


def can_import(request) -> bool:
    return request.user.has_perm("loans.add_repayment") and request.user.has_perm(
        "loans.change_repayment"
    )


def require_import_permission(request) -> None:
    if not can_import(request):
        raise PermissionDenied


@admin.register(RepaymentImport)
class RepaymentImportAdmin(ReadOnlyAdmin):
    # The record of which file wrote which rows is kept: read-only, never deleted.
    list_display = [
        "imported_at",
        "file_name",
        "imported_by",
        "rows_total",
        "rows_created",
        "rows_updated",
        "rows_unchanged",
    ]
    readonly_fields = [*(field.name for field in RepaymentImport._meta.fields), "rows_history"]
    list_select_related = ["imported_by"]
    search_fields = ["file_name", "sha256"]
    date_hierarchy = "imported_at"

    @admin.display(description=gettext_lazy("ประวัติของแถวที่นำเข้า"))
    def rows_history(self, obj):
        """The change log of the rows this file wrote, each with its old and new values."""
        if obj is None or obj.pk is None:
            return "-"
        url = reverse("admin:core_changelog_changelist")
        query = urlencode({"source": source_of(obj)})
        return format_html(
            '<a href="{}?{}">{}</a>', url, query, _("ดูแถวที่ไฟล์นี้เพิ่มหรือแก้ไข ในประวัติการเปลี่ยนแปลงข้อมูล")
        )
