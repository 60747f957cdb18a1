"""Loans of members, their co-guarantors from the borrower's small group, and their approvals."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core import audit
from core.scope import Scope, ScopedQuerySet
from groups.models import CommitteeSeat, SmallGroupMembership
from members.models import Member

from ..months import thai_date
from ..thresholds import MonitorStatus

MAX_TERM_MONTHS = 360


class LoanStatus(models.TextChoices):
    ACTIVE = "active", _("ระหว่างผ่อนชำระ")
    CLOSED = "closed", _("ปิดบัญชีแล้ว")
    WRITTEN_OFF = "written_off", _("ตัดเป็นหนี้สูญ")


# Approved by the large group's committee, and by the provincial committee when the gate asked.
APPROVED = Q(committee_approved_on__isnull=False) & (
    Q(provincial_approval_required=False) | Q(provincial_approved_on__isnull=False)
)


def borrowers_in(scope: Scope):
    return Member.objects.filter(Member.objects.scope_filter(scope)).values("pk")


class LoanQuerySet(ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        """Loans whose borrower the user sees (core.scope)."""
        return Q(borrower_id__in=borrowers_in(scope))

    def approved(self):
        return self.filter(APPROVED)

    def awaiting_approval(self):
        return self.exclude(APPROVED)

    def active(self):
        return self.filter(status=LoanStatus.ACTIVE)

    def active_on(self, day):
        """Loans running on a day: started, and not closed or written off by then.

        Reads the dates, not the status, so a month computed again after a loan closed still
        counts the loan in the months it ran.
        """
        return self.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day), start_date__lte=day)


def current_small_group_membership(member_id: int) -> SmallGroupMembership | None:
    # At most one current membership (a partial unique constraint): ordered by the key alone,
    # not by the model's ordering, which joins the member, the large group and the district.
    return (
        SmallGroupMembership.objects.filter(member_id=member_id, ended_on__isnull=True)
        .select_related("small_group__large_group__area")
        .order_by("pk")
        .first()
    )


class Loan(models.Model):
    """A loan of the bank to one member, co-guaranteed by members of the borrower's small group."""

    borrower = models.ForeignKey(
        "members.Member", verbose_name=_("ผู้กู้"), on_delete=models.PROTECT, related_name="loans"
    )
    contract_number = models.CharField(
        _("เลขที่สัญญา"),
        max_length=30,
        unique=True,
        help_text=_("เลขที่สัญญาเงินกู้ตามที่ธนาคารออกให้ ตรงกับคอลัมน์ contract_number ในรายงานของธนาคาร"),
        error_messages={"unique": _("มีสัญญาเลขที่นี้อยู่แล้ว ตรวจสอบเลขที่สัญญาอีกครั้ง")},
    )
    amount = models.DecimalField(_("วงเงินกู้ (บาท)"), max_digits=12, decimal_places=2)
    start_date = models.DateField(_("วันที่เริ่มสัญญา"))
    term_months = models.PositiveSmallIntegerField(
        _("ระยะเวลาผ่อน (เดือน)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TERM_MONTHS)],
    )
    monthly_instalment = models.DecimalField(
        _("ค่างวดต่อเดือน (บาท)"), max_digits=12, decimal_places=2
    )
    status = models.CharField(
        _("สถานะสัญญา"), max_length=20, choices=LoanStatus.choices, default=LoanStatus.ACTIVE
    )
    closed_on = models.DateField(
        _("วันที่ปิดบัญชี/ตัดหนี้สูญ"),
        null=True,
        blank=True,
        help_text=_("กรอกเมื่อสถานะเป็นปิดบัญชีแล้วหรือตัดเป็นหนี้สูญ"),
    )
    guarantors = models.ManyToManyField(
        "members.Member",
        through="LoanGuarantor",
        verbose_name=_("ผู้ค้ำประกัน"),
        related_name="guaranteed_loans",
    )
    committee_approved_by = models.ForeignKey(
        CommitteeSeat,
        verbose_name=_("กรรมการกลุ่มใหญ่ผู้อนุมัติ"),
        on_delete=models.PROTECT,
        related_name="approved_loans",
        null=True,
        blank=True,
    )
    committee_approved_on = models.DateField(_("วันที่คณะกรรมการกลุ่มใหญ่อนุมัติ"), null=True, blank=True)
    approval_reference = models.CharField(
        _("อ้างอิงมติอนุมัติ"), max_length=100, blank=True, help_text=_("เช่น มติที่ประชุมครั้งที่ 3/2568")
    )
    # Set by the expansion gate when the loan was created; kept so the reason stays readable.
    gate_status = models.CharField(
        _("สถานะกลุ่มใหญ่เมื่อยื่นกู้"),
        max_length=20,
        choices=MonitorStatus.choices,
        blank=True,
        editable=False,
    )
    gate_month = models.DateField(_("เดือนของข้อมูลที่ใช้ตรวจ"), null=True, blank=True, editable=False)
    provincial_approval_required = models.BooleanField(
        _("ต้องได้รับอนุมัติจากคณะกรรมการจังหวัด"), default=False, editable=False
    )
    provincial_approved_by = models.ForeignKey(
        CommitteeSeat,
        verbose_name=_("กรรมการจังหวัดผู้อนุมัติ"),
        on_delete=models.PROTECT,
        related_name="provincially_approved_loans",
        null=True,
        blank=True,
    )
    provincial_approved_on = models.DateField(_("วันที่คณะกรรมการจังหวัดอนุมัติ"), null=True, blank=True)
    created_at = models.DateTimeField(_("บันทึกเมื่อ"), auto_now_add=True)

    objects = LoanQuerySet.as_manager()

    history = audit.history()

    class Meta:
        verbose_name = _("สัญญาเงินกู้")
        verbose_name_plural = _("สัญญาเงินกู้")
        ordering = ["-start_date", "contract_number"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="loan_amount_positive"),
            models.CheckConstraint(
                condition=Q(monthly_instalment__gt=0) & Q(monthly_instalment__lte=F("amount")),
                name="loan_instalment_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(term_months__gte=1) & Q(term_months__lte=MAX_TERM_MONTHS),
                name="loan_term_in_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=LoanStatus.values), name="loan_status_valid"
            ),
            models.CheckConstraint(
                condition=(Q(status=LoanStatus.ACTIVE) & Q(closed_on__isnull=True))
                | (~Q(status=LoanStatus.ACTIVE) & Q(closed_on__isnull=False)),
                name="loan_closed_on_matches_status",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("start_date")),
                name="loan_closes_after_start",
            ),
            models.CheckConstraint(
                condition=Q(committee_approved_by__isnull=True, committee_approved_on__isnull=True)
                | Q(committee_approved_by__isnull=False, committee_approved_on__isnull=False),
                name="loan_committee_approval_complete",
            ),
            models.CheckConstraint(
                condition=Q(
                    provincial_approved_by__isnull=True, provincial_approved_on__isnull=True
                )
                | Q(provincial_approved_by__isnull=False, provincial_approved_on__isnull=False),
                name="loan_provincial_approval_complete",
            ),
        ]
        indexes = [models.Index(fields=["borrower", "start_date"], name="loan_borrower_start_idx")]

    def __str__(self):
        return _("สัญญา %(number)s") % {"number": self.contract_number}

    @property
    def is_approved(self) -> bool:
        if self.committee_approved_on is None:
            return False
        return not self.provincial_approval_required or self.provincial_approved_on is not None

    def clean(self):
        errors = {}
        if self.status == LoanStatus.ACTIVE and self.closed_on:
            errors["closed_on"] = _("สัญญาที่ยังผ่อนชำระอยู่ต้องไม่มีวันที่ปิดบัญชี ลบวันที่ออก หรือเปลี่ยนสถานะ")
        if self.status != LoanStatus.ACTIVE and not self.closed_on:
            errors["closed_on"] = _("กรอกวันที่ปิดบัญชีหรือวันที่ตัดหนี้สูญ (สถานะ “%(status)s”)") % {
                "status": self.get_status_display()
            }
        if self.closed_on and self.start_date and self.closed_on < self.start_date:
            errors["closed_on"] = _("วันที่ปิดบัญชีต้องไม่ก่อนวันที่เริ่มสัญญา (%(start)s)") % {
                "start": thai_date(self.start_date)
            }
        if self.amount is not None and self.monthly_instalment is not None:
            if self.amount <= 0:
                errors["amount"] = _("วงเงินกู้ต้องมากกว่า 0 บาท")
            if self.monthly_instalment <= 0:
                errors["monthly_instalment"] = _("ค่างวดต้องมากกว่า 0 บาท")
            elif self.monthly_instalment > self.amount:
                errors["monthly_instalment"] = _("ค่างวดต่อเดือนต้องไม่เกินวงเงินกู้")
        errors.update(self._approval_errors())
        if errors:
            raise ValidationError(errors)

    def _approval_errors(self) -> dict:
        errors = {}
        pairs = [
            ("committee_approved_by", "committee_approved_on"),
            ("provincial_approved_by", "provincial_approved_on"),
        ]
        for seat_field, date_field in pairs:
            has_seat = getattr(self, f"{seat_field}_id") is not None
            has_date = getattr(self, date_field) is not None
            if has_seat and not has_date:
                errors[date_field] = _("กรอกวันที่อนุมัติคู่กับผู้อนุมัติ")
            if has_date and not has_seat:
                errors[seat_field] = _("เลือกกรรมการผู้อนุมัติคู่กับวันที่อนุมัติ")
        if errors or not self.borrower_id:
            return errors
        if self.provincial_approved_by_id and not self.provincial_approval_required:
            errors["provincial_approved_by"] = _(
                "สัญญานี้ไม่ต้องได้รับอนุมัติจากคณะกรรมการจังหวัด (กลุ่มใหญ่ไม่ได้อยู่ในสถานะชะลอการขยายโครงการเมื่อยื่นกู้) "
                "ลบผู้อนุมัติระดับจังหวัดออก"
            )
            return errors
        membership = current_small_group_membership(self.borrower_id)
        large_group = membership.small_group.large_group if membership else None
        if self.committee_approved_by_id:
            seat = self.committee_approved_by
            error = seat_error(
                seat=seat,
                on=self.committee_approved_on,
                borrower_id=self.borrower_id,
                on_committee=large_group is not None
                and seat.committee.large_group_id == large_group.pk,
                committee_name=_("คณะกรรมการ%(group)s") % {"group": large_group}
                if large_group
                else _("คณะกรรมการกลุ่มใหญ่ของผู้กู้"),
            )
            if error:
                errors["committee_approved_by"] = error
        if self.provincial_approved_by_id:
            seat = self.provincial_approved_by
            province_id = large_group.area.parent_id if large_group else None
            error = seat_error(
                seat=seat,
                on=self.provincial_approved_on,
                borrower_id=self.borrower_id,
                on_committee=province_id is not None and seat.committee.network_id == province_id,
                committee_name=_("คณะกรรมการเครือข่ายจังหวัด"),
            )
            if error:
                errors["provincial_approved_by"] = error
        return errors


