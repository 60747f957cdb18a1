"""Committees of a large group or of a network, and the seats their members hold."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import audit
from core.scope import Scope, ScopedQuerySet


class Position(models.TextChoices):
    # The order here is the order seats are listed in.
    CHAIR = "chair", _("ประธานกรรมการ")
    VICE_CHAIR = "vice_chair", _("รองประธานกรรมการ")
    REGISTRAR = "registrar", _("นายทะเบียน")
    TREASURER = "treasurer", _("เหรัญญิก")
    SECRETARY = "secretary", _("เลขานุการ")
    MEMBER = "member", _("กรรมการ")
    OTHER = "other", _("ตำแหน่งอื่น")


POSITION_ORDER = models.Case(
    *(models.When(position=value, then=index) for index, value in enumerate(Position.values)),
    output_field=models.IntegerField(),
)


class CommitteeQuerySet(ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        return scope.large_group_q("large_group") | scope.network_q("network")

    def for_networks(self):
        return self.filter(network__isnull=False)

    def for_large_groups(self):
        return self.filter(large_group__isnull=False)


class Committee(models.Model):
    """The elected committee of exactly one large group or one network."""

    network = models.OneToOneField(
        "networks.Network",
        verbose_name=_("เครือข่าย"),
        on_delete=models.PROTECT,
        related_name="committee",
        null=True,
        blank=True,
    )
    large_group = models.OneToOneField(
        "groups.LargeGroup",
        verbose_name=_("กลุ่มใหญ่"),
        on_delete=models.PROTECT,
        related_name="committee",
        null=True,
        blank=True,
    )

    objects = CommitteeQuerySet.as_manager()

    history = audit.history()

    class Meta:
        verbose_name = _("คณะกรรมการ")
        verbose_name_plural = _("คณะกรรมการ")
        constraints = [
            models.CheckConstraint(
                condition=(Q(network__isnull=False) & Q(large_group__isnull=True))
                | (Q(network__isnull=True) & Q(large_group__isnull=False)),
                name="committee_has_exactly_one_owner",
                violation_error_message=_("เลือกเครือข่ายหรือกลุ่มใหญ่อย่างใดอย่างหนึ่ง"),
            ),
        ]

    def __str__(self):
        return f"คณะกรรมการ{self.owner}"

    @property
    def owner(self):
        return self.network if self.network_id else self.large_group


class CommitteeSeatQuerySet(ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        return scope.large_group_q("committee__large_group") | scope.network_q("committee__network")

    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=on), term_start__lte=on)

    def in_position_order(self):
        return self.alias(position_order=POSITION_ORDER).order_by("position_order", "pk")


class CommitteeSeat(models.Model):
    """A position on a committee held by one member for a term."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("คณะกรรมการ"), on_delete=models.CASCADE, related_name="seats"
    )
    position = models.CharField(_("ตำแหน่ง"), max_length=20, choices=Position.choices)
    position_title = models.CharField(
        _("ชื่อตำแหน่ง"), max_length=100, blank=True, help_text=_("กรอกเมื่อเลือก “ตำแหน่งอื่น”")
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("สมาชิก"),
        on_delete=models.PROTECT,
        related_name="committee_seats",
    )
    term_start = models.DateField(_("เริ่มวาระ"))
    term_end = models.DateField(_("สิ้นสุดวาระ"), null=True, blank=True)

    objects = CommitteeSeatQuerySet.as_manager()

    history = audit.history()

    class Meta:
        verbose_name = _("ตำแหน่งกรรมการ")
        verbose_name_plural = _("ตำแหน่งกรรมการ")
        ordering = ["committee", "term_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="seat_term_ends_after_start",
                violation_error_message=_("วันสิ้นสุดวาระต้องไม่ก่อนวันเริ่มวาระ"),
            ),
            models.CheckConstraint(
                condition=~Q(position="other") | ~Q(position_title=""),
                name="seat_other_position_named",
                violation_error_message=_("ตำแหน่งอื่นต้องกรอกชื่อตำแหน่ง"),
            ),
            # Overlapping closed terms are checked in clean(); the database holds the open one.
            models.UniqueConstraint(
                fields=["committee"],
                condition=Q(position="chair", term_end__isnull=True),
                name="seat_one_open_chair_per_committee",
                violation_error_message=_(
                    "คณะกรรมการนี้มีประธานที่ยังไม่สิ้นสุดวาระอยู่แล้ว ให้บันทึกวันสิ้นสุดวาระของประธานคนเดิมก่อน"
                ),
            ),
        ]

    def __str__(self):
        return f"{self.title}: {self.member}"

    @property
    def title(self) -> str:
        return (
            self.position_title if self.position == Position.OTHER else self.get_position_display()
        )

    def overlapping_chairs(self):
        seats = CommitteeSeat.objects.filter(
            committee_id=self.committee_id, position=Position.CHAIR
        )
        seats = seats.exclude(pk=self.pk).filter(
            Q(term_end__isnull=True) | Q(term_end__gte=self.term_start)
        )
        if self.term_end is not None:
            seats = seats.filter(term_start__lte=self.term_end)
        return seats

    def clean(self):
        if self.position == Position.OTHER and not self.position_title.strip():
            raise ValidationError(
                {
                    "position_title": ValidationError(
                        _("ตำแหน่งอื่นต้องกรอกชื่อตำแหน่ง"), code="position_title"
                    )
                }
            )
        if self.position != Position.CHAIR or not (self.committee_id and self.term_start):
            return
        if self.term_end and self.term_end < self.term_start:
            return  # the check constraint's message covers it
        clash = self.overlapping_chairs().select_related("member__pay_unit").first()
        if clash:
            raise ValidationError(
                _(
                    "คณะกรรมการมีประธานได้ครั้งละหนึ่งคน: %(member)s เป็นประธานในช่วงเวลาที่ซ้อนกัน "
                    "ให้แก้วันสิ้นสุดวาระของประธานคนเดิม หรือเลือกวาระที่ไม่ทับกัน"
                ),
                code="chair_overlap",
                params={"member": clash.member.choice_label},
            )
