"""Admin for officers' places (provincial administrators) and the personal-data access log."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import PortalModelAdmin
from core.admin_writes import ServiceAdmin

from . import services
from .models import Assignment, PersonalDataAccess


@admin.register(Assignment)
class AssignmentAdmin(ServiceAdmin, PortalModelAdmin):
    list_display = ["user", "role", "place_display", "starts_on", "ends_on", "is_current_display"]
    list_filter = ["role", "ends_on"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "large_group", "network"]
    list_select_related = ["user", "role", "large_group", "network"]
    fields = ["user", "role", "large_group", "network", "starts_on", "ends_on"]

    @admin.display(description=_("สถานที่รับผิดชอบ"))
    def place_display(self, obj):
        return obj.place

    @admin.display(description=_("อยู่ในวาระ"), boolean=True)
    def is_current_display(self, obj):
        return obj.is_current()

    def create_object(self, request, obj, form, *, actor):
        return services.assign_place(actor=actor, **self.form_values(form))

    def update_object(self, request, obj, form, *, actor):
        return services.update_assignment(actor=actor, assignment=obj, **self.changed_fields(form))

    def delete_object(self, request, obj, *, actor):
        services.delete_assignment(actor=actor, assignment=obj)


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(PortalModelAdmin):
    """Read only: the log is written by the pages and exports that show personal data
    (core.privacy). Of the roles only the provincial administrator may view it (officers.*), and
    sees the accesses of the officers placed inside their own place (its QuerySet's scope)."""

    list_display = ["at", "user", "kind", "what", "rows"]
    list_filter = ["kind", "at"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "what"]
    search_help_text = _("ค้นหาด้วยชื่อบัญชีผู้ใช้ ชื่อ-นามสกุลของผู้ใช้ หรือข้อมูลที่เข้าถึง (เช่น เลขทะเบียนสมาชิก)")
    list_select_related = ["user"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
