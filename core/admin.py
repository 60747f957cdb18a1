"""The base of every admin in the portal, and the change log of every audited record.

Every ModelAdmin of the site subclasses `PortalModelAdmin` and every inline `PortalTabularInline`
(or `PortalStackedInline`); the site refuses any other (portal.admin_site). They give:

- dates typed and shown in the Buddhist Era: date inputs read `2/12/2569` as well as
  `2/12/2026` and show `02/12/2569`, the calendar and its "today" link read B.E. too
  (core.forms); date columns of change lists read `25 พฤศจิกายน 2569`;
- no "delete" link beside a picked record (the red ✗ beside a member in a small group would
  delete the member, not the membership);
- pickers and list filters of members and pay units read by their choice label (core.labels),
  and no text input has a maxlength: the browser would cut what was typed or pasted without a
  word, while the form says the limit (Django's "ค่านี้ต้องมีไม่เกิน 20 ตัวอักษร");
- a hand-edited address never gives a server error (`QueryStringGuard`);
- the history of an audited record on its own page: who changed what, old → new;
- an officer's scope (core.scope): lists, change pages, history pages, the choices of every
  relation field and list filter hold only rows inside the officer's places; a row outside
  answers 404, as a row that does not exist; a row is changed or deleted only through a place
  whose role grants that permission.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import get_model_from_relation, unquote
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from . import history
from .dates import format_datetime
from .forms import (
    AdminBuddhistEraDateWidget,
    AdminBuddhistEraSplitDateTime,
    BuddhistEraDateField,
    BuddhistEraSplitDateTimeField,
    ChangeLogFilterForm,
)
from .labels import (
    ChoiceLabelField,
    ChoiceLabelMultipleField,
    choice_label,
    has_choice_label,
    labelled,
)
from .models import ChangeLog
from .scope import is_scoped, scope_of
from .templatetags.thai_dates import date_field_of

DATE_OVERRIDES = {
    models.DateField: {"form_class": BuddhistEraDateField, "widget": AdminBuddhistEraDateWidget},
    models.DateTimeField: {
        "form_class": BuddhistEraSplitDateTimeField,
        "widget": AdminBuddhistEraSplitDateTime,
    },
}


class PortalFormMixin:
    """What every admin form of the portal does, on model admins and inlines alike."""

    def __init__(self, *args, **kwargs):
        overrides = {field: dict(options) for field, options in DATE_OVERRIDES.items()}
        for field, options in self.formfield_overrides.items():
            overrides[field] = {**overrides.get(field, {}), **options}
        self.formfield_overrides = overrides
        super().__init__(*args, **kwargs)

    def get_field_queryset(self, db, db_field, request):
        """The choices of a relation field: the related rows inside the officer's scope."""
        queryset = super().get_field_queryset(db, db_field, request)
        model = db_field.remote_field.model
        if not is_scoped(model):
            return queryset
        if queryset is None:
            queryset = model._default_manager.using(db).all()
        return queryset.visible_to(request.user)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.is_relation and has_choice_label(db_field.related_model):
            kwargs.setdefault(
                "form_class",
                ChoiceLabelMultipleField if db_field.many_to_many else ChoiceLabelField,
            )
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            # Deleting the record a field points to is never what a person means by clearing
            # or changing the field (and each delete has its own page and service).
            formfield.widget.can_delete_related = False
        if isinstance(formfield, forms.CharField):
            # The limit stays, and its message names it.
            formfield.widget.attrs.pop("maxlength", None)
        return formfield


class ScopedChoicesMixin:
    """A change-list filter on a relation offers only the rows inside the officer's scope."""

    def field_choices(self, field, request, model_admin):
        model = get_model_from_relation(field)
        if not is_scoped(model) or not hasattr(field, "get_choices") or field.auto_created:
            return super().field_choices(field, request, model_admin)
        ordering = self.field_admin_ordering(field, request, model_admin)
        visible = model._default_manager.visible_to(request.user)
        return field.get_choices(
            include_blank=False, ordering=ordering, limit_choices_to=Q(pk__in=visible.values("pk"))
        )


