"""What several apps share at the bottom: the audit columns of every historical table and the
admin's cross-model change log (a page)."""

from django.contrib.admin.models import LogEntry
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActorKind(models.TextChoices):
    USER = "user", _("ผู้ใช้")
    IMPORT = "import", _("นำเข้าไฟล์")
    TASK = "task", _("งานอัตโนมัติ")
    COMMAND = "command", _("คำสั่งระบบ")
    DEMO = "demo", _("ข้อมูลสาธิต")


class HistoryFields(models.Model):
    """The columns every historical table adds to simple-history's: how the change was made."""

    history_actor_kind = models.CharField(_("ผู้ทำรายการเป็น"), max_length=20, choices=ActorKind)
    history_actor = models.CharField(_("ผู้ทำรายการ"), max_length=200)
    history_source = models.CharField(_("ที่มา"), max_length=100, blank=True)

    class Meta:
        abstract = True


class ChangeLog(LogEntry):
    """No data of its own: puts the change log of every audited record in the admin's menu
    (core.admin), with its own view permission. A proxy of the admin's log entries only so
    that it needs no table."""

    class Meta:
        proxy = True
        default_permissions = ("view",)
        verbose_name = _("ประวัติการเปลี่ยนแปลงข้อมูล")
        verbose_name_plural = _("ประวัติการเปลี่ยนแปลงข้อมูล")
