"""Admin for pay units and members (the groups app extends the member page with group places);
every change goes through members.services."""

import datetime

from django.contrib import admin
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Value
from django.db.models.functions import Collate, Concat
from django.utils.translation import gettext_lazy as _

from core import privacy, thai
from core.admin import PortalModelAdmin, ScopedChoicesMixin
from core.admin_writes import ServiceAdmin
from core.dates import BUDDHIST_ERA_OFFSET
from core.paginator import LargeTableAdmin, LargeTableChangeList
from core.scope import scope_of

from . import services
from .models import NATIONAL_ID_LENGTH, Member, MemberStatus, PayUnit
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
        if can_see_full_id(request.user):
            by_id = Q(**{f"{self.national_id_lookup}__startswith": digits})
        elif len(digits) == NATIONAL_ID_LENGTH:
            # Whole IDs only for those who may not see them: a prefix would give them away.
            by_id = Q(**{self.national_id_lookup: digits})
        else:
            return found, may_have_duplicates
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


class RelatedWithRowsFilter(ScopedChoicesMixin, admin.RelatedFieldListFilter):
    """RelatedOnlyFieldListFilter's choices (only the records the list's rows point to) without
    its scan of the whole list: Django collects every row's value (`SELECT DISTINCT area_id`
    over a million members, 200 ms a page); here each choice asks whether one row points to it,
    an index probe per choice (six networks, eleven districts).

    The question is a column of the choices' query, not a condition: PostgreSQL turns an
    EXISTS condition into a join with every member (the same 200 ms), but runs a column's
    subquery once per choice, stopping at the first row.

    An officer, whose list is scoped, gets the choices in scope (core.admin.ScopedChoicesMixin)
    instead: asking each choice for a row in scope would evaluate the scope once per choice.
    """

    def field_choices(self, field, request, model_admin):
        if not scope_of(request.user).everything:
            return super().field_choices(field, request, model_admin)
        choices = (
            field.remote_field.model._default_manager.complex_filter(field.get_limit_choices_to())
            .annotate(has_rows=Exists(self.rows_pointing_to_choice(request, model_admin)))
            .order_by(*self.field_admin_ordering(field, request, model_admin))
        )
        return [(choice.pk, str(choice)) for choice in choices if choice.has_rows]

    def rows_pointing_to_choice(self, request, model_admin):
        rows = model_admin.get_queryset(request)
        first, *rest = self.field_path.split("__")
        if len(rest) != 1:
            return rows.filter(**{self.field_path: OuterRef("pk")})
        # Through the table between (pay units, for pay_unit__district): PostgreSQL walks that
        # table's index on the field, then each unit's members, and stops at the first (4 ms
        # for the eleven districts); asked of the members joined to it, it scanned the pay
        # units instead (25 ms, and growing with them).
        between = model_admin.model._meta.get_field(first).related_model
        return between._default_manager.filter(
            Exists(rows.filter(**{first: OuterRef("pk")})), **{rest[0]: OuterRef("pk")}
        )


class JoinedYearFilter(admin.SimpleListFilter):
    """The year a member joined, in B.E., in place of Django's date hierarchy: its years are a
    `SELECT DISTINCT` over every row of the list (240 ms at a million members), these the span
    from the first joining to the last, two reads at the ends of an index."""

    title = _("ปีที่เข้าร่วมโครงการ")
    parameter_name = "joined_year"

    def lookups(self, request, model_admin):
        span = model_admin.model._default_manager.aggregate(
            first=Min("joined_on"), last=Max("joined_on")
        )
        if span["first"] is None:
            return []
        years = range(span["last"].year, span["first"].year - 1, -1)
        return [(str(year), str(year + BUDDHIST_ERA_OFFSET)) for year in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit() and datetime.MINYEAR <= int(value) <= datetime.MAXYEAR:
            return queryset.filter(joined_on__year=int(value))
        return queryset


# Sorting by these while searching would walk the name index (below).
NAME_FIELDS = {"first_name", "last_name"}


class MemberChangeList(LargeTableChangeList):
    """While searching, the names are sorted without their index.

    A name fragment's matches sit together in name order ("ดารั": every ธิดารัตน์ and
    สุดารัตน์), but the planner takes them to be spread evenly and walks the name index for
    the first hundred, reading the quarter of a million members before them (1.9 s at a
    million). Sorted by an expression the index does not hold (the name joined to nothing, the
    same order), it takes the matches from the trigram indexes and sorts them (tens of ms).
    """

    def get_ordering(self, request, queryset):
        ordering = super().get_ordering(request, queryset)
        if not self.query:
            return ordering
        return [self._unindexed(part) for part in ordering]

    @staticmethod
    def _unindexed(part):
        if not isinstance(part, str) or part.lstrip("-") not in NAME_FIELDS:
            return part
        # In the names' own collation: SQLite gives an expression none of its own (binary).
        expression = Collate(Concat(part.lstrip("-"), Value("")), thai.COLLATION)
        return expression.desc() if part.startswith("-") else expression.asc()


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


class MemberAdmin(LargeTableAdmin, MemberPersonalDataMixin, ServiceAdmin, PortalModelAdmin):
    list_display = [
        "member_number",
        "full_name",
        "national_id_masked",
        "pay_unit",
        "status",
        "joined_on",
    ]
    # Every filter reads an index at any size (docs/members.md).
    list_filter = [
        "status",
        ("pay_unit__area", RelatedWithRowsFilter),
        ("pay_unit__district", RelatedWithRowsFilter),
        JoinedYearFilter,
    ]
    # Shown in the search box's help; the search itself is Member.objects.search: names (with
    # or without the title), the ID from its start as on the card, the member number.
    search_fields = ["first_name", "last_name", "^national_id", "^member_number"]
    search_help_text = _(
        "ค้นหาด้วยชื่อ นามสกุล (พิมพ์คำนำหน้าชื่อด้วยก็ได้) เลขทะเบียนสมาชิก หรือเลขประจำตัวประชาชน "
        "(ทั้งเลขหรือหลักต้น ๆ พิมพ์มีขีดหรือเว้นวรรคตามบัตรก็ได้)"
    )
    autocomplete_fields = ["pay_unit"]
    list_select_related = ["pay_unit"]
    # Namesakes in a stable order, so the picker's pages neither repeat nor skip one; the
    # index member_list_order_idx holds this order.
    ordering = ["first_name", "last_name", "member_number"]
    fieldsets = [
        (None, {"fields": ["member_number", ("title", "first_name", "last_name"), "national_id"]}),
        (_("สังกัดและการติดต่อ"), {"fields": ["pay_unit", "phone", "email"]}),
        (_("สถานภาพ"), {"fields": ["status", "joined_on"]}),
    ]

    @admin.display(description=_("ชื่อ-นามสกุล"), ordering="first_name")
    def full_name(self, obj):
        return obj.full_name

    def get_changelist(self, request, **kwargs):
        return MemberChangeList

    def get_search_results(self, request, queryset, search_term):
        # Django's own search would compare UPPER(national_id) and UPPER(member_number), which
        # no index holds, and split a name from its title; Member.objects.search reads indexes.
        return queryset.search(search_term, id_prefix=can_see_full_id(request.user)), False

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
