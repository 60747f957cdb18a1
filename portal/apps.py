"""App configuration: the public site: pages, news, showcase and e-mail subscriptions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("เว็บไซต์เครือข่าย")

    def ready(self):
        # Every app's admin module has been read by now (the admin app comes first).
        from .admin_third_party import replace_third_party_admins

        replace_third_party_admins()
