"""The officers' admin site: Thai, in the order of their work, every admin a portal admin.

Every model admin registered here subclasses `core.admin.PortalModelAdmin` (B.E. dates in and
out, no delete links beside picked records, safe with any address, the audit history). The
admins that Django and django-tasks register for their own models are replaced, once every
app's admin module has been read, by the portal subclasses of portal.admin_third_party (`PortalConfig.ready`), and
the system check `portal.E001` names any admin that is not a portal admin.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core import checks

from core import thai
from core.labels import choice_label, labelled

# The admin's index in the order of the officers' work: the monitor first, then the rosters,
# the public site, and the technical pages last. Apps not named here follow, by name.
APP_ORDER = [
    "loans",
    "groups",
    "members",
    "networks",
    "portal",
    "subscriptions",
    "core",
    "officers",
    "axes",
    "auth",
    "django_tasks_database",
]
# Within an app, these models come first (the rest follow by name).
MODEL_ORDER = {"loans": ["MonitorDashboard", "Loan", "RepaymentImport", "Repayment"]}
# Apps whose own configuration names them in English only.
APP_NAMES = {
    "django_tasks_database": "งานเบื้องหลัง (ส่งอีเมล)",
    "axes": "การเข้าสู่ระบบ (ล็อกหลังใส่รหัสผ่านผิด)",
}


def rank(order: list[str], name: str) -> int:
    """The place of a name in an order; names not listed come after all that are."""
    return order.index(name) if name in order else len(order)


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    """Autocomplete results read as the pickers' options do: by the record's choice label
    (core.labels), loaded with the page's results in one query."""

    def get_queryset(self):
        return labelled(super().get_queryset())

    def serialize_result(self, obj, to_field_name):
        return {**super().serialize_result(obj, to_field_name), "text": choice_label(obj)}


class PortalAdminSite(admin.AdminSite):
    # The admin is always in Thai (unprefixed addresses get the default language: portal.urls),
    # so these need no translation.
    site_header = "เครือข่ายพัฒนาชีวิตครูจังหวัดกำแพงเพชร"
    site_title = "ระบบงานคณะกรรมการเครือข่าย"
    index_title = "งานของคณะกรรมการเครือข่าย"

    def autocomplete_view(self, request):
        return LabelledAutocompleteJsonView.as_view(admin_site=self)(request)

    def index(self, request, extra_context=None):
        # The officer's start page above the app list (officers.start, templates/admin/index.html).
        from officers.start import start_page

        context = {"start": start_page(request.user), **(extra_context or {})}
        return super().index(request, extra_context=context)

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        for app in apps:
            app["name"] = APP_NAMES.get(app["app_label"], app["name"])
            first = MODEL_ORDER.get(app["app_label"], [])
            app["models"].sort(
                key=lambda model: (
                    rank(first, model["object_name"]),
                    thai.sort_key(str(model["name"])),
                )
            )
        apps.sort(
            key=lambda app: (rank(APP_ORDER, app["app_label"]), thai.sort_key(str(app["name"])))
        )
        return apps


class PortalAdminConfig(AdminConfig):
    """Installed in place of django.contrib.admin so that `admin.site` is a PortalAdminSite."""

    default_site = "portal.admin_site.PortalAdminSite"


@checks.register(checks.Tags.admin)
def every_admin_is_a_portal_admin(app_configs=None, **kwargs):
    from core.admin import PortalAdminMixin, PortalFormMixin

    errors = []
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, PortalAdminMixin):
            errors.append(
                checks.Error(
                    f"{type(model_admin).__name__} of {model._meta.label} is not a portal admin.",
                    hint="Subclass core.admin.PortalModelAdmin.",
                    obj=type(model_admin),
                    id="portal.E001",
                )
            )
        errors.extend(
            checks.Error(
                f"{inline.__name__} of {model._meta.label} is not a portal inline.",
                hint="Subclass core.admin.PortalTabularInline or PortalStackedInline.",
                obj=inline,
                id="portal.E002",
            )
            for inline in model_admin.inlines
            if not issubclass(inline, PortalFormMixin)
        )
    return errors
