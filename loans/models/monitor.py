"""The monitor's monthly snapshots per large group and per network, the alerts they raised, and
each month's completeness (the bank's rows still missing, and the officer's closing)."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from core import audit
from core.scope import Scope, ScopedQuerySet

from ..thresholds import Figures, MonitorStatus

# A month counts once every running approved loan has the bank's row for it, or once an officer
# closed it as complete (the bank's file is final though some rows never come).
COMPLETE = Q(missing_loans=0) | Q(closed_at__isnull=False)


class ReportMonthQuerySet(models.QuerySet):
    def complete(self):
        return self.filter(COMPLETE)

    def provisional(self):
        return self.exclude(COMPLETE)


class ReportMonth(models.Model):
    """A month the monitor computed: the running loans without the bank's row for it, and the
    officer's closing of the month as complete (who, when, why; kept by its history).

    compute_month rewrites missing_loans and computed_at every time (derived from the bank's rows,
    like the snapshots, so not history); closing goes through loans.services.close_month, whose
    history row carries the reason. Computing a month again never undoes a closing.
    """

    month = models.DateField(_("เดือน"), unique=True)
    missing_loans = models.PositiveIntegerField(
        _("สัญญาที่ยังไม่มีรายการชำระ"),
        help_text=_("สัญญาที่อนุมัติแล้วและยังผ่อนอยู่ ณ สิ้นเดือน แต่ยังไม่มีรายการชำระของเดือนนี้จากธนาคาร"),
    )
    computed_at = models.DateTimeField(_("คำนวณเมื่อ"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ผู้ปิดเดือน"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("ปิดเดือนเมื่อ"), null=True, blank=True)
    close_reason = models.TextField(_("เหตุผลที่ปิดเดือน"), blank=True)

    objects = ReportMonthQuerySet.as_manager()

    history = audit.history()

    class Meta:
        verbose_name = _("เดือนรายงาน")
        verbose_name_plural = _("เดือนรายงาน")
        ordering = ["-month"]
        permissions = [("close_reportmonth", _("ปิดเดือนรายงานว่าครบถ้วน"))]
        constraints = [
            models.CheckConstraint(condition=Q(month__day=1), name="report_month_first_day"),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | ~Q(close_reason=""),
                name="report_month_closed_with_reason",
            ),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m}"

    @property
    def complete(self) -> bool:
        return self.missing_loans == 0 or self.closed_at is not None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


class SnapshotQuerySet(models.QuerySet):
    def for_month(self, month):
        return self.filter(month=month)

    def complete(self):
        """Rows of complete months only: what the gate and the alerts read."""
        return self.filter(Exists(ReportMonth.objects.complete().filter(month=OuterRef("month"))))

    def with_month_complete(self):
        """Each row annotated with `month_complete` (a subquery, no extra query)."""
        return self.annotate(
            month_complete=Exists(ReportMonth.objects.complete().filter(month=OuterRef("month")))
        )

    def months(self):
        """The months that have snapshots, newest first."""
        return self.order_by("-month").values_list("month", flat=True).distinct()

    def by_severity(self):
        """Worst first: stop, slow-down, watch, eligible, no borrowers; then the highest rate."""
        severity = models.Case(
            *(
                models.When(status=status, then=rank)
                for rank, status in enumerate(
                    [
                        MonitorStatus.STOP,
                        MonitorStatus.SLOW_DOWN,
                        MonitorStatus.WATCH,
                        MonitorStatus.ELIGIBLE,
                        MonitorStatus.NO_BORROWERS,
                    ]
                )
            ),
            output_field=models.IntegerField(),
        )
        # Integer per-million rate for ordering only; status is never decided from it. In 64
        # bits: PostgreSQL multiplies two integers in 32, past 2,147 defaulters.
        rate = models.Case(
            models.When(borrowers=0, then=0),
            default=Cast("defaulters", models.BigIntegerField()) * 1_000_000 / F("borrowers"),
            output_field=models.BigIntegerField(),
        )
        return self.alias(severity_rank=severity, rate_order=rate).order_by(
            "severity_rank", "-rate_order", "-defaulters", "pk"
        )


class LargeGroupSnapshotQuerySet(SnapshotQuerySet, ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        return scope.large_group_q("large_group")


class NetworkSnapshotQuerySet(SnapshotQuerySet, ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        return scope.network_q("network")


class StatusTransitionQuerySet(ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        return scope.large_group_q("large_group")


class Snapshot(models.Model):
    month = models.DateField(_("เดือน"))
    borrowers = models.PositiveIntegerField(_("ผู้กู้ (คน)"))
    defaulters = models.PositiveIntegerField(_("ผู้กู้ผิดนัดชำระ (คน)"))
    on_time_borrowers = models.PositiveIntegerField(_("ผู้กู้ที่ชำระครบตรงเวลา (คน)"))
    status = models.CharField(_("สถานะ"), max_length=20, choices=MonitorStatus.choices)
    default_days = models.PositiveSmallIntegerField(
        _("เกณฑ์วันค้างชำระ"), help_text=_("ผิดนัดเมื่อค้างชำระเกินจำนวนวันนี้ ณ วันคำนวณ")
    )
    computed_at = models.DateTimeField(_("คำนวณเมื่อ"))
    missing_loans = models.PositiveIntegerField(
        _("สัญญาที่ยังไม่มีรายการชำระ"),
        default=0,
        help_text=_("สัญญาของผู้กู้ในกลุ่มที่ยังไม่มีรายการชำระของเดือนนี้จากธนาคาร"),
    )

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def figures(self) -> Figures:
        return Figures(
            borrowers=self.borrowers,
            defaulters=self.defaulters,
            on_time_borrowers=self.on_time_borrowers,
        )


def snapshot_checks(prefix: str) -> list:
    return [
        models.CheckConstraint(
            condition=Q(defaulters__lte=F("borrowers")) & Q(on_time_borrowers__lte=F("borrowers")),
            name=f"{prefix}_counts_within_borrowers",
        ),
        models.CheckConstraint(condition=Q(month__day=1), name=f"{prefix}_month_first_day"),
    ]


class LargeGroupSnapshot(Snapshot):
    """A large group's borrowers, defaulters and status in one month."""

    large_group = models.ForeignKey(
        "groups.LargeGroup",
        verbose_name=_("กลุ่มใหญ่"),
        on_delete=models.CASCADE,
        related_name="loan_snapshots",
        # lg_snapshot_group_month (large group, month) serves every lookup by group: a second
        # index would only slow the writing of a month's twelve thousand rows.
        db_index=False,
    )

    objects = LargeGroupSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("สถานะรายเดือนของกลุ่มใหญ่")
        verbose_name_plural = _("สถานะรายเดือนของกลุ่มใหญ่")
        ordering = ["-month", "large_group__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "large_group"], name="large_group_snapshot_one_per_month"
            ),
            *snapshot_checks("large_group_snapshot"),
        ]
        indexes = [models.Index(fields=["large_group", "month"], name="lg_snapshot_group_month")]

    def __str__(self):
        return f"{self.large_group} {self.month:%Y-%m}"


