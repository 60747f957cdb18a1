"""App configuration: large groups, small groups, memberships and committees."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("กลุ่ม")
