"""The admin's writes through the apps' services, with the officer as the actor.

A model admin that mixes in `ServiceAdmin` says how it creates, updates and deletes through its
services (`create_object`, `update_object`, `delete_object`, `deletion_refusal`), and each of its
inlines (`ServiceInline`) how it adds, changes and deletes a row (`add_row`, `change_row`,
`delete_row`). Nothing of the admin's own `obj.save()`, `formset.save()` or
`queryset.delete()` is left:

- the change form: save_model and every inline call services with `Actor.of(request.user)`;
  a service's ValidationError comes back as form errors on the field or inline row it is about,
  and the whole submission is rolled back (the admin's change view runs in one transaction), so
  nothing is half-saved when the third row of an inline is refused after two were written;
- the delete page and the "delete selected" action ask the service's own rule first and answer a
  refusal with its message (how to end the record instead), not Django's generic page of
  protected records; the deletes themselves go through the service, in one transaction.
"""

import contextlib

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.options import IS_POPUP_VAR, TO_FIELD_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import NON_FIELD_ERRORS, ImproperlyConfigured, ValidationError
from django.db import models, router, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse

# Django's own msgids, translated by Django's catalog: an alias keeps makemessages from copying
# them into the portal's catalog.
from django.utils.translation import gettext as django_gettext

from .audit import Actor


class Refused(Exception):
    """A service refused part of a submission; its errors are on the forms already."""


