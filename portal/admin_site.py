"""The officers' admin site: Thai, in the order of their work, and safe with any address.

Every model admin registered on this site, the project's and Django's own (users, groups), gets
`PortalModelAdminMixin` mixed in at registration:

- `BuddhistEraDates`: date columns of change lists read in the Buddhist Era, like the rest of
  the portal; the date hierarchy above the list does too (templates/admin/date_hierarchy.html).
- `QueryStringGuard`: a hand-edited or stale address in the officer's address bar gets the
  normal admin answer instead of a 500:
  - an add form pre-filled from the query string (`?area=3`, as the admin's own links do) keeps
    only the values its form field accepts: Django hands the raw text to the autocomplete
    widget, whose database lookup raises on `?area=abc`, and to the date-time widget, which
    raises on `?published_at=abc`;
  - a change list filtered by a number too big for SQLite's integers
    (`?area=99999999999999999999`) is treated like any other wrong filter: Django shows the
    whole list and says the filter was wrong (`?e=1`). PostgreSQL compares such a number
    without error.

The site is also the place where later per-officer scoping of what each officer sees will live.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError
from django.db import models

from portal.templatetags.thai_dates import date_field_of, format_datetime


class QueryStringGuard:
    """Mixed into every ModelAdmin of the site: see the module's docstring."""

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


# The admin's index in the order of the officers' work: the monitor first, then the rosters,
# the public site, and the technical pages last. Apps not named here follow, by name.
APP_ORDER = [
    "loans",
    "groups",
    "members",
    "networks",
    "portal",
    "subscriptions",
    "auth",
    "django_tasks_database",
]
# Within an app, these models come first (the rest follow by name).
MODEL_ORDER = {"loans": ["MonitorDashboard", "Loan", "RepaymentImport", "Repayment"]}
# Apps whose own configuration names them in English only.
APP_NAMES = {"django_tasks_database": "งานเบื้องหลัง (ส่งอีเมล)"}


def rank(order: list[str], name: str) -> int:
    """The place of a name in an order; names not listed come after all that are."""
    return order.index(name) if name in order else len(order)


def date_column(field: models.DateField):
    """A change-list column showing a date field in the Buddhist Era, sorted by the field."""

    def column(obj):
        value = getattr(obj, field.attname)
        # format_datetime shows a plain date as format_date does.
        return format_datetime(value) if value is not None else None

    column.__name__ = field.name  # keeps the column's CSS class, field-<name>
    return admin.display(description=field.verbose_name, ordering=field.name)(column)


class BuddhistEraDates:
    """Mixed into every ModelAdmin of the site: date and date-time columns of change lists read
    in the Buddhist Era (25 พฤศจิกายน 2569), as the rest of the portal does. Django's own
    formatting would print the C.E. year. Editable and link columns keep the plain field."""

    def get_list_display(self, request):
        keep = {*self.list_editable, *(self.list_display_links or ())}
        columns = []
        for name in super().get_list_display(request):
            field = date_field_of(self.model, name) if name not in keep else None
            columns.append(date_column(field) if field else name)
        return columns


class PortalModelAdminMixin(BuddhistEraDates, QueryStringGuard):
    """What the site adds to every ModelAdmin registered on it."""


class PortalAdminSite(admin.AdminSite):
    # The admin is always in Thai (unprefixed addresses get the default language: portal.urls),
    # so these need no translation.
    site_header = "เครือข่ายพัฒนาชีวิตครูจังหวัดกำแพงเพชร"
    site_title = "ระบบงานคณะกรรมการเครือข่าย"
    index_title = "งานของคณะกรรมการเครือข่าย"

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        for app in apps:
            app["name"] = APP_NAMES.get(app["app_label"], app["name"])
            first = MODEL_ORDER.get(app["app_label"], [])
            app["models"].sort(key=lambda model: (rank(first, model["object_name"]), model["name"]))
        apps.sort(key=lambda app: (rank(APP_ORDER, app["app_label"]), app["name"]))
        return apps

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, PortalModelAdminMixin):
            admin_class = type(
                admin_class.__name__,
                (PortalModelAdminMixin, admin_class),
                {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__},
            )
        super().register(model_or_iterable, admin_class, **options)


class PortalAdminConfig(AdminConfig):
    """Installed in place of django.contrib.admin so that `admin.site` is a PortalAdminSite."""

    default_site = "portal.admin_site.PortalAdminSite"
