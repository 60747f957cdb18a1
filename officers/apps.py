"""App configuration: officer accounts, their places and roles (Django groups)."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OfficersConfig(AppConfig):
    name = "officers"
    verbose_name = _("เจ้าหน้าที่และสิทธิ์")

    def ready(self):
        from .roles import sync_roles

        # After every migrate (the permissions exist by then): the role groups and their
        # permissions, as officers/roles.py defines them.
        post_migrate.connect(sync_roles, dispatch_uid="officers.sync_roles")