def seat_error(*, seat, on, borrower_id, on_committee: bool, committee_name) -> str | None:
    """Why a committee seat may not approve this loan on that day, or None when it may.

    on_committee: whether the seat is on the committee that must approve (the borrower's large
    group's, or the province's)."""
    if not on_committee:
        return _("ผู้อนุมัติต้องเป็นกรรมการใน%(committee)s: เลือกตำแหน่งกรรมการของคณะนั้น") % {
            "committee": committee_name
        }
    if seat.term_start > on or (seat.term_end is not None and seat.term_end < on):
        return _(
            "%(member)s ไม่ได้ดำรงตำแหน่งกรรมการในวันที่อนุมัติ (%(on)s): วาระคือ %(start)s ถึง %(end)s "
            "เลือกกรรมการที่อยู่ในวาระ หรือแก้วันที่อนุมัติ"
        ) % {
            "member": seat.member.choice_label,
            "on": thai_date(on),
            "start": thai_date(seat.term_start),
            "end": thai_date(seat.term_end) if seat.term_end else _("ปัจจุบัน"),
        }
    if seat.member_id == borrower_id:
        return _("ผู้กู้อนุมัติเงินกู้ของตนเองไม่ได้: เลือกกรรมการคนอื่น")
    return None


class LoanGuarantorQuerySet(ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        return Q(loan__borrower_id__in=borrowers_in(scope))


class LoanGuarantor(models.Model):
    """One co-guarantor of a loan: a member of the borrower's own small group."""

    loan = models.ForeignKey(
        Loan, verbose_name=_("สัญญาเงินกู้"), on_delete=models.CASCADE, related_name="guarantees"
    )
    guarantor = models.ForeignKey(
        "members.Member",
        verbose_name=_("ผู้ค้ำประกัน"),
        on_delete=models.PROTECT,
        related_name="guarantees",
    )

    objects = LoanGuarantorQuerySet.as_manager()

    history = audit.history()

    class Meta:
        verbose_name = _("ผู้ค้ำประกัน")
        verbose_name_plural = _("ผู้ค้ำประกัน")
        constraints = [
            models.UniqueConstraint(
                fields=["loan", "guarantor"],
                name="guarantor_once_per_loan",
                violation_error_message=_("สมาชิกคนนี้เป็นผู้ค้ำประกันสัญญานี้อยู่แล้ว"),
            ),
        ]

    def __str__(self):
        return f"{self.guarantor} ค้ำ {self.loan}"

    def clean(self):
        if not (self.loan_id and self.guarantor_id):
            return
        error = guarantor_error(borrower=self.loan.borrower, guarantor=self.guarantor)
        if error:
            raise ValidationError({"guarantor": error})


def guarantor_error(*, borrower, guarantor) -> str | None:
    """Why this member may not guarantee this borrower's loan, or None when they may."""
    errors = guarantor_errors(borrower=borrower, guarantors=[guarantor])
    return errors[0] if errors else None


def guarantor_errors(*, borrower, guarantors) -> list[str]:
    """Why each of these members may not guarantee this borrower's loan (empty when all may),
    in their order: one query for the current small groups of all of them."""
    others = [guarantor for guarantor in guarantors if guarantor.pk != borrower.pk]
    places = {}
    if others:
        places = {
            membership.member_id: membership
            for membership in SmallGroupMembership.objects.filter(
                member_id__in=[borrower.pk, *(guarantor.pk for guarantor in others)],
                ended_on__isnull=True,
            )
            .select_related("small_group__large_group")
            .order_by()  # the model's ordering would join the member and the district
        }
    own = places.get(borrower.pk)
    if others and own is None:
        return [
            _(
                "%(borrower)s ยังไม่ได้อยู่ในกลุ่มย่อยใด: ผู้ค้ำประกันต้องเป็นสมาชิกกลุ่มย่อยเดียวกับผู้กู้ "
                "ให้บันทึกผู้กู้เข้ากลุ่มย่อยก่อน"
            )
            % {"borrower": borrower.choice_label}
        ]
    errors = []
    for guarantor in guarantors:
        if guarantor.pk == borrower.pk:
            errors.append(_("ผู้กู้ค้ำประกันเงินกู้ของตนเองไม่ได้: เลือกสมาชิกคนอื่นในกลุ่มย่อยเดียวกัน"))
            continue
        theirs = places.get(guarantor.pk)
        if theirs is None or theirs.small_group_id != own.small_group_id:
            errors.append(
                _(
                    "%(guarantor)s ไม่ได้อยู่ใน%(group)s ของ%(large)s ซึ่งเป็นกลุ่มย่อยของผู้กู้: "
                    "ผู้ค้ำประกันต้องเป็นสมาชิกกลุ่มย่อยเดียวกับผู้กู้"
                )
                % {
                    "guarantor": guarantor.choice_label,
                    "group": own.small_group.name,
                    "large": own.small_group.large_group,
                }
            )
    return errors
