"""App configuration of the news by e-mail (subscribers, mailings, deliveries)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "portal.subscriptions"
    label = "subscriptions"
    verbose_name = _("ข่าวทางอีเมล")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
