"""Admin for large groups and small groups with their inlines; every write goes through
groups.services (core.admin_writes), and a place's history is a link away."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import PortalModelAdmin, PortalTabularInline
from core.admin_writes import ServiceAdmin, ServiceInline, changed_fields
from core.paginator import LargeTableAdmin

from .. import services
from ..models import (
    LARGE_GROUP_MIN_MEMBERS,
    SMALL_GROUP_MAX_MEMBERS,
    LargeGroup,
    SmallGroup,
    SmallGroupMembership,
)
from ..services.rosters import MEMBERSHIP_FIELDS, SMALL_GROUP_FIELDS
from .filters import LargeGroupSizeFilter, NetworkFilter, SmallGroupCompletenessFilter
from .links import history_link


class SmallGroupInline(ServiceInline, PortalTabularInline):
    model = SmallGroup
    fields = ["number", "pay_unit", "founded_on", "active_members", "completeness"]
    readonly_fields = ["number", "active_members", "completeness"]
    autocomplete_fields = ["pay_unit"]
    show_change_link = True
    extra = 0

    def add_row(self, request, parent, form, *, actor):
        return services.create_small_group(
            actor=actor,
            large_group=parent,
            pay_unit=form.cleaned_data["pay_unit"],
            founded_on=form.cleaned_data["founded_on"],
        )

    def change_row(self, request, parent, form, *, actor):
        return services.update_small_group(
            actor=actor,
            small_group=form.instance,
            **changed_fields(form, only=SMALL_GROUP_FIELDS - {"large_group"}),
        )

    def delete_row(self, request, parent, obj, *, actor):
        services.delete_small_group(actor=actor, small_group=obj)

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts().select_related("pay_unit")

    @admin.display(description=_("สมาชิกสถานะปกติ"))
    def active_members(self, obj):
        return obj.active_member_count if obj.pk else "-"

    @admin.display(description=_("ครบ 5 คน"), boolean=True)
    def completeness(self, obj):
        return obj.is_complete if obj.pk else None


@admin.register(LargeGroup)
class LargeGroupAdmin(ServiceAdmin, PortalModelAdmin):
    list_display = [
        "name",
        "area",
        "district",
        "small_group_total",
        "active_member_total",
        "size_status",
    ]
    list_filter = [
        NetworkFilter,
        ("area", admin.RelatedOnlyFieldListFilter),
        ("district", admin.RelatedOnlyFieldListFilter),
        LargeGroupSizeFilter,
    ]
    search_fields = ["name", "district__name", "area__short_name"]
    autocomplete_fields = ["area", "district"]
    list_select_related = ["area", "district"]
    # The counts below group the query, where the model's ordering no longer applies: the
    # autocomplete results would come in no order. Names sort in Thai order (core.thai).
    ordering = ["district__name", "number", "pk"]
    readonly_fields = ["name", "number", "active_member_total", "size_status"]
    fieldsets = [
        (None, {"fields": ["name", "number", "area", "district", "founded_on"]}),
        (
            _("อนุมัติให้คงสิทธิเมื่อสมาชิกต่ำกว่า 50 คน"),
            {
                "fields": [
                    "active_member_total",
                    "size_status",
                    "approval_date",
                    "approval_reference",
                ]
            },
        ),
    ]
    inlines = [SmallGroupInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("กลุ่มย่อย"), ordering="small_group_count")
    def small_group_total(self, obj):
        return obj.small_group_count

    @admin.display(description=_("สมาชิกสถานะปกติ"), ordering="active_member_count")
    def active_member_total(self, obj):
        return getattr(obj, "active_member_count", "-")

    @admin.display(description=_("ขนาดกลุ่ม"))
    def size_status(self, obj):
        count = getattr(obj, "active_member_count", None)
        if count is None:
            return "-"
        if count >= LARGE_GROUP_MIN_MEMBERS:
            return _("ครบ 50 คนขึ้นไป")
        if obj.has_provincial_approval:
            return _("ต่ำกว่า 50 คน (คณะกรรมการจังหวัดอนุมัติแล้ว)")
        return _("⚠ ต่ำกว่า 50 คน: ต้องได้รับอนุมัติจากคณะกรรมการจังหวัด")

    def create_object(self, request, obj, form, *, actor):
        return services.create_large_group(actor=actor, **self.form_values(form))

    def update_object(self, request, obj, form, *, actor):
        return services.update_large_group(actor=actor, group=obj, **self.changed_fields(form))

    def deletion_refusal(self, request, obj):
        return services.large_group_deletion_refusal(obj)

    def delete_object(self, request, obj, *, actor):
        services.delete_large_group(actor=actor, group=obj)


class MembershipFormSet(BaseInlineFormSet):
    """Holds the ten-member cap across all rows of one submission, under the group's row lock."""

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.pk is None:
            return
        # The admin view runs in a transaction: the lock is held until the save commits.
        SmallGroup.objects.select_for_update().filter(pk=self.instance.pk).first()
        current = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("ended_on") is None
        ]
        if len(current) > SMALL_GROUP_MAX_MEMBERS:
            raise ValidationError(
                _(
                    "กลุ่มย่อยมีสมาชิกปัจจุบันได้ไม่เกิน %(max)d คน (ที่กรอกไว้ %(count)d คน): "
                    "ใส่วันที่ออกจากกลุ่มให้สมาชิกที่ออกแล้ว หรือย้ายสมาชิกไปกลุ่มย่อยอื่น"
                ),
                code="small_group_full",
                params={"max": SMALL_GROUP_MAX_MEMBERS, "count": len(current)},
            )


