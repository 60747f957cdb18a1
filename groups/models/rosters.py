"""Large groups, small groups and who is in which small group now."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core import audit
from core.scope import Scope, ScopedQuerySet
from members.models import MemberStatus
from networks.models import Level

SMALL_GROUP_MIN_MEMBERS = 5
SMALL_GROUP_MAX_MEMBERS = 10
LARGE_GROUP_MIN_MEMBERS = 50

# A membership is current while it has no end date; only current memberships of members whose
# status is active count as "active members" of a group.
CURRENT = Q(ended_on__isnull=True)


def small_group_full_error(small_group: "SmallGroup") -> ValidationError:
    """The answer to an eleventh member, from clean() or from the database's cap trigger."""
    return ValidationError(
        _("%(group)s มีสมาชิกครบ %(max)d คนแล้ว: เพิ่มได้อีกเมื่อมีสมาชิกออก หรือจัดตั้งกลุ่มย่อยใหม่"),
        code="small_group_full",
        params={"group": small_group.name, "max": SMALL_GROUP_MAX_MEMBERS},
    )


# Every official large-group name starts with this; narrow lists may leave it out.
LARGE_GROUP_NAME_PREFIX = "เครือข่ายพัฒนาชีวิตครู"


def large_group_name(district_name: str, number: int, groups_in_district: int) -> str:
    """The official name: the district, and the group's number when the district has several."""
    name = f"{LARGE_GROUP_NAME_PREFIX}อำเภอ{district_name}"
    if groups_in_district > 1:
        name += f" กลุ่มใหญ่ที่ {number}"
    return name


