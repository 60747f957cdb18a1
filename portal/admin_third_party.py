"""Django's user and group admins, django-tasks' task admin and django-axes' login records, as
portal admins.

Their apps register their own admins while the admin site reads every app's admin module;
`PortalConfig.ready()` then puts these in their place (see portal.admin_site).
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from core.admin import PortalAdminMixin


class PortalUserAdmin(PortalAdminMixin, UserAdmin):
    """A provincial administrator keeps officer accounts: names, passwords, active or not.
    Only a superuser makes superusers, grants permissions outside the roles, or edits a
    superuser's account; roles are given as places (officers.Assignment)."""

    ESCALATING = ("is_superuser", "user_permissions", "groups")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [name for name in self.ESCALATING if name not in fields]
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


class PortalGroupAdmin(PortalAdminMixin, GroupAdmin):
    pass


class PortalTaskResultAdmin(PortalAdminMixin, DBTaskResultAdmin):
    pass


# Login lockouts (django-axes): deleting an access attempt lifts that lock before its cool-off.
class PortalAccessAttemptAdmin(PortalAdminMixin, AccessAttemptAdmin):
    pass


class PortalAccessLogAdmin(PortalAdminMixin, AccessLogAdmin):
    pass


class PortalAccessFailureLogAdmin(PortalAdminMixin, AccessFailureLogAdmin):
    pass


REPLACEMENTS = [
    (User, PortalUserAdmin),
    (Group, PortalGroupAdmin),
    (DBTaskResult, PortalTaskResultAdmin),
    (AccessAttempt, PortalAccessAttemptAdmin),
    (AccessLog, PortalAccessLogAdmin),
    (AccessFailureLog, PortalAccessFailureLogAdmin),
]


def replace_third_party_admins(site: admin.AdminSite = admin.site) -> None:
    for model, admin_class in REPLACEMENTS:
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, admin_class)
