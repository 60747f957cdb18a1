"""News items: drafts, scheduled and published, with an optional cover image."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import Bilingual, Illustrated, Publishable, PublishableQuerySet
from .content import TEXT_FORMAT_HELP


class NewsItemQuerySet(PublishableQuerySet):
    def latest_first(self):
        return self.order_by("-published_at", "-pk")


class NewsItem(Bilingual, Publishable, Illustrated):
    title = models.CharField(_("หัวข้อข่าว"), max_length=200)
    title_en = models.CharField(_("หัวข้อข่าว (อังกฤษ)"), max_length=200, blank=True)
    summary = models.CharField(
        _("คำโปรย"),
        max_length=300,
        help_text=_("หนึ่งถึงสองประโยค แสดงในรายการข่าว หน้าแรก และฟีดข่าว"),
    )
    summary_en = models.CharField(_("คำโปรย (อังกฤษ)"), max_length=300, blank=True)
    body = models.TextField(_("เนื้อหาข่าว"), help_text=TEXT_FORMAT_HELP)
    body_en = models.TextField(_("เนื้อหาข่าว (อังกฤษ)"), blank=True, help_text=TEXT_FORMAT_HELP)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ผู้เขียน"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("ข่าว")
        verbose_name_plural = _("ข่าว")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "published_at"], name="news_public_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:news_detail", args=[self.pk])

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("บอกสั้น ๆ ว่าในภาพมีอะไร เพื่อผู้ที่มองไม่เห็นภาพ")},
                code="image_alt_required",
            )
