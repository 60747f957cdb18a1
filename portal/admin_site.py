"""The officers' admin site: Thai titles, and query strings that can never raise a server error.

Every model admin registered on this site, the project's and Django's own (users, groups), gets
`QueryStringGuard` mixed in at registration, so a hand-edited or stale address in the officer's
address bar gets the normal admin answer instead of a 500:

- an add form pre-filled from the query string (`?area=3`, as the admin's own links do) keeps
  only the values its form field accepts: Django hands the raw text to the autocomplete widget,
  whose database lookup raises on `?area=abc`, and to the date-time widget, which raises on
  `?published_at=abc`;
- a change list filtered by a number too big for SQLite's integers (`?area=99999999999999999999`)
  is treated like any other wrong filter: Django shows the whole list and says the filter was
  wrong (`?e=1`). PostgreSQL compares such a number without error.

The site is also the place where later per-officer scoping of what each officer sees will live.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError


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


class PortalAdminSite(admin.AdminSite):
    # The admin is always in Thai (unprefixed addresses get the default language: portal.urls),
    # so these need no translation.
    site_header = "เครือข่ายพัฒนาชีวิตครูจังหวัดกำแพงเพชร"
    site_title = "ระบบงานคณะกรรมการเครือข่าย"
    index_title = "ทะเบียนเครือข่าย กลุ่ม และสมาชิก"

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, QueryStringGuard):
            admin_class = type(
                admin_class.__name__,
                (QueryStringGuard, admin_class),
                {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__},
            )
        super().register(model_or_iterable, admin_class, **options)


class PortalAdminConfig(AdminConfig):
    """Installed in place of django.contrib.admin so that `admin.site` is a PortalAdminSite."""

    default_site = "portal.admin_site.PortalAdminSite"
