"""An officer's places: a role (a Django group) at a large group or a network node, for a term."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import audit
from core.scope import Scope, ScopedQuerySet


class AssignmentQuerySet(ScopedQuerySet):
    def current(self, on: datetime.date | None = None):
        """Places whose term covers the day (today by default): they expire at the term's end."""
        day = on or timezone.localdate()
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def scope_filter(self, scope: Scope) -> Q:
        # A provincial administrator manages the places inside their own.
        return scope.large_group_q("large_group") | scope.network_q("network")


class Assignment(models.Model):
    """ตำแหน่งของเจ้าหน้าที่: one role at one place (a large group, or a network) for a term."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("บัญชีผู้ใช้"),
        on_delete=models.CASCADE,
        related_name="officer_places",
    )
    role = models.ForeignKey(
        "auth.Group", verbose_name=_("บทบาท"), on_delete=models.PROTECT, related_name="assignments"
    )
    large_group = models.ForeignKey(
        "groups.LargeGroup",
        verbose_name=_("กลุ่มใหญ่"),
        on_delete=models.PROTECT,
        related_name="officer_places",
        null=True,
        blank=True,
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("เครือข่าย"),
        on_delete=models.PROTECT,
        related_name="officer_places",
        null=True,
        blank=True,
        help_text=_("เครือข่ายเขตพื้นที่ จังหวัด หรือระดับที่สูงกว่า: ครอบคลุมทุกกลุ่มใหญ่ภายใต้เครือข่ายนี้"),
    )
    starts_on = models.DateField(_("เริ่มวาระ"))
    ends_on = models.DateField(_("สิ้นสุดวาระ"), help_text=_("สิทธิ์หมดอายุเมื่อพ้นวันนี้"))

    objects = AssignmentQuerySet.as_manager()

    history = audit.history()

    class Meta:
        verbose_name = _("ตำแหน่งของเจ้าหน้าที่")
        verbose_name_plural = _("ตำแหน่งของเจ้าหน้าที่")
        ordering = ["user__username", "-ends_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(large_group__isnull=False) & Q(network__isnull=True))
                | (Q(large_group__isnull=True) & Q(network__isnull=False)),
                name="assignment_has_exactly_one_place",
                violation_error_message=_("เลือกกลุ่มใหญ่หรือเครือข่ายอย่างใดอย่างหนึ่ง"),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="assignment_term_ends_after_it_starts",
                violation_error_message=_("วันสิ้นสุดวาระต้องไม่ก่อนวันเริ่มวาระ"),
            ),
        ]
        indexes = [models.Index(fields=["user", "ends_on"], name="assignment_user_term_idx")]

    def __str__(self):
        return f"{self.user} · {self.role} · {self.place}"

    @property
    def place(self):
        return self.large_group if self.large_group_id else self.network

    def is_current(self, on: datetime.date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.starts_on <= day <= self.ends_on

    def clean(self):
        if bool(self.large_group_id) == bool(self.network_id):
            raise ValidationError(_("เลือกกลุ่มใหญ่หรือเครือข่ายอย่างใดอย่างหนึ่ง"), code="assignment_place")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": ValidationError(_("วันสิ้นสุดวาระต้องไม่ก่อนวันเริ่มวาระ"), code="term")}
            )


class PersonalDataAccessQuerySet(ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        """The accesses of the officers whose places (current or past) lie inside the viewer's,
        and the viewer's own: a provincial administrator reads those of their province's
        officers. A superuser's own accesses, made with no place, only superusers read."""
        managed = Assignment.objects.filter(Assignment.objects.all().scope_filter(scope))
        return Q(user_id__in=managed.values("user_id")) | Q(user_id=scope.user_id)


class PersonalDataAccess(models.Model):
    """Who saw personal data: a full national ID on a member's page, or an export of rows that
    hold IDs, phones or e-mails (Thailand's PDPA). Written by core code, never edited."""

    class Kind(models.TextChoices):
        VIEW_ID = "view_id", _("ดูเลขประจำตัวประชาชนเต็ม")
        EXPORT = "export", _("ส่งออกข้อมูลส่วนบุคคล")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ผู้ใช้"),
        on_delete=models.PROTECT,
        related_name="personal_data_accesses",
    )
    at = models.DateTimeField(_("เวลา"), default=timezone.now, db_index=True)
    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind.choices)
    what = models.CharField(_("ข้อมูล"), max_length=300)
    rows = models.PositiveIntegerField(_("จำนวนแถว"), default=1)

    objects = PersonalDataAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("บันทึกการเข้าถึงข้อมูลส่วนบุคคล")
        verbose_name_plural = _("บันทึกการเข้าถึงข้อมูลส่วนบุคคล")
        ordering = ["-at", "-pk"]
        permissions = [("view_full_national_id", _("ดูเลขประจำตัวประชาชนเต็มของสมาชิก"))]

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()} · {self.what}"