def add_errors(form, error: ValidationError) -> None:
    """A service's error on the form: each field's messages on that field when the form has it,
    the rest (and errors about fields shown read-only) above the form or row."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            form.add_error(target, ValidationError(errors))
    else:
        form.add_error(None, error)


@contextlib.contextmanager
def errors_on(form):
    """Run a service call for `form` (the page's form or one inline row): a refusal lands on it."""
    try:
        yield
    except ValidationError as error:
        add_errors(form, error)
        raise Refused from error


def take_identity(obj: models.Model, saved: models.Model) -> None:
    """The form's object becomes the row the service saved (inlines and the redirect use it)."""
    for field in saved._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    obj._state.db = saved._state.db


def form_values(form, exclude=()) -> dict:
    """Every value of a form, for a service that creates."""
    return {name: value for name, value in form.cleaned_data.items() if name not in exclude}


def changed_fields(form, exclude=(), *, only=None) -> dict:
    """What the officer changed on a form or an inline row, for a service that updates."""
    return {
        name: form.cleaned_data[name]
        for name in form.changed_data
        if name in form.cleaned_data and name not in exclude and (only is None or name in only)
    }


def changed_rows(formset):
    """The rows of a submitted inline formset, as (kind, form), in the order a service should
    meet them: deletions, then changes to existing rows (ending a place or a term frees it), then
    new rows. Unchanged and blank rows are left out."""
    deleted, changed, added = [], [], []
    for form in formset.forms:
        if (
            form.instance.pk is not None
            and formset.can_delete
            and formset._should_delete_form(form)
        ):
            deleted.append(("delete", form))
        elif form.instance.pk is not None:
            if form.has_changed():
                changed.append(("change", form))
        elif form.has_changed() and not formset._should_delete_form(form):
            added.append(("add", form))
    return [*deleted, *changed, *added]


class ServiceInline:
    """Mixed into an inline whose rows are written through services, or which writes nothing
    (`read_only = True`). The admin refuses an inline that is neither."""

    read_only = False

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A new class per call and an inline instance per request: the formset knows its inline.
        formset.service_inline = self
        # Django answers a ticked "delete" of a protected row with its own generic message,
        # above the inline; the service's refusal says what to do instead, on the row itself.
        formset.form = type(
            formset.form.__name__, (formset.form,), {"hand_clean_DELETE": lambda form: None}
        )
        return formset

    def add_row(self, request, parent, form, *, actor: Actor) -> models.Model:
        raise NotImplementedError

    def change_row(self, request, parent, form, *, actor: Actor) -> models.Model:
        raise NotImplementedError

    def delete_row(self, request, parent, obj, *, actor: Actor) -> None:
        raise NotImplementedError


class ServiceAdmin:
    """Mixed into a PortalModelAdmin whose every write goes through services."""

    def actor(self, request) -> Actor:
        return Actor.of(request.user)

    # What each admin provides --------------------------------------------------------------

    def create_object(self, request, obj, form, *, actor: Actor) -> models.Model:
        raise NotImplementedError

    def update_object(self, request, obj, form, *, actor: Actor) -> models.Model:
        raise NotImplementedError

    def delete_object(self, request, obj, *, actor: Actor) -> None:
        raise NotImplementedError

    def deletion_refusal(self, request, obj) -> ValidationError | None:
        """The service's answer to deleting `obj`, asked before the confirmation page."""
        return None

    form_values = staticmethod(form_values)
    changed_fields = staticmethod(changed_fields)

    # The change form ------------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        request.portal_write = {"refused": False, "form_url": form_url, "extra": extra_context}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        state = getattr(request, "portal_write", None)
        if state is None:
            # Saved from elsewhere than the change form (a list_editable change list): nothing
            # here would show the form again, so a refusal is raised to the caller.
            actor = self.actor(request)
            method = self.update_object if change else self.create_object
            take_identity(obj, method(request, obj, form, actor=actor))
            return
        state["form"] = form
        try:
            with errors_on(form):
                if change:
                    saved = self.update_object(request, obj, form, actor=self.actor(request))
                else:
                    saved = self.create_object(request, obj, form, actor=self.actor(request))
        except Refused:
            state["refused"] = True
            return
        take_identity(obj, saved)

    def save_related(self, request, form, formsets, change):
        state = request.portal_write
        state["formsets"] = formsets
        if state["refused"]:
            return
        try:
            super().save_related(request, form, formsets, change)
        except Refused:
            state["refused"] = True

    def save_formset(self, request, form, formset, change):
        inline = getattr(formset, "service_inline", None)
        if inline is None:
            raise ImproperlyConfigured(
                f"The {formset.model.__name__} inline of {type(self).__name__} is not a "
                "ServiceInline: its rows would be saved past the services."
            )
        # What Django's change message reads from a saved formset.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if inline.read_only:
            return
        parent, actor = form.instance, self.actor(request)
        for kind, row in changed_rows(formset):
            with errors_on(row):
                if kind == "delete":
                    inline.delete_row(request, parent, row.instance, actor=actor)
                    formset.deleted_objects.append(row.instance)
                elif kind == "change":
                    saved = inline.change_row(request, parent, row, actor=actor)
                    formset.changed_objects.append((saved, row.changed_data))
                else:
                    formset.new_objects.append(inline.add_row(request, parent, row, actor=actor))

    def response_add(self, request, obj, post_url_continue=None):
        if request.portal_write["refused"]:
            return self.refused_form(request, obj, add=True)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if request.portal_write["refused"]:
            return self.refused_form(request, obj, add=False)
        return super().response_change(request, obj)

    def refused_form(self, request, obj, *, add: bool):
        """The form again, with the service's errors, and everything it wrote rolled back: the
        page Django shows for a form that did not validate."""
        transaction.set_rollback(True, using=router.db_for_write(self.model))
        state = request.portal_write
        form, formsets = state["form"], state.get("formsets", [])
        if add:
            obj.pk = None
            obj._state.adding = True
        shown = None if add else obj
        inline_instances = [
            inline
            for _formset, inline in self.get_formsets_with_inlines(request, *([] if add else [obj]))
        ]
        admin_form = helpers.AdminForm(
            form,
            list(self.get_fieldsets(request, shown)),
            self.get_prepopulated_fields(request, shown),
            self.get_readonly_fields(request, shown),
            model_admin=self,
        )
        media = self.media + admin_form.media
        inline_formsets = self.get_inline_formsets(request, formsets, inline_instances, shown)
        for inline_formset in inline_formsets:
            media += inline_formset.media
        errors = helpers.AdminErrorList(form, formsets)
        # A refused delete sits on its row, which the formset's own error list leaves out.
        for formset in formsets:
            for row in formset.forms:
                if formset.can_delete and formset._should_delete_form(row) and row.errors:
                    errors.extend(row.errors.values())
        title = django_gettext("Add %s") if add else django_gettext("Change %s")
        context = {
            **self.admin_site.each_context(request),
            "title": title % self.opts.verbose_name,
            "subtitle": None if add else str(obj),
            "adminform": admin_form,
            "object_id": None if add else obj.pk,
            "original": shown,
            "is_popup": IS_POPUP_VAR in request.POST or IS_POPUP_VAR in request.GET,
            "to_field": request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR)),
            "media": media,
            "inline_admin_formsets": inline_formsets,
            "errors": errors,
            "preserved_filters": self.get_preserved_filters(request),
            **(state["extra"] or {}),
        }
        return self.render_change_form(
            request, context, add=add, change=not add, obj=shown, form_url=state["form_url"]
        )

    # Deleting ---------------------------------------------------------------------------------

    def refuse_deletion(self, request, error: ValidationError) -> None:
        for message in error.messages:
            self.message_user(request, message, messages.ERROR)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.has_delete_permission(request, obj):
            refusal = self.deletion_refusal(request, obj)
            if refusal is None and request.method == "POST":
                try:
                    return super().delete_view(request, object_id, extra_context)
                except ValidationError as error:  # refused by the service after all
                    refusal = error
            if refusal is not None:
                self.refuse_deletion(request, refusal)
                opts = self.opts
                return HttpResponseRedirect(
                    reverse(
                        f"admin:{opts.app_label}_{opts.model_name}_change",
                        args=[obj.pk],
                        current_app=self.admin_site.name,
                    )
                )
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        self.delete_object(request, obj, actor=self.actor(request))

    def delete_queryset(self, request, queryset):
        actor = self.actor(request)
        for obj in queryset:
            self.delete_object(request, obj, actor=actor)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _function, name, description = actions["delete_selected"]
            actions["delete_selected"] = (delete_selected, name, description)
        return actions


def delete_selected(modeladmin, request, queryset):
    """Django's "delete selected" action, its confirmation page included, asking each record's
    service first and deleting through it, all or nothing."""
    refusals = [
        refusal
        for obj in queryset
        if (refusal := modeladmin.deletion_refusal(request, obj)) is not None
    ]
    if refusals:
        for refusal in refusals:
            modeladmin.refuse_deletion(request, refusal)
        return None
    try:
        with transaction.atomic(using=router.db_for_write(modeladmin.model)):
            return django_delete_selected(modeladmin, request, queryset)
    except ValidationError as error:
        modeladmin.refuse_deletion(request, error)
        return None


delete_selected.allowed_permissions = django_delete_selected.allowed_permissions
delete_selected.short_description = django_delete_selected.short_description