class LargeGroupQuerySet(ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        return scope.large_group_q()

    def with_counts(self):
        """Active members and small groups, counted in the same query as the groups."""
        active = Q(
            small_groups__memberships__ended_on__isnull=True,
            small_groups__memberships__member__status=MemberStatus.ACTIVE,
        )
        return self.annotate(
            active_member_count=Count("small_groups__memberships", filter=active),
            small_group_count=Count("small_groups", distinct=True),
        )

    def under_size(self):
        return self.with_counts().filter(active_member_count__lt=LARGE_GROUP_MIN_MEMBERS)

    def flagged(self):
        """Under 50 active members without the provincial committee's approval."""
        return self.under_size().filter(approval_date__isnull=True)

    def in_network(self, network):
        """The large groups under an area network, a province or any level above."""
        if network.level == Level.AREA:
            return self.filter(area=network)
        path = "area" + "__parent" * (Level.AREA - network.level)
        return self.filter(**{path: network})


class LargeGroup(models.Model):
    """กลุ่มใหญ่: the small groups of one district (or service area, or agency), 50 members or more."""

    name = models.CharField(
        _("ชื่อกลุ่มใหญ่"), max_length=200, editable=False, db_index=True, db_collation="thai"
    )
    area = models.ForeignKey(
        "networks.Network",
        verbose_name=_("เครือข่ายเขตพื้นที่การศึกษา"),
        on_delete=models.PROTECT,
        related_name="large_groups",
        limit_choices_to={"level": Level.AREA},
    )
    district = models.ForeignKey(
        "networks.District",
        verbose_name=_("อำเภอ"),
        on_delete=models.PROTECT,
        related_name="large_groups",
    )
    number = models.PositiveSmallIntegerField(
        _("ลำดับที่ในอำเภอ"), editable=False, help_text=_("ระบบกำหนดให้ตามลำดับการจัดตั้งในอำเภอ")
    )
    founded_on = models.DateField(_("วันที่จัดตั้ง"))
    approval_date = models.DateField(
        _("วันที่คณะกรรมการจังหวัดอนุมัติ"),
        null=True,
        blank=True,
        help_text=_("อนุมัติให้คงสิทธิกลุ่มใหญ่แม้มีสมาชิกไม่ถึง 50 คน"),
    )
    approval_reference = models.CharField(_("เลขที่/อ้างอิงมติอนุมัติ"), max_length=100, blank=True)

    objects = LargeGroupQuerySet.as_manager()

    history = audit.history()

    class Meta:
        verbose_name = _("กลุ่มใหญ่")
        verbose_name_plural = _("กลุ่มใหญ่")
        ordering = ["district__name", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "number"], name="large_group_unique_number_per_district"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="large_group_number_positive"),
            models.CheckConstraint(
                condition=(Q(approval_date__isnull=True) & Q(approval_reference=""))
                | (Q(approval_date__isnull=False) & ~Q(approval_reference="")),
                name="large_group_approval_complete",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def has_provincial_approval(self) -> bool:
        return self.approval_date is not None

    def clean(self):
        errors = {}
        if self.area_id and self.area.level != Level.AREA:
            errors["area"] = ValidationError(
                _("กลุ่มใหญ่ต้องสังกัดเครือข่ายระดับเขตพื้นที่การศึกษา"), code="large_group_area"
            )
        if self.approval_date and not self.approval_reference:
            errors["approval_reference"] = ValidationError(
                _("กรอกเลขที่หรืออ้างอิงมติของคณะกรรมการจังหวัดคู่กับวันที่อนุมัติ"),
                code="approval_reference_missing",
            )
        if self.approval_reference and not self.approval_date:
            errors["approval_date"] = ValidationError(
                _("กรอกวันที่คณะกรรมการจังหวัดอนุมัติคู่กับเลขที่อ้างอิง"),
                code="approval_date_missing",
            )
        if errors:
            raise ValidationError(errors)


class SmallGroupQuerySet(ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        return scope.large_group_q("large_group")

    def with_counts(self):
        return self.annotate(
            member_count=Count("memberships", filter=Q(memberships__ended_on__isnull=True)),
            active_member_count=Count(
                "memberships",
                filter=Q(memberships__ended_on__isnull=True)
                & Q(memberships__member__status=MemberStatus.ACTIVE),
            ),
        )

    def incomplete(self):
        return self.with_counts().filter(active_member_count__lt=SMALL_GROUP_MIN_MEMBERS)

    def complete(self):
        return self.with_counts().filter(active_member_count__gte=SMALL_GROUP_MIN_MEMBERS)


class SmallGroup(models.Model):
    """กลุ่มย่อย: 5 to 10 members of one pay unit who co-guarantee each other's loans."""

    large_group = models.ForeignKey(
        LargeGroup,
        verbose_name=_("กลุ่มใหญ่"),
        on_delete=models.PROTECT,
        related_name="small_groups",
    )
    number = models.PositiveSmallIntegerField(_("กลุ่มย่อยที่"), editable=False)
    pay_unit = models.ForeignKey(
        "members.PayUnit",
        verbose_name=_("หน่วยงานสังกัด"),
        on_delete=models.PROTECT,
        related_name="small_groups",
        help_text=_("สมาชิกทุกคนในกลุ่มย่อยต้องสังกัดหน่วยงานนี้"),
    )
    founded_on = models.DateField(_("วันที่จัดตั้ง"))

    objects = SmallGroupQuerySet.as_manager()

    history = audit.history()

    class Meta:
        verbose_name = _("กลุ่มย่อย")
        verbose_name_plural = _("กลุ่มย่อย")
        ordering = ["large_group__district__name", "large_group__number", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["large_group", "number"], name="small_group_unique_number_per_large_group"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="small_group_number_positive"),
        ]

    def __str__(self):
        return f"{self.name} ({self.pay_unit.name})"

    @property
    def name(self) -> str:
        return f"กลุ่มย่อยที่ {self.number}"

    def clean(self):
        if self.pk and self.pay_unit_id:
            others = self.memberships.filter(CURRENT).exclude(member__pay_unit_id=self.pay_unit_id)
            if others.exists():
                raise ValidationError(
                    {
                        "pay_unit": ValidationError(
                            _(
                                "สมาชิกปัจจุบันของกลุ่มย่อยนี้สังกัดหน่วยงานอื่น: สมาชิกในกลุ่มย่อย"
                                "ต้องสังกัดหน่วยงานเดียวกัน ให้ย้ายสมาชิกออกก่อนเปลี่ยนหน่วยงานของกลุ่ม"
                            ),
                            code="pay_unit_mismatch",
                        )
                    }
                )

    def active_member_total(self) -> int:
        if hasattr(self, "active_member_count"):
            return self.active_member_count
        return self.memberships.filter(CURRENT, member__status=MemberStatus.ACTIVE).count()

    @property
    def is_complete(self) -> bool:
        """Complete only with at least five active members; never shown complete otherwise."""
        return self.active_member_total() >= SMALL_GROUP_MIN_MEMBERS


class SmallGroupMembershipQuerySet(ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        return scope.large_group_q("small_group__large_group")


class SmallGroupMembership(models.Model):
    """A member's place in a small group, from a start date until an end date (current if none)."""

    small_group = models.ForeignKey(
        SmallGroup, verbose_name=_("กลุ่มย่อย"), on_delete=models.PROTECT, related_name="memberships"
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("สมาชิก"),
        on_delete=models.PROTECT,
        related_name="small_group_memberships",
    )
    started_on = models.DateField(_("วันที่เข้ากลุ่ม"))
    ended_on = models.DateField(_("วันที่ออกจากกลุ่ม"), null=True, blank=True)

    objects = SmallGroupMembershipQuerySet.as_manager()

    history = audit.history()

    class Meta:
        verbose_name = _("สมาชิกกลุ่มย่อย")
        verbose_name_plural = _("สมาชิกกลุ่มย่อย")
        ordering = ["small_group", "member__first_name"]
        constraints = [
            # A member is in at most one small group at a time.
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(ended_on__isnull=True),
                name="membership_one_current_group_per_member",
                violation_error_message=_("สมาชิกคนนี้อยู่ในกลุ่มย่อยอื่นแล้ว ให้บันทึกวันที่ออกจากกลุ่มเดิมก่อน"),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="membership_ends_after_start",
                violation_error_message=_("วันที่ออกจากกลุ่มต้องไม่ก่อนวันที่เข้ากลุ่ม"),
            ),
        ]
        # The ten-member cap is also held by a database trigger (see migration 0002), because
        # two officers adding at once would both pass a count made in Python. This index is
        # what its count reads: a group's current rows only, whatever the table's size.
        indexes = [
            models.Index(
                fields=["small_group"],
                condition=Q(ended_on__isnull=True),
                name="membership_current_by_group",
            )
        ]

    def __str__(self):
        return f"{self.member} — {self.small_group.name}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    def joins_group(self) -> bool:
        """New, or moved to another group or member: not merely given an end date."""
        if self.pk is None:
            return True
        stored = (
            SmallGroupMembership.objects.filter(pk=self.pk)
            .values_list("small_group_id", "member_id")
            .first()
        )
        return stored != (self.small_group_id, self.member_id)

    def clean(self):
        if not (self.small_group_id and self.member_id):
            return
        # The pay unit is checked when a member joins a group. A member posted elsewhere later
        # keeps the place (DOMAIN.md) until the three-party committee approves a move.
        if self.joins_group() and self.member.pay_unit_id != self.small_group.pay_unit_id:
            raise ValidationError(
                {
                    "member": ValidationError(
                        _(
                            "%(member)s สังกัด %(member_unit)s แต่กลุ่มย่อยนี้เป็นของ %(group_unit)s: "
                            "สมาชิกในกลุ่มย่อยต้องสังกัดหน่วยงานเดียวกัน เลือกกลุ่มย่อยของ "
                            "%(member_unit)s หรือแก้หน่วยงานสังกัดของสมาชิกก่อน"
                        ),
                        code="pay_unit_mismatch",
                        params={
                            "member": self.member.choice_label,
                            "member_unit": self.member.pay_unit.choice_label,
                            "group_unit": self.small_group.pay_unit.choice_label,
                        },
                    )
                }
            )
        if self.ended_on is None:
            others = SmallGroupMembership.objects.filter(
                CURRENT, small_group_id=self.small_group_id
            ).exclude(pk=self.pk)
            if others.count() >= SMALL_GROUP_MAX_MEMBERS:
                raise small_group_full_error(self.small_group)
