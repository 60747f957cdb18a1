"""Admin for pay units and members (the groups app extends the member page with group places);
every change goes through members.services."""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.admin import PortalModelAdmin
from core.admin_writes import ServiceAdmin

from . import services
from .models import Member, MemberStatus, PayUnit


@admin.register(PayUnit)
class PayUnitAdmin(ServiceAdmin, PortalModelAdmin):
    list_display = ["name", "code", "area", "district", "member_count"]
    list_filter = [
        ("area", admin.RelatedOnlyFieldListFilter),
        ("district", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name", "code"]
    autocomplete_fields = ["area", "district"]
    list_select_related = ["area", "district"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(active_total=Count("members", filter=Q(members__status=MemberStatus.ACTIVE)))
        )

    @admin.display(description=_("สมาชิกสถานะปกติ"), ordering="active_total")
    def member_count(self, obj):
        return obj.active_total

    def create_object(self, request, obj, form, *, actor):
        return services.create_pay_unit(actor=actor, **self.form_values(form))

    def update_object(self, request, obj, form, *, actor):
        return services.update_pay_unit(actor=actor, pay_unit=obj, **self.changed_fields(form))

    def deletion_refusal(self, request, obj):
        return services.pay_unit_deletion_refusal(obj)

    def delete_object(self, request, obj, *, actor):
        services.delete_pay_unit(actor=actor, pay_unit=obj)


class MemberAdmin(ServiceAdmin, PortalModelAdmin):
    list_display = ["member_number", "full_name", "national_id", "pay_unit", "status", "joined_on"]
    list_filter = [
        "status",
        ("pay_unit__area", admin.RelatedOnlyFieldListFilter),
        ("pay_unit__district", admin.RelatedOnlyFieldListFilter),
    ]
    # National ID and member number match from the start, as officers type them off a card.
    search_fields = ["first_name", "last_name", "^national_id", "^member_number"]
    search_help_text = _("ค้นหาด้วยชื่อ นามสกุล เลขประจำตัวประชาชน หรือเลขทะเบียนสมาชิก")
    autocomplete_fields = ["pay_unit"]
    list_select_related = ["pay_unit"]
    date_hierarchy = "joined_on"
    fieldsets = [
        (None, {"fields": ["member_number", ("title", "first_name", "last_name"), "national_id"]}),
        (_("สังกัดและการติดต่อ"), {"fields": ["pay_unit", "phone", "email"]}),
        (_("สถานภาพ"), {"fields": ["status", "joined_on"]}),
    ]

    @admin.display(description=_("ชื่อ-นามสกุล"), ordering="first_name")
    def full_name(self, obj):
        return obj.full_name

    def create_object(self, request, obj, form, *, actor):
        return services.create_member(actor=actor, **self.form_values(form))

    def update_object(self, request, obj, form, *, actor):
        # The groups app's member admin, registered in place of this one, changes the status
        # through groups.services.change_member_status (it ends the small-group place).
        return services.update_member(actor=actor, member=obj, **self.changed_fields(form))

    def deletion_refusal(self, request, obj):
        return services.member_deletion_refusal(obj)

    def delete_object(self, request, obj, *, actor):
        services.delete_member(actor=actor, member=obj)


admin.site.register(Member, MemberAdmin)
