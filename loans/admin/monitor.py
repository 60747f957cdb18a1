"""The monitor in the admin: dashboard, drill-down pages, charts, exports and read-only snapshots."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core import privacy
from core.admin import PortalModelAdmin
from core.audit import Actor
from groups.models import LargeGroup, SmallGroup
from networks.models import Level, Network

from .. import completeness, exports, selectors, services, snapshots
from ..charts import rate_chart
from ..conf import default_days_past_due
from ..formats import grouped
from ..models import (
    LargeGroupSnapshot,
    MonitorDashboard,
    NetworkSnapshot,
    ReportMonth,
    StatusTransition,
)
from ..months import MonthError, month_key, parse_month, thai_month
from .base import ReadOnlyAdmin
from .forms import CloseMonthForm, MonitorFilterForm

GROUPS_PER_PAGE = 50
# Large groups named on a provisional month's banner; the download lists every contract.
MISSING_GROUPS_SHOWN = 20
CLOSE_PERMISSION = "loans.close_reportmonth"


@admin.register(LargeGroupSnapshot)
class LargeGroupSnapshotAdmin(ReadOnlyAdmin):
    list_display = [
        "large_group",
        "month",
        "borrowers",
        "defaulters",
        "on_time_borrowers",
        "missing_loans",
        "status",
    ]
    list_filter = ["status", "month", ("large_group__area", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["large_group__name"]
    list_select_related = ["large_group"]


@admin.register(NetworkSnapshot)
class NetworkSnapshotAdmin(ReadOnlyAdmin):
    list_display = [
        "network",
        "month",
        "large_groups",
        "borrowers",
        "defaulters",
        "missing_loans",
        "status",
    ]
    list_filter = ["status", "month", "network__level"]
    search_fields = ["network__name", "network__short_name"]
    list_select_related = ["network"]


@admin.register(StatusTransition)
class StatusTransitionAdmin(ReadOnlyAdmin):
    list_display = ["large_group", "month", "kind", "from_status", "to_status", "mailed_at"]
    list_filter = ["kind", "to_status", "month"]
    search_fields = ["large_group__name", "recipients"]
    list_select_related = ["large_group"]


@admin.register(ReportMonth)
class ReportMonthAdmin(ReadOnlyAdmin):
    """The months computed: complete or provisional, and who closed which, why (its history)."""

    list_display = ["month", "missing_loans", "is_complete", "closed_by", "closed_at"]
    list_filter = ["closed_at"]
    list_select_related = ["closed_by"]
    readonly_fields = [
        "month",
        "missing_loans",
        "computed_at",
        "closed_by",
        "closed_at",
        "close_reason",
    ]

    @admin.display(description=_("ครบถ้วน"), boolean=True)
    def is_complete(self, obj):
        return obj.complete


@admin.register(MonitorDashboard)
class MonitorDashboardAdmin(PortalModelAdmin):
    """Its list page is the dashboard; its other pages are the drill-down and the exports."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("", view(self.dashboard_view), name="loans_monitordashboard_changelist"),
            path("compute/", view(self.compute_view), name="loans_monitor_compute"),
            path("close/", view(self.close_view), name="loans_monitor_close"),
            path(
                "missing/<str:month>.csv",
                view(self.missing_view),
                name="loans_monitor_missing",
            ),
            path("export.<str:file_format>", view(self.export_view), name="loans_monitor_export"),
            path("network/<int:pk>/", view(self.network_view), name="loans_monitor_network"),
            path("group/<int:pk>/", view(self.large_group_view), name="loans_monitor_large_group"),
            path(
                "small-group/<int:pk>/",
                view(self.small_group_view),
                name="loans_monitor_small_group",
            ),
        ]

    def require_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied

    def context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "default_days": default_days_past_due(),
            **extra,
        }

    def filters(self, request):
        """The bound filter form and the month (a ReportMonth) it resolves to: by default the
        latest complete month (None before any computing)."""
        records = selectors.report_months()
        default = selectors.default_month(records)
        form = MonitorFilterForm(
            request.GET or None, months=records, default=default, viewer=request.user
        )
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
        else:
            data = {"month": default, "area": None, "district": None, "status": ""}
        return form, data, records

    def dashboard_view(self, request):
        self.require_view(request)
        form, data, records = self.filters(request)
        record = data["month"]
        context = self.context(
            request,
            title=_("แดชบอร์ดติดตามการผิดนัดชำระ"),
            form=form,
            month=record.month if record else None,
            can_compute=self.has_change_permission(request),
        )
        if record is None:
            return TemplateResponse(request, "admin/loans/monitor/dashboard.html", context)
        month = record.month
        network_rows = [
            selectors.network_row(row, month_complete=record.complete)
            for row in selectors.network_snapshots(month=month, viewer=request.user)
        ]
        groups = selectors.large_group_snapshots(
            month=month,
            network=data["area"],
            district_id=data["district"].pk if data["district"] else None,
            status=data["status"] or None,
            viewer=request.user,
        )
        page = Paginator(groups, GROUPS_PER_PAGE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            record=record,
            month_label=thai_month(month),
            provinces=[row for row in network_rows if row.level == "province"],
            areas=[row for row in network_rows if row.level == "area"],
            upper=[row for row in network_rows if row.level in {"nation", "region"}],
            page=page,
            groups=[
                selectors.large_group_row(snapshot, month_complete=record.complete)
                for snapshot in page.object_list
            ],
            query=query.urlencode(),
            export_query=urlencode({**request.GET.dict(), "month": month_key(month)}),
            later_provisional=[
                later for later in records if later.month > month and not later.complete
            ],
        )
        if not record.complete:
            context.update(self.provisional_context(request, record, network_rows))
        return TemplateResponse(request, "admin/loans/monitor/dashboard.html", context)

    def provisional_context(self, request, record, network_rows):
        """What the banner of a provisional month says: the loans still without a row, the
        groups with the most of them (one query), the download and, with the permission, the
        form that closes the month."""
        groups = list(
            LargeGroupSnapshot.objects.visible_to(request.user)
            .for_month(record.month)
            .filter(missing_loans__gt=0)
            .select_related("large_group")
            .order_by("-missing_loans", "large_group__name")[: MISSING_GROUPS_SHOWN + 1]
        )
        # Each large group is under exactly one top network: their sums cover every placed loan.
        placed = sum(row.missing_loans for row in network_rows if not row.parent)
        return {
            "provisional_note": exports.provisional_note(record),
            "missing_groups": groups[:MISSING_GROUPS_SHOWN],
            "more_missing_groups": len(groups) > MISSING_GROUPS_SHOWN,
            "missing_unassigned": max(0, record.missing_loans - placed),
            "missing_url": reverse("admin:loans_monitor_missing", args=[month_key(record.month)]),
            "close_form": CloseMonthForm(initial={"month": month_key(record.month)})
            if request.user.has_perm(CLOSE_PERMISSION)
            else None,
        }

    def compute_view(self, request):
        if request.method != "POST":
            return redirect("admin:loans_monitordashboard_changelist")
        if not self.has_change_permission(request):
            raise PermissionDenied
        try:
            month = parse_month(request.POST.get("month", ""))
        except MonthError as error:
            messages.error(request, str(error))
            return redirect("admin:loans_monitordashboard_changelist")
        result = snapshots.compute_month(month=month)
        messages.success(
            request,
            _("คำนวณผลเดือน%(month)s แล้ว: กลุ่มใหญ่ %(groups)d กลุ่ม เครือข่าย %(networks)d เครือข่าย")
            % {
                "month": thai_month(month),
                "groups": result.large_groups,
                "networks": result.networks,
            },
        )
        if not result.complete:
            messages.warning(request, provisional_message(month, result.missing_loans))
        if result.unassigned_borrowers:
            messages.warning(
                request,
                _("ผู้กู้ %(count)d คนไม่ได้อยู่ในกลุ่มย่อยใดในเดือนนั้น จึงไม่ถูกนับในกลุ่มใหญ่ใด")
                % {"count": result.unassigned_borrowers},
            )
        return redirect(
            reverse("admin:loans_monitordashboard_changelist")
            + "?"
            + urlencode({"month": month_key(month)})
        )

    def close_view(self, request):
        """Close a provisional month as complete, with the officer's reason (loans.services)."""
        if request.method != "POST":
            return redirect("admin:loans_monitordashboard_changelist")
        if not request.user.has_perm(CLOSE_PERMISSION):
            raise PermissionDenied
        form = CloseMonthForm(request.POST)
        target = reverse("admin:loans_monitordashboard_changelist")
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            month_text = request.POST.get("month", "")
            return redirect(
                f"{target}?{urlencode({'month': month_text})}" if month_text else target
            )
        month = form.cleaned_data["month"]
        try:
            services.close_month(
                actor=Actor.of(request.user), month=month, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("ปิดเดือน%(month)s ว่าครบถ้วนแล้ว: ผลของเดือนนี้ใช้ตรวจการรับสัญญาใหม่และแจ้งเตือนได้ตั้งแต่นี้")
                % {"month": thai_month(month)},
            )
        return redirect(f"{target}?{urlencode({'month': month_key(month)})}")

    def missing_view(self, request, month):
        """The contracts still without the bank's row for a month, as CSV."""
        self.require_view(request)
        try:
            parsed = parse_month(month)
        except MonthError as error:
            raise Http404(str(error)) from None
        rows = privacy.Counted(completeness.missing_loans(month=parsed, viewer=request.user))
        body = "\ufeff" + exports.missing_loans_csv(rows)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        name = f"missing-repayments-{month_key(parsed)}.csv"
        # Borrowers by name and member number: personal data (docs/privacy.md).
        privacy.log_export(
            request.user, what=exports.missing_loans_log_text(name, parsed), rows=rows.count
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def export_view(self, request, file_format):
        self.require_view(request)
        if file_format not in {"csv", "xlsx", "json"}:
            raise Http404(_("ส่งออกได้เฉพาะ .csv .xlsx และ .json"))
        form, data, _records = self.filters(request)
        record = data["month"]
        if record is None:
            messages.error(request, _("ยังไม่มีผลการติดตามให้ส่งออก"))
            return redirect("admin:loans_monitordashboard_changelist")
        networks, groups = selectors.monitor_rows(
            month=record,
            network=data["area"],
            district_id=data["district"].pk if data["district"] else None,
            status=data["status"] or None,
            viewer=request.user,
        )
        name = f"default-monitor-{month_key(record.month)}.{file_format}"
        if file_format == "csv":
            # A BOM so that Excel shows the Thai names correctly when the file is opened.
            body = "\ufeff" + exports.as_csv(networks=networks, large_groups=groups)
            response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        elif file_format == "xlsx":
            response = HttpResponse(
                exports.as_xlsx(month=record, networks=networks, large_groups=groups),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            response = HttpResponse(
                exports.as_json(month=record, networks=networks, large_groups=groups),
                content_type="application/json; charset=utf-8",
            )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def selected_month(self, request, default):
        """The month asked for in ?month=, else the default (the latest complete month)."""
        text = request.GET.get("month")
        if text:
            try:
                return parse_month(text)
            except MonthError as error:
                messages.error(request, str(error))
        return default

    def month_notice(self, month):
        """The provisional banner of a history page's month ("" when the month is complete)."""
        record = selectors.report_month(month) if month else None
        return exports.provisional_note(record) if record and not record.complete else ""

    def network_view(self, request, pk):
        self.require_view(request)
        network = get_object_or_404(
            Network.objects.visible_to(request.user).select_related("parent"), pk=pk
        )
        entries = selectors.network_history(network)
        month = self.selected_month(request, history_default(entries))
        title = _("ผลการติดตามการผิดนัดชำระ: %(network)s") % {"network": network.name}
        context = self.context(
            request,
            title=title,
            network=network,
            entries=list(reversed(entries)),
            chart=rate_chart(entries, title=title),
            month=month,
            month_label=thai_month(month) if month else "",
            provisional_note=self.month_notice(month),
            breadcrumbs=network_trail(network, month),
        )
        if month is not None:
            complete = not context["provisional_note"]
            if network.level == Level.AREA:
                rows = selectors.large_group_snapshots(
                    month=month, network=network, viewer=request.user
                )
                context["groups"] = [
                    selectors.large_group_row(row, month_complete=complete) for row in rows
                ]
            else:
                rows = selectors.network_snapshots(month=month, viewer=request.user).filter(
                    network__parent=network
                )
                context["children"] = [
                    selectors.network_row(row, month_complete=complete) for row in rows
                ]
        return TemplateResponse(request, "admin/loans/monitor/network.html", context)

    def large_group_view(self, request, pk):
        self.require_view(request)
        group = get_object_or_404(
            LargeGroup.objects.visible_to(request.user).select_related("area__parent", "district"),
            pk=pk,
        )
        entries = selectors.large_group_history(group)
        month = self.selected_month(request, history_default(entries))
        title = _("ผลการติดตามการผิดนัดชำระ: %(group)s") % {"group": group.name}
        snapshot = next((entry for entry in entries if entry.month == month), None)
        days = (
            LargeGroupSnapshot.objects.filter(large_group=group, month=month)
            .values_list("default_days", flat=True)
            .first()
        )
        context = self.context(
            request,
            title=title,
            group=group,
            entries=list(reversed(entries)),
            chart=rate_chart(entries, title=title),
            transitions=selectors.transitions_of(group)[:24],
            month=month,
            month_label=thai_month(month) if month else "",
            snapshot=snapshot,
            provisional_note=self.month_notice(month),
            breadcrumbs=[*network_trail(group.area, month), (group.name, None)],
        )
        if month is not None:
            context["small_groups"] = selectors.small_group_breakdown(
                large_group=group, month=month, default_days=days
            )
        return TemplateResponse(request, "admin/loans/monitor/large_group.html", context)

    def small_group_view(self, request, pk):
        self.require_view(request)
        small_group = get_object_or_404(
            SmallGroup.objects.visible_to(request.user).select_related(
                "large_group__area__parent", "large_group__district", "pay_unit"
            ),
            pk=pk,
        )
        group = small_group.large_group
        default = selectors.default_month(selectors.report_months())
        month = self.selected_month(request, default.month if default else None)
        days = (
            LargeGroupSnapshot.objects.filter(large_group=group, month=month)
            .values_list("default_days", flat=True)
            .first()
        )
        context = self.context(
            request,
            title=_("ผู้กู้ที่ผิดนัดชำระ: %(small)s %(group)s")
            % {"small": small_group.name, "group": group.name},
            small_group=small_group,
            group=group,
            default_days=days if days is not None else default_days_past_due(),
            month=month,
            month_label=thai_month(month) if month else "",
            loans=selectors.defaulted_loans(small_group=small_group, month=month, default_days=days)
            if month
            else [],
            breadcrumbs=[
                *network_trail(group.area, month),
                (group.name, monitor_url("loans_monitor_large_group", group.pk, month)),
                (small_group.name, None),
            ],
        )
        return TemplateResponse(request, "admin/loans/monitor/small_group.html", context)


def monitor_url(name: str, pk: int | None = None, month=None) -> str:
    """A monitor page's address for the month; the only place ?month= is added to one."""
    url = reverse(f"admin:{name}", args=[] if pk is None else [pk])
    return f"{url}?{urlencode({'month': month_key(month)})}" if month else url


def network_trail(network: Network, month=None) -> list[tuple[str, str]]:
    """Links from the dashboard and the top of the hierarchy down to this network, each
    opening the same month."""
    trail, node = [], network
    while node is not None:
        trail.append((str(node), monitor_url("loans_monitor_network", node.pk, month)))
        node = node.parent
    dashboard = (_("แดชบอร์ด"), monitor_url("loans_monitordashboard_changelist", month=month))
    return [dashboard, *reversed(trail)]


def history_default(entries):
    entry = selectors.default_entry(entries)
    return entry.month if entry else None


def provisional_message(month, missing_loans: int) -> str:
    return _(
        "ข้อมูลเดือน%(month)s ยังไม่ครบ: ขาดรายการชำระ %(count)s สัญญา ผลของเดือนนี้จึงยังไม่ใช้ตรวจการรับ"
        "สัญญาใหม่และยังไม่แจ้งเตือน นำเข้ารายการที่ขาด หรือปิดเดือนเมื่อไฟล์ของธนาคารเป็นฉบับสุดท้ายแล้ว"
    ) % {"month": thai_month(month), "count": grouped(missing_loans)}