class PlaceForm(forms.ModelForm):
    """The member of a saved place is fixed: another member is another place (end this one)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and "member" in self.fields:
            self.fields["member"].disabled = True


class MembershipInline(ServiceInline, PortalTabularInline):
    """Members join through add_member_to_small_group and leave by an end date (end_membership):
    no row is ever deleted, so there is no delete box and the member's record is never touched."""

    model = SmallGroupMembership
    form = PlaceForm
    formset = MembershipFormSet
    fields = ["member", "member_page", "member_status", "started_on", "ended_on", "place_history"]
    readonly_fields = ["member_page", "member_status", "place_history"]
    autocomplete_fields = ["member"]
    can_delete = False
    extra = 1

    def add_row(self, request, parent, form, *, actor):
        values = form.cleaned_data
        membership = services.add_member_to_small_group(
            actor=actor,
            member=values["member"],
            small_group=parent,
            started_on=values["started_on"],
        )
        if values.get("ended_on"):
            membership = services.end_membership(
                actor=actor, membership=membership, ended_on=values["ended_on"]
            )
        return membership

    def change_row(self, request, parent, form, *, actor):
        changes = changed_fields(form, only=MEMBERSHIP_FIELDS)
        if set(changes) == {"ended_on"} and form.initial.get("ended_on") is None:
            return services.end_membership(
                actor=actor, membership=form.instance, ended_on=changes["ended_on"]
            )
        return services.update_membership(actor=actor, membership=form.instance, **changes)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member__pay_unit")

    @admin.display(description=_("ทะเบียนสมาชิก"))
    def member_page(self, obj):
        if not obj.member_id:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:members_member_change", args=[obj.member_id]),
            obj.member.member_number,
        )

    @admin.display(description=_("สถานะสมาชิก"))
    def member_status(self, obj):
        return obj.member.get_status_display() if obj.member_id else "-"

    @admin.display(description=_("ประวัติการแก้ไข"))
    def place_history(self, obj):
        return history_link(obj)


@admin.register(SmallGroup)
class SmallGroupAdmin(ServiceAdmin, PortalModelAdmin):
    list_display = [
        "__str__",
        "large_group",
        "pay_unit",
        "member_total",
        "active_member_total",
        "completeness",
    ]
    list_filter = [
        ("large_group__area", admin.RelatedOnlyFieldListFilter),
        ("large_group__district", admin.RelatedOnlyFieldListFilter),
        SmallGroupCompletenessFilter,
    ]
    search_fields = ["large_group__name", "pay_unit__name"]
    autocomplete_fields = ["large_group", "pay_unit"]
    list_select_related = ["large_group", "pay_unit"]
    readonly_fields = ["number", "completeness"]
    fields = ["large_group", "number", "pay_unit", "founded_on", "completeness"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("สมาชิกในกลุ่ม"), ordering="member_count")
    def member_total(self, obj):
        return obj.member_count

    @admin.display(description=_("สมาชิกสถานะปกติ"), ordering="active_member_count")
    def active_member_total(self, obj):
        return obj.active_member_count

    @admin.display(description=_("ครบ 5 คน"), boolean=True)
    def completeness(self, obj):
        return obj.is_complete if obj.pk else None

    def create_object(self, request, obj, form, *, actor):
        return services.create_small_group(actor=actor, **self.form_values(form))

    def update_object(self, request, obj, form, *, actor):
        return services.update_small_group(
            actor=actor, small_group=obj, **self.changed_fields(form)
        )

    def deletion_refusal(self, request, obj):
        return services.small_group_deletion_refusal(obj)

    def delete_object(self, request, obj, *, actor):
        services.delete_small_group(actor=actor, small_group=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if request.portal_write["refused"]:
            return
        count = form.instance.active_member_total()
        if count < 5:
            self.message_user(
                request,
                ngettext(
                    "กลุ่มย่อยนี้มีสมาชิกสถานะปกติ %(count)d คน ยังไม่ครบ 5 คน จึงเป็นกลุ่มที่ไม่ครบ",
                    "กลุ่มย่อยนี้มีสมาชิกสถานะปกติ %(count)d คน ยังไม่ครบ 5 คน จึงเป็นกลุ่มที่ไม่ครบ",
                    count,
                )
                % {"count": count},
                messages.WARNING,
            )


@admin.register(SmallGroupMembership)
class SmallGroupMembershipAdmin(LargeTableAdmin, PortalModelAdmin):
    """Places, to read and to see each one's history: they are changed on the small group's page
    (the member inline), where the ten-member cap and the joining rules are held."""

    list_display = ["member", "small_group", "large_group", "started_on", "ended_on"]
    list_filter = [("small_group__large_group__district", admin.RelatedOnlyFieldListFilter)]
    search_fields = [
        "member__first_name",
        "member__last_name",
        "^member__national_id",
        "^member__member_number",
    ]
    list_select_related = ["member", "small_group__large_group", "small_group__pay_unit"]
    fields = ["member", "small_group", "started_on", "ended_on"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("กลุ่มใหญ่"), ordering="small_group__large_group__name")
    def large_group(self, obj):
        return obj.small_group.large_group