class NetworkSnapshot(Snapshot):
    """An area network's (or the province's, or above) sums over its large groups in one month."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("เครือข่าย"),
        on_delete=models.CASCADE,
        related_name="loan_snapshots",
    )
    large_groups = models.PositiveIntegerField(_("จำนวนกลุ่มใหญ่"))

    objects = NetworkSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("สถานะรายเดือนของเครือข่าย")
        verbose_name_plural = _("สถานะรายเดือนของเครือข่าย")
        ordering = ["-month", "network__level", "network__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "network"], name="network_snapshot_one_per_month"
            ),
            *snapshot_checks("network_snapshot"),
        ]

    def __str__(self):
        return f"{self.network} {self.month:%Y-%m}"


class TransitionKind(models.TextChoices):
    WORSENED = "worsened", _("สถานะแย่ลง")
    RECOVERED = "recovered", _("กลับสู่ภาวะปกติ")


class StatusTransition(models.Model):
    """A large group crossing into slow-down or stop, or back to normal: one alert mail each."""

    large_group = models.ForeignKey(
        "groups.LargeGroup",
        verbose_name=_("กลุ่มใหญ่"),
        on_delete=models.CASCADE,
        related_name="loan_status_transitions",
    )
    month = models.DateField(_("เดือน"))
    kind = models.CharField(_("ประเภท"), max_length=20, choices=TransitionKind.choices)
    from_status = models.CharField(
        _("จากสถานะ"),
        max_length=20,
        choices=MonitorStatus.choices,
        blank=True,
        help_text=_("ว่างเมื่อไม่มีข้อมูลเดือนก่อน"),
    )
    to_status = models.CharField(_("เป็นสถานะ"), max_length=20, choices=MonitorStatus.choices)
    borrowers = models.PositiveIntegerField(_("ผู้กู้ (คน)"))
    defaulters = models.PositiveIntegerField(_("ผู้กู้ผิดนัดชำระ (คน)"))
    created_at = models.DateTimeField(_("บันทึกเมื่อ"), auto_now_add=True)
    notify = models.BooleanField(
        _("ต้องส่งอีเมล"),
        default=True,
        help_text=_("ไม่ติ๊กเมื่อคำนวณโดยไม่ส่งอีเมล (เช่น ข้อมูลสาธิต) หรือไม่มีผู้รับที่มีอีเมล"),
    )
    mailed_at = models.DateTimeField(_("ส่งอีเมลเมื่อ"), null=True, blank=True)
    recipients = models.TextField(_("ผู้รับอีเมล"), blank=True)

    objects = StatusTransitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("การเปลี่ยนสถานะของกลุ่มใหญ่")
        verbose_name_plural = _("การเปลี่ยนสถานะของกลุ่มใหญ่")
        ordering = ["-month", "large_group__name"]
        constraints = [
            # Computing a month again finds the same transition and sends nothing more.
            models.UniqueConstraint(
                fields=["large_group", "month", "to_status"], name="transition_once_per_month"
            ),
        ]

    def __str__(self):
        return f"{self.large_group} {self.month:%Y-%m}: {self.from_status} → {self.to_status}"


class MonitorDashboard(LargeGroupSnapshot):
    """No data of its own: puts the monitor's dashboard in the admin's menu (see loans.admin)."""

    class Meta:
        proxy = True
        verbose_name = _("แดชบอร์ดติดตามการผิดนัดชำระ")
        verbose_name_plural = _("แดชบอร์ดติดตามการผิดนัดชำระ")
