"""Outstanding member work (ผลงานดีเด่นของสมาชิก) in three categories, with its images."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import Bilingual, Illustrated, Publishable, PublishableQuerySet
from .content import TEXT_FORMAT_HELP


class ShowcaseCategory(models.TextChoices):
    # The values are the categories' addresses: /showcase/income/ …
    INCOME = "income", _("การเพิ่มรายได้")
    ACADEMIC = "academic", _("ผลงานทางวิชาการ")
    TEACHING = "teaching", _("การจัดการเรียนการสอน")


class ShowcaseItemQuerySet(PublishableQuerySet):
    def featured(self):
        return self.filter(is_featured=True)

    def in_category(self, category: str):
        return self.filter(category=category)

    def latest_first(self):
        return self.order_by("-published_at", "-pk")


class ShowcaseItem(Bilingual, Publishable):
    title = models.CharField(_("ชื่อผลงาน"), max_length=200)
    title_en = models.CharField(_("ชื่อผลงาน (อังกฤษ)"), max_length=200, blank=True)
    category = models.CharField(_("ประเภทผลงาน"), max_length=20, choices=ShowcaseCategory.choices)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("สมาชิกเจ้าของผลงาน"),
        on_delete=models.PROTECT,
        related_name="showcase_items",
    )
    large_group = models.ForeignKey(
        "groups.LargeGroup",
        verbose_name=_("กลุ่มใหญ่"),
        on_delete=models.SET_NULL,
        related_name="showcase_items",
        null=True,
        blank=True,
        help_text=_("เว้นว่างไว้เพื่อใช้กลุ่มใหญ่ที่สมาชิกสังกัดอยู่ขณะบันทึก"),
    )
    summary = models.CharField(
        _("คำโปรย"), max_length=300, help_text=_("หนึ่งถึงสองประโยค แสดงในรายการผลงาน")
    )
    summary_en = models.CharField(_("คำโปรย (อังกฤษ)"), max_length=300, blank=True)
    description = models.TextField(_("รายละเอียดผลงาน"), help_text=TEXT_FORMAT_HELP)
    description_en = models.TextField(
        _("รายละเอียดผลงาน (อังกฤษ)"), blank=True, help_text=TEXT_FORMAT_HELP
    )
    is_featured = models.BooleanField(
        _("แนะนำที่หน้าแรก"), default=False, help_text=_("ผลงานที่เลือกจะแสดงในหน้าแรกของเว็บไซต์")
    )

    objects = ShowcaseItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("ผลงานดีเด่น")
        verbose_name_plural = _("ผลงานดีเด่น")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "published_at"], name="showcase_public_idx"),
            models.Index(fields=["category", "status"], name="showcase_category_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:showcase_detail", args=[self.pk])

    def clean(self):
        # The group shown with the work is the one the member belonged to when it was recorded,
        # so a later move does not rewrite the credit.
        if self.large_group_id is None and self.member_id is not None:
            membership = (
                self.member.small_group_memberships.filter(ended_on__isnull=True)
                .select_related("small_group")
                .first()
            )
            if membership is not None:
                self.large_group_id = membership.small_group.large_group_id


class ShowcaseImage(Bilingual, Illustrated):
    item = models.ForeignKey(
        ShowcaseItem, verbose_name=_("ผลงาน"), on_delete=models.CASCADE, related_name="images"
    )
    position = models.PositiveSmallIntegerField(
        _("ลำดับ"), default=0, help_text=_("ภาพลำดับแรกเป็นภาพปกของผลงาน")
    )

    class Meta:
        verbose_name = _("ภาพผลงาน")
        verbose_name_plural = _("ภาพผลงาน")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.image_alt or self.image.name

    def clean(self):
        errors = {}
        if not self.image:
            errors["image"] = _("เลือกไฟล์ภาพ (JPEG, PNG หรือ WebP)")
        if not self.image_alt.strip():
            errors["image_alt"] = _("บอกสั้น ๆ ว่าในภาพมีอะไร เพื่อผู้ที่มองไม่เห็นภาพ")
        if errors:
            raise ValidationError(errors, code="showcase_image_incomplete")
