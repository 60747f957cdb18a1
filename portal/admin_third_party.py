"""Django's user and group admins and django-tasks' task admin, as portal admins.

Their apps register their own admins while the admin site reads every app's admin module;
`PortalConfig.ready()` then puts these in their place (see portal.admin_site).
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from core.admin import PortalAdminMixin


class PortalUserAdmin(PortalAdminMixin, UserAdmin):
    pass


class PortalGroupAdmin(PortalAdminMixin, GroupAdmin):
    pass


class PortalTaskResultAdmin(PortalAdminMixin, DBTaskResultAdmin):
    pass


REPLACEMENTS = [
    (User, PortalUserAdmin),
    (Group, PortalGroupAdmin),
    (DBTaskResult, PortalTaskResultAdmin),
]


def replace_third_party_admins(site: admin.AdminSite = admin.site) -> None:
    for model, admin_class in REPLACEMENTS:
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, admin_class)
