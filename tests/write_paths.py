"""Driving an admin page as an officer's browser does, and checking that the write reached its
service and was recorded as the officer's: the helpers of tests/test_write_paths.py, shared with
the other apps' write-path tests.

    data = form_data(client.get(change_url(small_group)))
    row = add_row(data, "memberships", member=member.pk, started_on="1/2/2568")
    with spy("groups.services.add_member_to_small_group") as service:
        response = client.post(change_url(small_group), data)
    assert service.call_count == 1
    assert_changed_by(user, SmallGroupMembership, membership.pk)

`admin_paths(apps)` lists every path an admin of those apps offers (its add/change form, each
inline, each action, the delete page), so a test module can insist that each has a case.
"""

import contextlib
import importlib
from unittest import mock

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.test import RequestFactory
from django.urls import reverse

from core import history
from core.models import ActorKind


def admin_url(model_or_obj, view: str, *args) -> str:
    opts = model_or_obj._meta
    if view in ("change", "delete", "history") and not args:
        args = (model_or_obj.pk,)
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def change_url(obj) -> str:
    return admin_url(obj, "change")


def add_url(model) -> str:
    return admin_url(model, "add")


def delete_url(obj) -> str:
    return admin_url(obj, "delete")


def changelist_url(model) -> str:
    return admin_url(model, "changelist")


def history_url(obj) -> str:
    return admin_url(obj, "history")


# --- What the browser sends ---------------------------------------------------------------


def widget_text(widget, value) -> str:
    if value is None:
        return ""
    if isinstance(widget, forms.widgets.Input):
        # As the page shows it (a date in the Buddhist Era, 01/02/2559), so it round-trips.
        shown = widget.format_value(value)
        return "" if shown is None else str(shown)
    return str(value)


def field_data(bound_field) -> dict:
    """The values one form field's inputs submit, as rendered."""
    field, name = bound_field.field, bound_field.html_name
    if field.disabled:
        return {}  # a browser sends nothing for a disabled input
    widget = field.widget
    if isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    value = bound_field.value()
    if isinstance(widget, forms.MultiWidget):
        values = value if isinstance(value, list | tuple) else widget.decompress(value)
        return {
            name + suffix: widget_text(sub, sub_value)
            for suffix, sub, sub_value in zip(
                widget.widgets_names, widget.widgets, values, strict=True
            )
        }
    if isinstance(widget, forms.CheckboxInput):
        return {name: "on"} if value else {}
    if isinstance(widget, forms.SelectMultiple):
        return {name: [str(item) for item in value or []]}
    return {name: widget_text(widget, value)}


def form_fields(form) -> dict:
    data = {}
    for bound_field in form:
        data.update(field_data(bound_field))
    return data


def form_data(response) -> dict:
    """The POST a browser would send for a rendered admin add or change page left as it is:
    the form, and every inline with its management form, its rows and its blank rows."""
    assert response.status_code == 200, response.status_code
    data = form_fields(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_fields(formset.management_form))
        for row in formset.forms:
            data.update(form_fields(row))
    return data


def row_prefix(data: dict, prefix: str, index: int) -> str:
    assert 0 <= index < int(data[f"{prefix}-TOTAL_FORMS"]), (prefix, index)
    return f"{prefix}-{index}-"


def set_row(data: dict, prefix: str, index: int, **values) -> None:
    """Type into row `index` of an inline (None clears a field)."""
    start = row_prefix(data, prefix, index)
    for name, value in values.items():
        data[start + name] = "" if value is None else str(value)


def row_value(data: dict, prefix: str, index: int, name: str):
    return data.get(row_prefix(data, prefix, index) + name)


def add_row(data: dict, prefix: str, **values) -> int:
    """A new row at the end of an inline, as "add another" gives; returns its index."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    set_row(data, prefix, index, **values)
    return index


def rows_of(data: dict, prefix: str, name: str) -> list:
    """One field of every row, in order (to find the row of a record by its id)."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    return [data.get(f"{prefix}-{index}-{name}") for index in range(total)]


def row_of(data: dict, prefix: str, pk) -> int:
    return rows_of(data, prefix, "id").index(str(pk))


def action_data(action: str, objects, *, confirmed: bool = True) -> dict:
    """A change list's action on the picked records (confirmed: the "yes, I'm sure" page)."""
    data = {
        "action": action,
        admin.helpers.ACTION_CHECKBOX_NAME: [str(obj.pk) for obj in objects],
        "index": "0",
    }
    if confirmed:
        data["post"] = "yes"
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


# --- Did it reach the service, as the officer? ---------------------------------------------


@contextlib.contextmanager
def spy(target: str):
    """`target` ("groups.services.end_membership") runs as before, and the mock it yields
    records each call: the admin looks its services up on their module at each call."""
    module_name, name = target.rsplit(".", 1)
    module = importlib.import_module(module_name)
    with mock.patch.object(module, name, wraps=getattr(module, name)) as spied:
        yield spied


@contextlib.contextmanager
def spies(*targets: str):
    with contextlib.ExitStack() as stack:
        yield {target.rsplit(".", 1)[1]: stack.enter_context(spy(target)) for target in targets}


def history_rows(model, pk):
    return history.historical_model(model).objects.filter(id=pk).order_by("-history_id")


def assert_changed_by(user, model, pk, *, history_type: str | None = None):
    """The record's newest historical row (of that type: "+", "~", "-") names the officer;
    returns it."""
    rows = history_rows(model, pk)
    if history_type is not None:
        rows = rows.filter(history_type=history_type)
    row = rows.first()
    assert row is not None, f"no history {history_type or ''} for {model._meta.label} #{pk}"
    assert row.history_user_id == user.pk, (row.history_actor, row.history_actor_kind)
    assert row.history_actor == user.get_username()
    assert row.history_actor_kind == ActorKind.USER
    return row


# --- Every path an admin offers -------------------------------------------------------------


def officer_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def admin_paths(app_labels, user) -> set[tuple]:
    """(model label, kind, name) for every write path the admins of those apps offer:
    ("…", "form", "save"), ("…", "inline", InlineClass), ("…", "action", name) for each action
    (delete_selected included), and ("…", "delete", "view")."""
    request = officer_request(user)
    paths = set()
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in app_labels:
            continue
        label = model._meta.label
        paths.add((label, "form", "save"))
        paths.add((label, "delete", "view"))
        for inline in model_admin.get_inlines(request, None):
            paths.add((label, "inline", inline.__name__))
        for name in model_admin.get_actions(request):
            paths.add((label, "action", name))
    return paths
