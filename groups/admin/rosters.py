"""Admin for large groups and small groups; every write goes through groups.services."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import PortalModelAdmin, PortalTabularInline

from .. import services
from ..models import (
    LARGE_GROUP_MIN_MEMBERS,
    SMALL_GROUP_MAX_MEMBERS,
    LargeGroup,
    SmallGroup,
    SmallGroupMembership,
)
from .filters import LargeGroupSizeFilter, NetworkFilter, SmallGroupCompletenessFilter


class SmallGroupInline(PortalTabularInline):
    model = SmallGroup
    fields = ["number", "pay_unit", "founded_on", "active_members", "completeness"]
    readonly_fields = ["number", "active_members", "completeness"]
    autocomplete_fields = ["pay_unit"]
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts().select_related("pay_unit")

    @admin.display(description=_("สมาชิกสถานะปกติ"))
    def active_members(self, obj):
        return obj.active_member_count if obj.pk else "-"

    @admin.display(description=_("ครบ 5 คน"), boolean=True)
    def completeness(self, obj):
        return obj.is_complete if obj.pk else None


@admin.register(LargeGroup)
class LargeGroupAdmin(PortalModelAdmin):
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

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if change:
            saved = services.update_large_group(group=obj, **fields)
        else:
            saved = services.create_large_group(
                area=obj.area,
                district=obj.district,
                founded_on=obj.founded_on,
                approval_date=obj.approval_date,
                approval_reference=obj.approval_reference,
            )
        # The inlines are saved against this same object, so it takes the saved row's identity.
        obj.pk, obj.number, obj.name = saved.pk, saved.number, saved.name

    def save_formset(self, request, form, formset, change):
        if formset.model is not SmallGroup:
            return super().save_formset(request, form, formset, change)
        for small_group in formset.save(commit=False):
            if small_group.pk:
                small_group.full_clean()
                small_group.save()
            else:
                services.create_small_group(
                    large_group=form.instance,
                    pay_unit=small_group.pay_unit,
                    founded_on=small_group.founded_on,
                )
        for small_group in formset.deleted_objects:
            small_group.delete()

    def delete_model(self, request, obj):
        services.delete_large_group(group=obj)

    def delete_queryset(self, request, queryset):
        for group in queryset:
            services.delete_large_group(group=group)


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


class MembershipInline(PortalTabularInline):
    model = SmallGroupMembership
    formset = MembershipFormSet
    fields = ["member", "member_page", "member_status", "started_on", "ended_on"]
    readonly_fields = ["member_page", "member_status"]
    autocomplete_fields = ["member"]
    extra = 1

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


@admin.register(SmallGroup)
class SmallGroupAdmin(PortalModelAdmin):
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

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        saved = services.create_small_group(
            large_group=obj.large_group, pay_unit=obj.pay_unit, founded_on=obj.founded_on
        )
        obj.pk, obj.number = saved.pk, saved.number

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
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
