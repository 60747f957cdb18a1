"""Admin for pay units and members (the groups app extends the member page with group places);
every change goes through members.services."""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core import privacy
from core.admin import PortalModelAdmin
from core.admin_writes import ServiceAdmin

from . import services
from .models import Member, MemberStatus, PayUnit
from .privacy import can_see_full_id, log_member_id_view
from .validators import national_id_digits


class NationalIdSearchMixin:
    """A search box that finds members by the national ID as people type it: whole or its first
    digits, as printed on the card (3-6201-01205-67-7), with spaces or without.

    Django splits a search at its spaces and wants every part to match, so "3 6201 01205 67 7"
    would find no one; a term that is only digits, dashes and spaces also matches the ID's
    digits from the start. Whatever Django's own search finds stays found.
    """

    national_id_lookup = "national_id"  # the path from the admin's model to the ID

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        digits = national_id_digits(search_term)
        if not digits:
            return found, may_have_duplicates
        by_id = Q(**{f"{self.national_id_lookup}__startswith": digits})
        # Through pk__in, rows that the search's joins doubled come back once.
        return queryset.filter(Q(pk__in=found.values("pk")) | by_id), False


@admin.register(PayUnit)
class PayUnitAdmin(ServiceAdmin, PortalModelAdmin):
    list_display = ["name", "code", "area", "district", "member_count"]
    list_filter = [
        ("area", admin.RelatedOnlyFieldListFilter),
        ("district", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name", "code", "district__name"]
    autocomplete_fields = ["area", "district"]
    list_select_related = ["area", "district"]
    # The count below groups the query, where the model's ordering no longer applies; schools
    # of one name follow each other by district.
    ordering = ["name", "district__name", "pk"]

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


class MemberPersonalDataMixin:
    """The member's national ID, phone and e-mail (Thailand's PDPA, docs/privacy.md): masked in
    the list; on the member's own page the full ID for holders of officers.view_full_national_id,
    each such page logged (members.privacy), the masked ID read-only for everyone else; phone
    and e-mail in full for those who may change the member, masked for those who only read."""

    @admin.display(description=_("เลขประจำตัวประชาชน"))
    def national_id_masked(self, obj):
        return privacy.mask_national_id(obj.national_id)

    @admin.display(description=_("โทรศัพท์"))
    def phone_masked(self, obj):
        return privacy.mask_phone(obj.phone) or None

    @admin.display(description=_("อีเมล"))
    def email_masked(self, obj):
        return privacy.mask_email(obj.email) or None

    def masked_fields(self, request, obj) -> dict[str, str]:
        """Each field this user reads masked on this member's page, and the column shown in its
        place. Not on the add page: there the officer types the ID off the card."""
        if obj is None:
            return {}
        masked = {}
        if not can_see_full_id(request.user):
            # Read-only too: the form has no ID field, so a save keeps the stored ID.
            masked["national_id"] = "national_id_masked"
        if not self.has_change_permission(request, obj):
            masked.update(phone="phone_masked", email="email_masked")
        return masked

    def get_fieldsets(self, request, obj=None):
        masked = self.masked_fields(request, obj)
        if not masked:
            return super().get_fieldsets(request, obj)

        def swap(line):
            if isinstance(line, (list, tuple)):
                return tuple(masked.get(name, name) for name in line)
            return masked.get(line, line)

        return [
            (title, {**options, "fields": [swap(line) for line in options["fields"]]})
            for title, options in super().get_fieldsets(request, obj)
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, *self.masked_fields(request, obj).values()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        # Logged once the page is built, outside the change view's transaction: a refused save
        # rolls that back, but its page showed the ID all the same.
        context = getattr(response, "context_data", None) or {}
        member = context.get("original")
        if member is not None and member.national_id and can_see_full_id(request.user):
            log_member_id_view(request.user, member)
        return response


class MemberAdmin(MemberPersonalDataMixin, NationalIdSearchMixin, ServiceAdmin, PortalModelAdmin):
    list_display = [
        "member_number",
        "full_name",
        "national_id_masked",
        "pay_unit",
        "status",
        "joined_on",
    ]
    list_filter = [
        "status",
        ("pay_unit__area", admin.RelatedOnlyFieldListFilter),
        ("pay_unit__district", admin.RelatedOnlyFieldListFilter),
    ]
    # National ID and member number match from the start, as officers type them off a card;
    # the ID also with its dashes or spaces (NationalIdSearchMixin).
    search_fields = ["first_name", "last_name", "^national_id", "^member_number"]
    search_help_text = _(
        "ค้นหาด้วยชื่อ นามสกุล เลขทะเบียนสมาชิก หรือเลขประจำตัวประชาชน (ทั้งเลขหรือหลักต้น ๆ "
        "พิมพ์มีขีดหรือเว้นวรรคตามบัตรก็ได้)"
    )
    autocomplete_fields = ["pay_unit"]
    list_select_related = ["pay_unit"]
    # Namesakes in a stable order, so the picker's pages neither repeat nor skip one.
    ordering = ["first_name", "last_name", "member_number"]
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
