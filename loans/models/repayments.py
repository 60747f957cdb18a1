"""The bank's monthly repayment report: one row per contract and month, and each file imported."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core import audit
from core.scope import Scope, ScopedQuerySet


class RepaymentQuerySet(ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        from .loans import borrowers_in

        return Q(loan__borrower_id__in=borrowers_in(scope))


class RepaymentImportQuerySet(ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        """The user's own imports, and those that wrote a row of a loan in scope."""
        rows = Repayment.objects.filter(
            Repayment.objects.scope_filter(scope), source_id=OuterRef("pk")
        )
        return Q(imported_by_id=scope.user_id) | Exists(rows)


class Repayment(models.Model):
    """What the bank reported for one contract in one month, as at the month's last day.

    days_past_due is the bank's count at the month's end of how long the oldest unpaid instalment
    has been overdue (0 when nothing is overdue); when a report gives the dates instead, the
    importer derives it (loans.importers.rows.assess). The default rule reads only this number,
    so a month computed again always gives the same answer.
    """

    loan = models.ForeignKey(
        "loans.Loan",
        verbose_name=_("สัญญาเงินกู้"),
        on_delete=models.PROTECT,
        related_name="repayments",
    )
    month = models.DateField(_("เดือน"), help_text=_("วันที่ 1 ของเดือนที่รายงาน"))
    amount_due = models.DecimalField(_("ยอดที่ต้องชำระ (บาท)"), max_digits=12, decimal_places=2)
    amount_paid = models.DecimalField(_("ยอดที่ชำระ (บาท)"), max_digits=12, decimal_places=2)
    due_date = models.DateField(_("วันครบกำหนดชำระ"), null=True, blank=True)
    paid_on = models.DateField(_("วันที่ชำระ"), null=True, blank=True)
    days_past_due = models.PositiveIntegerField(_("จำนวนวันค้างชำระ ณ สิ้นเดือน"))
    paid_in_full_on_time = models.BooleanField(_("ชำระครบและตรงเวลา"))
    source = models.ForeignKey(
        "loans.RepaymentImport",
        verbose_name=_("นำเข้าจากไฟล์"),
        on_delete=models.SET_NULL,
        related_name="repayments",
        null=True,
        blank=True,
    )

    objects = RepaymentQuerySet.as_manager()

    history = audit.history()

    class Meta:
        verbose_name = _("รายการชำระคืน")
        verbose_name_plural = _("รายการชำระคืน")
        ordering = ["-month", "loan__contract_number"]
        constraints = [
            models.UniqueConstraint(fields=["loan", "month"], name="repayment_one_per_loan_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="repayment_month_first_day"),
            models.CheckConstraint(
                condition=Q(amount_due__gte=0) & Q(amount_paid__gte=0),
                name="repayment_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(paid_in_full_on_time=False) | Q(days_past_due=0),
                name="repayment_on_time_means_not_overdue",
            ),
        ]
        indexes = [
            models.Index(fields=["month", "days_past_due"], name="repayment_month_dpd_idx"),
        ]

    def __str__(self):
        return f"{self.loan.contract_number} {self.month:%Y-%m}"

    @property
    def months_past_due(self) -> int:
        """Whole months overdue, as officers say it (30 days a month, like the bank)."""
        return self.days_past_due // 30


class RepaymentImport(models.Model):
    """One bank report file committed to the database (dry runs leave no record)."""

    file_name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    sha256 = models.CharField(_("รหัสตรวจสอบไฟล์ (SHA-256)"), max_length=64, db_index=True)
    file_format = models.CharField(_("รูปแบบ"), max_length=10)
    encoding = models.CharField(_("การเข้ารหัสอักขระ"), max_length=20, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ผู้นำเข้า"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("นำเข้าเมื่อ"), auto_now_add=True)
    rows_total = models.PositiveIntegerField(_("จำนวนแถว"))
    rows_created = models.PositiveIntegerField(_("เพิ่มใหม่"))
    rows_updated = models.PositiveIntegerField(_("แก้ไข"))
    rows_unchanged = models.PositiveIntegerField(_("ไม่เปลี่ยนแปลง"))
    months = models.JSONField(_("เดือนในไฟล์"), default=list)

    objects = RepaymentImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("ประวัติการนำเข้ารายงานการชำระคืน")
        verbose_name_plural = _("ประวัติการนำเข้ารายงานการชำระคืน")
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"
