"""The network hierarchy (nation → region → province → area) and the districts of a province."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import audit
from core.scope import Scope, ScopedQuerySet


class Level(models.IntegerChoices):
    # Numbers grow downwards so "one level up" is always level - 1.
    NATION = 1, _("เครือข่ายประเทศ")
    REGION = 2, _("เครือข่ายภาค")
    PROVINCE = 3, _("เครือข่ายจังหวัด")
    AREA = 4, _("เครือข่ายเขตพื้นที่การศึกษา")


class NetworkQuerySet(ScopedQuerySet):
    def provinces(self):
        return self.filter(level=Level.PROVINCE)

    def areas(self):
        return self.filter(level=Level.AREA)

    def scope_filter(self, scope: Scope) -> Q:
        """The nodes at or below the user's network places, and the areas of their large groups."""
        query = scope.network_q()
        if scope.large_groups:
            areas = scope.held_large_groups().values("area_id")
            query |= Q(pk__in=areas)
        return query

    def descendants_of(self, network: "Network"):
        """The network itself and every node below it (at most three levels)."""
        return self.at_or_below([network.pk])

    def at_or_below(self, pks):
        """The nodes with these ids and every node below them, in one query: a node's parent is
        exactly one level up, so four levels mean at most three parents between."""
        pks = sorted(pks)
        query = Q(pk__in=pks)
        path = "parent"
        for _depth in range(Level.AREA - Level.NATION):
            query |= Q(**{f"{path}_id__in": pks})
            path += "__parent"
        return self.filter(query)


class Network(models.Model):
    """One node of the hierarchy; an area network is an educational service area office."""

    name = models.CharField(_("ชื่อเครือข่าย"), max_length=200, db_collation="thai")
    short_name = models.CharField(
        _("ชื่อย่อ"),
        max_length=60,
        blank=True,
        help_text=_("เช่น สพป.กพ. เขต 1"),
        db_collation="thai",
    )
    level = models.PositiveSmallIntegerField(_("ระดับ"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("เครือข่ายระดับเหนือขึ้นไป"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
    )
    office_name = models.CharField(
        _("สำนักงานเขตพื้นที่การศึกษา"),
        max_length=200,
        blank=True,
        help_text=_("สำหรับเครือข่ายเขตพื้นที่: ชื่อเต็มของสำนักงานเขตพื้นที่การศึกษา"),
    )

    objects = NetworkQuerySet.as_manager()

    history = audit.history()

    class Meta:
        verbose_name = _("เครือข่าย")
        verbose_name_plural = _("เครือข่าย")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["level", "name"], name="network_unique_name_per_level"),
            models.CheckConstraint(
                condition=~Q(level=Level.NATION) | Q(parent__isnull=True),
                name="network_nation_has_no_parent",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="network_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.short_name or self.name

    def clean(self):
        # Parent exactly one level up and children exactly one level down: levels then strictly
        # grow downwards along every edge, so no cycle can form.
        if self.pk and self.children.exclude(level=self.level + 1).exists():
            raise ValidationError(
                {
                    "level": ValidationError(
                        _("เครือข่ายนี้มีเครือข่ายย่อยอยู่ จึงเปลี่ยนระดับไม่ได้: ย้ายเครือข่ายย่อยไปสังกัดเครือข่ายอื่นก่อน"),
                        code="children_level",
                    )
                }
            )
        if self.parent_id is None:
            return
        if self.parent.level != self.level - 1:
            expected = Level(self.level - 1).label if self.level > Level.NATION else None
            if expected is None:
                message = _("เครือข่ายประเทศเป็นระดับสูงสุด จึงไม่มีเครือข่ายระดับเหนือขึ้นไป")
            else:
                message = _(
                    "เครือข่ายระดับเหนือขึ้นไปต้องเป็น%(expected)s (สูงกว่าหนึ่งระดับพอดี) แต่ที่เลือกไว้เป็น%(actual)s"
                )
            raise ValidationError(
                {
                    "parent": ValidationError(
                        message,
                        code="parent_level",
                        params={"expected": expected, "actual": self.parent.get_level_display()},
                    )
                }
            )


class DistrictQuerySet(ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        """The districts of a province in scope, and those of the large groups in scope."""
        groups = scope.large_groups_in_scope().values("district_id")
        return scope.network_q("province") | Q(pk__in=groups)


class District(models.Model):
    """An อำเภอ of a province: large groups are formed district by district."""

    name = models.CharField(_("ชื่ออำเภอ"), max_length=100, db_collation="thai")
    province = models.ForeignKey(
        Network,
        verbose_name=_("จังหวัด"),
        on_delete=models.PROTECT,
        related_name="districts",
        limit_choices_to={"level": Level.PROVINCE},
    )

    objects = DistrictQuerySet.as_manager()

    history = audit.history()

    class Meta:
        verbose_name = _("อำเภอ")
        verbose_name_plural = _("อำเภอ")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name"], name="district_unique_per_province"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.province_id and self.province.level != Level.PROVINCE:
            raise ValidationError(
                {
                    "province": ValidationError(
                        _("อำเภอต้องสังกัดเครือข่ายระดับจังหวัด"), code="district_province"
                    )
                }
            )
