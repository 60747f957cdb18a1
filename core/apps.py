"""App configuration: what the domain apps share (B.E. dates, the admin base, audit history)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("ระบบ")

    def ready(self):
        from . import audit  # noqa: F401  (connects the history signal)
