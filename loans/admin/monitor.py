"""The monitor in the admin: dashboard, drill-down pages, charts, exports and read-only snapshots."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.admin import PortalModelAdmin
from groups.models import LargeGroup, SmallGroup
from networks.models import Level, Network

from .. import exports, selectors, snapshots
from ..charts import rate_chart
from ..conf import default_days_past_due
from ..models import (
    LargeGroupSnapshot,
    MonitorDashboard,
    NetworkSnapshot,
    StatusTransition,
)
from ..months import MonthError, month_key, parse_month, thai_month
from .base import ReadOnlyAdmin
from .forms import MonitorFilterForm

GROUPS_PER_PAGE = 50


@admin.register(LargeGroupSnapshot)
class LargeGroupSnapshotAdmin(ReadOnlyAdmin):
    list_display = [
        "large_group",
        "month",
        "borrowers",
        "defaulters",
        "on_time_borrowers",
        "status",
    ]
    list_filter = ["status", "month", ("large_group__area", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["large_group__name"]
    list_select_related = ["large_group"]


@admin.register(NetworkSnapshot)
class NetworkSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["network", "month", "large_groups", "borrowers", "defaulters", "status"]
    list_filter = ["status", "month", "network__level"]
    search_fields = ["network__name", "network__short_name"]
    list_select_related = ["network"]


@admin.register(StatusTransition)
class StatusTransitionAdmin(ReadOnlyAdmin):
    list_display = ["large_group", "month", "kind", "from_status", "to_status", "mailed_at"]
    list_filter = ["kind", "to_status", "month"]
    search_fields = ["large_group__name", "recipients"]
    list_select_related = ["large_group"]


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
        """The bound filter form and the month it resolves to (None before any computing)."""
        months = selectors.snapshot_months()
        form = MonitorFilterForm(request.GET or None, months=months)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
        else:
            data = {
                "month": months[0] if months else None,
                "area": None,
                "district": None,
                "status": "",
            }
        return form, data, months

    def dashboard_view(self, request):
        self.require_view(request)
        form, data, months = self.filters(request)
        month = data["month"]
        context = self.context(
            request,
            title=_("แดชบอร์ดติดตามการผิดนัดชำระ"),
            form=form,
            month=month,
            can_compute=self.has_change_permission(request),
        )
        if month is None:
            return TemplateResponse(request, "admin/loans/monitor/dashboard.html", context)
        network_rows = [
            selectors.network_row(row) for row in selectors.network_snapshots(month=month)
        ]
        groups = selectors.large_group_snapshots(
            month=month,
            network=data["area"],
            district_id=data["district"].pk if data["district"] else None,
            status=data["status"] or None,
        )
        page = Paginator(groups, GROUPS_PER_PAGE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            month_label=thai_month(month),
            provinces=[row for row in network_rows if row.level == "province"],
            areas=[row for row in network_rows if row.level == "area"],
            upper=[row for row in network_rows if row.level in {"nation", "region"}],
            page=page,
            groups=[selectors.large_group_row(snapshot) for snapshot in page.object_list],
            query=query.urlencode(),
            export_query=urlencode({**request.GET.dict(), "month": month_key(month)}),
        )
        return TemplateResponse(request, "admin/loans/monitor/dashboard.html", context)

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

    def export_view(self, request, file_format):
        self.require_view(request)
        if file_format not in {"csv", "xlsx", "json"}:
            raise Http404(_("ส่งออกได้เฉพาะ .csv .xlsx และ .json"))
        form, data, _months = self.filters(request)
        month = data["month"]
        if month is None:
            messages.error(request, _("ยังไม่มีผลการติดตามให้ส่งออก"))
            return redirect("admin:loans_monitordashboard_changelist")
        networks, groups = selectors.monitor_rows(
            month=month,
            network=data["area"],
            district_id=data["district"].pk if data["district"] else None,
            status=data["status"] or None,
        )
        name = f"default-monitor-{month_key(month)}.{file_format}"
        if file_format == "csv":
            # A BOM so that Excel shows the Thai names correctly when the file is opened.
            body = "\ufeff" + exports.as_csv(networks=networks, large_groups=groups)
            response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        elif file_format == "xlsx":
            response = HttpResponse(
                exports.as_xlsx(month=month, networks=networks, large_groups=groups),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            response = HttpResponse(
                exports.as_json(month=month, networks=networks, large_groups=groups),
                content_type="application/json; charset=utf-8",
            )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def selected_month(self, request, entries):
        """The month asked for in ?month=, else the newest in the history (oldest first)."""
        text = request.GET.get("month")
        if text:
            try:
                return parse_month(text)
            except MonthError as error:
                messages.error(request, str(error))
        return entries[-1].month if entries else None

    def network_view(self, request, pk):
        self.require_view(request)
        network = get_object_or_404(Network.objects.select_related("parent"), pk=pk)
        entries = selectors.network_history(network)
        month = self.selected_month(request, entries)
        title = _("ผลการติดตามการผิดนัดชำระ: %(network)s") % {"network": network.name}
        context = self.context(
            request,
            title=title,
            network=network,
            entries=list(reversed(entries)),
            chart=rate_chart(entries, title=title),
            month=month,
            month_label=thai_month(month) if month else "",
            breadcrumbs=network_trail(network),
        )
        if month is not None:
            if network.level == Level.AREA:
                rows = selectors.large_group_snapshots(month=month, network=network)
                context["groups"] = [selectors.large_group_row(row) for row in rows]
            else:
                rows = selectors.network_snapshots(month=month).filter(network__parent=network)
                context["children"] = [selectors.network_row(row) for row in rows]
        return TemplateResponse(request, "admin/loans/monitor/network.html", context)

    def large_group_view(self, request, pk):
        self.require_view(request)
        group = get_object_or_404(
            LargeGroup.objects.select_related("area__parent", "district"), pk=pk
        )
        entries = selectors.large_group_history(group)
        month = self.selected_month(request, entries)
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
            breadcrumbs=[*network_trail(group.area), (group.name, None)],
        )
        if month is not None:
            context["small_groups"] = selectors.small_group_breakdown(
                large_group=group, month=month, default_days=days
            )
        return TemplateResponse(request, "admin/loans/monitor/large_group.html", context)

    def small_group_view(self, request, pk):
        self.require_view(request)
        small_group = get_object_or_404(
            SmallGroup.objects.select_related(
                "large_group__area__parent", "large_group__district", "pay_unit"
            ),
            pk=pk,
        )
        group = small_group.large_group
        month = self.selected_month(request, selectors.large_group_history(group, months=1))
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
                *network_trail(group.area),
                (group.name, monitor_url("loans_monitor_large_group", group.pk, month)),
                (small_group.name, None),
            ],
        )
        return TemplateResponse(request, "admin/loans/monitor/small_group.html", context)


def monitor_url(name: str, pk: int, month=None) -> str:
    url = reverse(f"admin:{name}", args=[pk])
    return f"{url}?month={month_key(month)}" if month else url


def network_trail(network: Network) -> list[tuple[str, str]]:
    """Links from the top of the hierarchy down to this network."""
    trail, node = [], network
    while node is not None:
        trail.append((str(node), reverse("admin:loans_monitor_network", args=[node.pk])))
        node = node.parent
    return list(reversed(trail))
