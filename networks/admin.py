"""Admin for the network hierarchy and districts: officers browse from the province down; every
change goes through networks.services."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import PortalModelAdmin
from core.admin_writes import ServiceAdmin

from . import services
from .models import District, Network


@admin.register(Network)
class NetworkAdmin(ServiceAdmin, PortalModelAdmin):
    list_display = ["name", "short_name", "level", "parent", "child_count"]
    list_filter = ["level"]
    search_fields = ["name", "short_name", "office_name"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["children_links"]
    # The counts below group the query, where the model's ordering no longer applies: the
    # autocomplete results would come in no order. Names sort in Thai order (core.thai).
    ordering = ["level", "name", "pk"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "level", "parent", "office_name"]}),
        (_("ลงไปข้างล่าง"), {"fields": ["children_links"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("parent")
            .annotate(child_total=Count("children", distinct=True))
        )

    @admin.display(description=_("เครือข่ายย่อย"), ordering="child_total")
    def child_count(self, obj):
        return obj.child_total

    @admin.display(description=_("เครือข่ายย่อยและกลุ่มใหญ่"))
    def children_links(self, obj):
        if not obj.pk:
            return "-"
        children = format_html_join(
            "",
            '<li><a href="{}">{}</a></li>',
            (
                (reverse("admin:networks_network_change", args=[child.pk]), child)
                for child in obj.children.all()
            ),
        )
        groups_url = reverse("admin:groups_largegroup_changelist")
        parameter = "area__id__exact" if obj.level == 4 else "network"
        return format_html(
            '<ul>{}</ul><a href="{}?{}={}">{}</a>',
            children,
            groups_url,
            parameter,
            obj.pk,
            _("ดูกลุ่มใหญ่ทั้งหมดในเครือข่ายนี้"),
        )

    def create_object(self, request, obj, form, *, actor):
        return services.create_network(actor=actor, **self.form_values(form))

    def update_object(self, request, obj, form, *, actor):
        return services.update_network(actor=actor, network=obj, **self.changed_fields(form))

    def deletion_refusal(self, request, obj):
        return services.network_deletion_refusal(obj)

    def delete_object(self, request, obj, *, actor):
        services.delete_network(actor=actor, network=obj)


@admin.register(District)
class DistrictAdmin(ServiceAdmin, PortalModelAdmin):
    list_display = ["name", "province", "large_group_count"]
    list_filter = ["province"]
    search_fields = ["name"]
    list_select_related = ["province"]
    # The counts below group the query, where the model's ordering no longer applies: the
    # autocomplete results would come in no order. Names sort in Thai order (core.thai).
    ordering = ["name", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(group_total=Count("large_groups"))

    @admin.display(description=_("จำนวนกลุ่มใหญ่"), ordering="group_total")
    def large_group_count(self, obj):
        return obj.group_total

    def create_object(self, request, obj, form, *, actor):
        return services.create_district(actor=actor, **self.form_values(form))

    def update_object(self, request, obj, form, *, actor):
        return services.update_district(actor=actor, district=obj, **self.changed_fields(form))

    def deletion_refusal(self, request, obj):
        return services.district_deletion_refusal(obj)

    def delete_object(self, request, obj, *, actor):
        services.delete_district(actor=actor, district=obj)