class ChoiceLabelFilterMixin:
    """A change-list filter on members or pay units lists them by their choice labels."""

    def field_choices(self, field, request, model_admin):
        choices = super().field_choices(field, request, model_admin)
        model = get_model_from_relation(field)
        if not has_choice_label(model):
            return choices
        records = labelled(model._default_manager.filter(pk__in=[pk for pk, _text in choices]))
        labels = {record.pk: choice_label(record) for record in records}
        return [(pk, labels.get(pk, text)) for pk, text in choices]


class ChoiceLabelRelatedFilter(
    ChoiceLabelFilterMixin, ScopedChoicesMixin, admin.RelatedFieldListFilter
):
    """Every filter on a relation: its rows in scope, by their choice labels where they have one."""


class ChoiceLabelRelatedOnlyFilter(ChoiceLabelFilterMixin, admin.RelatedOnlyFieldListFilter):
    """Use in place of RelatedOnlyFieldListFilter for a field to members or pay units."""


# A filter named by its field alone (list_filter = ["pay_unit"]) takes the scoped, labelled one.
admin.FieldListFilter.register(
    lambda field: (
        field.remote_field is not None
        and (
            has_choice_label(get_model_from_relation(field))
            or is_scoped(get_model_from_relation(field))
        )
    ),
    ChoiceLabelRelatedFilter,
    take_priority=True,
)


class QueryStringGuard:
    """A hand-edited or stale address in the officer's address bar gets the normal admin answer
    instead of a 500:

    - an add form pre-filled from the query string (`?area=3`, as the admin's own links do) keeps
      only the values its form field accepts: Django hands the raw text to the autocomplete
      widget, whose database lookup raises on `?area=abc`, and to the date-time widget, which
      raises on `?published_at=abc`;
    - a change list filtered by a number too big for SQLite's integers
      (`?area=99999999999999999999`) is treated like any other wrong filter: Django shows the
      whole list and says the filter was wrong (`?e=1`). PostgreSQL compares such a number
      without error.
    """

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if not initial:
            return initial
        fields = self.get_form(request, None).base_fields
        for name, value in list(initial.items()):
            field = fields.get(name)
            if field is None:
                continue
            try:
                field.clean(value)
            except (ValidationError, ValueError, TypeError, OverflowError):
                del initial[name]
        return initial

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


def date_column(field: models.DateField):
    """A change-list column showing a date field in the Buddhist Era, sorted by the field."""

    def column(obj):
        value = getattr(obj, field.attname)
        # format_datetime shows a plain date as format_date does.
        return format_datetime(value) if value is not None else None

    column.__name__ = field.name  # keeps the column's CSS class, field-<name>
    return admin.display(description=field.verbose_name, ordering=field.name)(column)


class BuddhistEraDates:
    """Date and date-time columns of change lists read in the Buddhist Era (25 พฤศจิกายน 2569),
    as the rest of the portal does; Django's own formatting would print the C.E. year. Editable
    and link columns keep the plain field."""

    def get_list_display(self, request):
        keep = {*self.list_editable, *(self.list_display_links or ())}
        columns = []
        for name in super().get_list_display(request):
            field = date_field_of(self.model, name) if name not in keep else None
            columns.append(date_column(field) if field else name)
        return columns


class AuditHistory:
    """The "history" page of an audited record: its changes, who made them, old → new."""

    object_history_template = "admin/core/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        if not history.is_audited(self.model):
            return super().history_view(request, object_id, extra_context)
        obj = self.get_object(request, object_id)
        if obj is None:
            # A record deleted since keeps its history, for whoever may see the model's list;
            # of a scoped model only for those who see everything (an officer's scope cannot
            # say whether a deleted row was theirs).
            if is_scoped(self.model) and not scope_of(request.user).everything:
                raise Http404
            if not self.has_view_or_change_permission(request):
                raise PermissionDenied
            obj = None
        elif not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        entries = self.history_entries(request, object_id)
        if obj is None and not entries:
            raise Http404
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("ประวัติการเปลี่ยนแปลง: %(object)s") % {"object": obj or f"#{object_id}"},
            "subtitle": None,
            "entries": entries,
            "module_name": str(opts.verbose_name_plural),
            "object": obj,
            "object_id": object_id,
            "opts": opts,
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def history_entries(self, request, object_id) -> list:
        """What the page lists; an admin adds the history of the rows that belong to the record
        (a loan's guarantors, say)."""
        return history.object_history(self.model, object_id)


