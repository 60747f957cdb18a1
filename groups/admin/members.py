"""The member page, extended with the member's small-group places (members cannot import groups),
and a status change through groups.services.change_member_status."""

from django.contrib import admin
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import thai
from core.admin import PortalTabularInline
from core.admin_writes import ServiceInline
from members import services as member_services
from members.admin import MemberAdmin
from members.models import Member

from .. import services
from ..models import LARGE_GROUP_NAME_PREFIX, SmallGroupMembership
from .links import history_link


class MembershipHistoryInline(ServiceInline, PortalTabularInline):
    """Read-only: places are changed on the small group's page, where the cap is held."""

    model = SmallGroupMembership
    fields = ["small_group", "started_on", "ended_on", "place_history"]
    readonly_fields = fields
    show_change_link = False
    can_delete = False
    read_only = True
    extra = 0
    verbose_name_plural = _("ประวัติการอยู่กลุ่มย่อย")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("ประวัติการแก้ไข"))
    def place_history(self, obj):
        return history_link(obj)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("small_group__large_group", "small_group__pay_unit")
        )


class InSmallGroupFilter(admin.SimpleListFilter):
    title = _("กลุ่มย่อย")
    parameter_name = "in_group"

    def lookups(self, request, model_admin):
        return [("yes", _("อยู่ในกลุ่มย่อย")), ("no", _("ยังไม่มีกลุ่มย่อย"))]

    def queryset(self, request, queryset):
        # EXISTS, which PostgreSQL runs as a semi- or anti-join on the index of current places,
        # rather than the list's per-row subquery for the current group's name.
        current = SmallGroupMembership.objects.filter(member=OuterRef("pk"), ended_on__isnull=True)
        if self.value() == "yes":
            return queryset.filter(Exists(current))
        if self.value() == "no":
            return queryset.filter(~Exists(current))
        return queryset


class RosterMemberAdmin(MemberAdmin):
    list_display = [*MemberAdmin.list_display, "current_group"]
    list_filter = [*MemberAdmin.list_filter, InSmallGroupFilter]
    inlines = [MembershipHistoryInline]

    def get_queryset(self, request):
        current = SmallGroupMembership.objects.filter(member=OuterRef("pk"), ended_on__isnull=True)
        return (
            super()
            .get_queryset(request)
            .annotate(
                # SQLite drops a column's collation through a subquery; PostgreSQL keeps it.
                current_large_group=Collate(
                    Subquery(current.values("small_group__large_group__name")[:1]), thai.COLLATION
                ),
                current_small_number=Subquery(current.values("small_group__number")[:1]),
            )
        )

    # Not sortable: the group's name is a subquery per member, and sorting by it would run it
    # for every member of the list (seconds at a million); no index can hold that order.
    @admin.display(description=_("กลุ่มปัจจุบัน"))
    def current_group(self, obj):
        if not obj.current_large_group:
            return "-"
        # "อำเภอคลองขลุง กลุ่มใหญ่ที่ 2 / กลุ่มย่อยที่ 3": the list is too narrow for the full name.
        label = gettext("%(large)s / กลุ่มย่อยที่ %(number)s") % {
            "large": obj.current_large_group.removeprefix(LARGE_GROUP_NAME_PREFIX),
            "number": obj.current_small_number,
        }
        return format_html('<span title="{}">{}</span>', obj.current_large_group, label)

    def update_object(self, request, obj, form, *, actor):
        member = obj
        fields = self.changed_fields(form, exclude={"status"})
        if fields:
            member = member_services.update_member(actor=actor, member=obj, **fields)
        if "status" in form.changed_data:
            # Leaving the programme ends the member's small-group place in the same transaction.
            member = services.change_member_status(
                actor=actor, member=obj, status=form.cleaned_data["status"], on=timezone.localdate()
            )
        return member


admin.site.unregister(Member)
admin.site.register(Member, RosterMemberAdmin)
