"""Building blocks shared by the site's content: publication state, two languages, resized images."""

from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.images import validate_image_upload


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("ฉบับร่าง")
    PUBLISHED = "published", _("เผยแพร่")


class PublicationState(models.TextChoices):
    """What a visitor sees: a published item with a future date is scheduled, not yet public."""

    DRAFT = "draft", _("ฉบับร่าง")
    SCHEDULED = "scheduled", _("ตั้งเวลาเผยแพร่")
    PUBLISHED = "published", _("เผยแพร่แล้ว")


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public sees: published, with a publication time that has come."""
        return self.filter(
            status=PublicationStatus.PUBLISHED, published_at__lte=now or timezone.now()
        )

    def scheduled(self, now=None):
        return self.filter(
            status=PublicationStatus.PUBLISHED, published_at__gt=now or timezone.now()
        )

    def drafts(self):
        return self.filter(status=PublicationStatus.DRAFT)

    def publish(self) -> int:
        """Publish the items (each at its own publication time); returns how many changed."""
        return self._set_status(PublicationStatus.PUBLISHED)

    def withdraw(self) -> int:
        """Take the items back to draft; returns how many changed."""
        return self._set_status(PublicationStatus.DRAFT)

    def _set_status(self, status: str) -> int:
        # One UPDATE: auto_now does not run on update(), so the change time is set here.
        return self.exclude(status=status).update(status=status, updated_at=timezone.now())


class Publishable(models.Model):
    status = models.CharField(
        _("สถานะ"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        help_text=_("ฉบับร่างจะไม่แสดงบนเว็บไซต์ เลือก “เผยแพร่” เมื่อพร้อม"),
    )
    published_at = models.DateTimeField(
        _("วันเวลาเผยแพร่"),
        default=timezone.now,
        db_index=True,
        help_text=_("กำหนดวันเวลาในอนาคตเพื่อตั้งเวลาเผยแพร่: รายการจะปรากฏเมื่อถึงเวลานั้น"),
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    class Meta:
        abstract = True

    def publication_state(self, now=None) -> PublicationState:
        if self.status != PublicationStatus.PUBLISHED:
            return PublicationState.DRAFT
        if self.published_at > (now or timezone.now()):
            return PublicationState.SCHEDULED
        return PublicationState.PUBLISHED

    @property
    def is_public(self) -> bool:
        return self.publication_state() == PublicationState.PUBLISHED


class Localized:
    """Reads a bilingual record in the active language; Thai is the fallback for empty English.

    `item.local.title` is the English title on English pages when one was written, otherwise the
    Thai one; `item.local.title_lang` says which ("en" or "th") for the element's lang attribute.
    """

    def __init__(self, instance):
        self._instance = instance

    def _english(self, name: str) -> str:
        language = get_language() or ""
        if not language.startswith("en"):
            return ""
        return getattr(self._instance, f"{name}_en", "") or ""

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if name.endswith("_lang"):
            return "en" if self._english(name.removesuffix("_lang")) else "th"
        return self._english(name) or getattr(self._instance, name)


class Bilingual(models.Model):
    """Content written in Thai, with optional English fields named `<field>_en`."""

    class Meta:
        abstract = True

    @property
    def local(self) -> Localized:
        return Localized(self)


class Illustrated(models.Model):
    """An uploaded image and its resized renditions (see portal.images.store_renditions)."""

    image = models.ImageField(
        _("ภาพ"),
        upload_to="uploads/%Y/%m/",
        width_field="image_width",
        height_field="image_height",
        blank=True,
        validators=[validate_image_upload],
        help_text=_("JPEG, PNG หรือ WebP ขนาดไม่เกิน 5 MB ระบบจะย่อภาพสำหรับหน้าเว็บให้เอง"),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("คำอธิบายภาพ"),
        max_length=200,
        blank=True,
        help_text=_("บอกสั้น ๆ ว่าในภาพมีอะไร สำหรับผู้ที่ใช้โปรแกรมอ่านหน้าจอ"),
    )
    image_alt_en = models.CharField(_("คำอธิบายภาพ (อังกฤษ)"), max_length=200, blank=True)
    # {"400": {"name": "renditions/…-400w.webp", "width": 400, "height": 300}, …}
    renditions = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def rendition_list(self) -> list[dict]:
        """Renditions smallest first, each with its URL; the original when none were made."""
        items = []
        for width in sorted(self.renditions or {}, key=int):
            entry = self.renditions[width]
            items.append(
                {
                    "url": default_storage.url(entry["name"]),
                    "width": entry["width"],
                    "height": entry["height"],
                }
            )
        if not items and self.image:
            items.append(
                {"url": self.image.url, "width": self.image_width, "height": self.image_height}
            )
        return items