class ScopedAdmin:
    """Lists and pages of a scoped model hold the officer's rows only (core.scope)."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.visible_to(request.user) if is_scoped(self.model) else queryset

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # A row outside the officer's scope answers as one that does not exist, and a 404 says
        # nothing of whether it exists (Django redirects to the index with its number).
        raise Http404

    def response_add(self, request, obj, post_url_continue=None):
        """A record saved outside the officer's own scope (a member of a school none of their
        small groups has yet, say) is not shown to them: say so, instead of a 404."""
        if is_scoped(self.model) and not self.get_queryset(request).filter(pk=obj.pk).exists():
            messages.warning(
                request,
                _(
                    "บันทึก “%(object)s” แล้ว แต่รายการนี้อยู่นอกพื้นที่ที่คุณรับผิดชอบ จึงไม่แสดงในรายการของคุณ "
                    "(เช่น สมาชิกของโรงเรียนที่ยังไม่มีกลุ่มย่อยในกลุ่มใหญ่ของคุณ: จัดตั้งกลุ่มย่อยของโรงเรียนก่อน)"
                )
                % {"object": obj},
            )
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            )
        return super().response_add(request, obj, post_url_continue)

    def delete_view(self, request, object_id, extra_context=None):
        # Django asks for the delete permission before it looks the row up: a row outside
        # answers 404 here too, whatever the role may delete.
        if is_scoped(self.model) and self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().delete_view(request, object_id, extra_context)

    def in_scope_for(self, request, obj, action: str) -> bool:
        """Whether a place whose role grants `action` (change, delete) covers the row."""
        if obj is None or not is_scoped(self.model) or scope_of(request.user).everything:
            return True
        opts = self.model._meta
        perm = f"{opts.app_label}.{get_permission_codename(action, opts)}"
        cache = request.__dict__.setdefault("_portal_in_scope", {})
        key = (opts.label, obj.pk, perm)
        if key not in cache:
            rows = self.model._default_manager.visible_to(request.user, perm)
            cache[key] = rows.filter(pk=obj.pk).exists()
        return cache[key]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.in_scope_for(
            request, obj, "change"
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.in_scope_for(
            request, obj, "delete"
        )


class PortalAdminMixin(
    ScopedAdmin, PortalFormMixin, AuditHistory, BuddhistEraDates, QueryStringGuard
):
    """Mixed into Django's own admins of third-party models (users, groups, tasks) by name."""


class PortalModelAdmin(PortalAdminMixin, admin.ModelAdmin):
    """The base of every model admin of the portal."""


class ScopedInline:
    """An inline lists only the rows in the officer's scope (a member's places in other large
    groups stay out of sight of this group's registrar)."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.visible_to(request.user) if is_scoped(self.model) else queryset


class PortalTabularInline(ScopedInline, PortalFormMixin, admin.TabularInline):
    pass


class PortalStackedInline(ScopedInline, PortalFormMixin, admin.StackedInline):
    pass


@admin.register(ChangeLog)
class ChangeLogAdmin(PortalModelAdmin):
    """Its list page is the change log of every audited record, filtered by user, model, date."""

    PER_PAGE = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [path("", view(self.log_view), name="core_changelog_changelist")]

    def log_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = ChangeLogFilterForm(request.GET or None)
        filters = form.filters() if form.is_valid() else history.LogFilters()
        filters.viewer = request.user
        try:
            page = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            page = 1
        entries, has_next = history.log_page(
            filters, offset=(page - 1) * self.PER_PAGE, limit=self.PER_PAGE
        )
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            **self.admin_site.each_context(request),
            "title": _("ประวัติการเปลี่ยนแปลงข้อมูล"),
            "opts": self.model._meta,
            "form": form,
            "entries": entries,
            "page": page,
            "has_next": has_next,
            "query": query.urlencode(),
        }
        return TemplateResponse(request, "admin/core/change_log.html", context)
