"""Pages edited in admin (about us, member services…) and the partner offices' links."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import Bilingual

TEXT_FORMAT_HELP = _(
    "เขียนเป็นข้อความธรรมดา: เว้นบรรทัดว่างระหว่างย่อหน้า, ขึ้นบรรทัดด้วย “## ” เป็นหัวข้อ, "
    "“- ” เป็นรายการ, “1. ” เป็นรายการลำดับเลข, และแถวที่ขึ้นต้นด้วย “|” เป็นตาราง "
    "(แถวแรกเป็นหัวตาราง)"
)


class Page(Bilingual):
    """A page of text at a fixed address: /about/, /services/ or /pages/<slug>/."""

    ABOUT = "about"
    SERVICES = "services"

    slug = models.SlugField(
        _("ชื่อในที่อยู่เว็บ"),
        max_length=60,
        unique=True,
        help_text=_(
            "ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีด: “about” คือหน้าเกี่ยวกับเรา, “services” คือหน้าบริการสมาชิก"
        ),
    )
    title = models.CharField(_("ชื่อหน้า"), max_length=200)
    title_en = models.CharField(_("ชื่อหน้า (อังกฤษ)"), max_length=200, blank=True)
    summary = models.CharField(
        _("คำโปรย"),
        max_length=300,
        blank=True,
        help_text=_("หนึ่งถึงสองประโยค ใช้เป็นคำอธิบายหน้าในผลการค้นหาของเว็บค้นหา"),
    )
    summary_en = models.CharField(_("คำโปรย (อังกฤษ)"), max_length=300, blank=True)
    body = models.TextField(_("เนื้อหา"), help_text=TEXT_FORMAT_HELP)
    body_en = models.TextField(_("เนื้อหา (อังกฤษ)"), blank=True, help_text=TEXT_FORMAT_HELP)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    class Meta:
        verbose_name = _("หน้าเนื้อหา")
        verbose_name_plural = _("หน้าเนื้อหา")
        ordering = ["slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.slug == self.ABOUT:
            return reverse("portal:about")
        if self.slug == self.SERVICES:
            return reverse("portal:services")
        return reverse("portal:page", args=[self.slug])


class PartnerLinkQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(is_shown=True)


class PartnerLink(Bilingual):
    """A link to a partner office (an educational service area office, the สกสค. office…)."""

    name = models.CharField(_("ชื่อหน่วยงาน"), max_length=200, db_collation="thai")
    name_en = models.CharField(_("ชื่อหน่วยงาน (อังกฤษ)"), max_length=200, blank=True)
    short_name = models.CharField(
        _("ชื่อย่อ"), max_length=60, blank=True, help_text=_("เช่น สพป.กพ. เขต 1")
    )
    short_name_en = models.CharField(_("ชื่อย่อ (อังกฤษ)"), max_length=60, blank=True)
    url = models.URLField(
        _("ที่อยู่เว็บไซต์"),
        max_length=300,
        help_text=_("ที่อยู่เต็ม ขึ้นต้นด้วย https:// หรือ http://"),
    )
    position = models.PositiveSmallIntegerField(_("ลำดับ"), default=0, help_text=_("เลขน้อยแสดงก่อน"))
    is_shown = models.BooleanField(_("แสดงบนเว็บไซต์"), default=True)

    objects = PartnerLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("ลิงก์หน่วยงานภาคี")
        verbose_name_plural = _("ลิงก์หน่วยงานภาคี")
        ordering = ["position", "name"]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return self.url
