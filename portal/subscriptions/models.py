"""Subscribers of the news by e-mail, mailings of news items, and each recipient's delivery."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .addresses import EMAIL_MAX_LENGTH, normalize_email, validate_email_address
from .conf import mail_domain


class MailLanguage(models.TextChoices):
    """The languages a mail is written in (kept here, not taken from LANGUAGES, so that a change
    to the site's languages is a decision about mails too)."""

    THAI = "th", _("ภาษาไทย")
    ENGLISH = "en", _("ภาษาอังกฤษ")


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("รอยืนยัน")
    CONFIRMED = "confirmed", _("ยืนยันแล้ว")
    UNSUBSCRIBED = "unsubscribed", _("ยกเลิกแล้ว")
    BOUNCING = "bouncing", _("อีเมลตีกลับ")


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        """Who gets the news: only addresses whose owner confirmed them."""
        return self.filter(status=SubscriberStatus.CONFIRMED)

    def with_address(self, email: str):
        return self.filter(email=normalize_email(email))

    def count_by_status(self) -> dict[str, int]:
        """Every status with its count, zeros included: one query."""
        counts = dict.fromkeys(SubscriberStatus.values, 0)
        for row in self.order_by().values("status").annotate(n=Count("pk")):
            counts[row["status"]] = row["n"]
        return counts


class Subscriber(models.Model):
    """An address left on the site to receive news; news goes to it once its owner confirmed it."""

    email = models.CharField(
        _("อีเมล"),
        max_length=EMAIL_MAX_LENGTH,
        validators=[validate_email_address],
        help_text=_("เก็บเป็นตัวพิมพ์เล็ก อีเมลเดียวกันมีได้เพียงรายการเดียว"),
    )
    name = models.CharField(_("ชื่อ"), max_length=150, blank=True)
    language = models.CharField(
        _("ภาษาของอีเมล"), max_length=10, choices=MailLanguage.choices, default=MailLanguage.THAI
    )
    status = models.CharField(
        _("สถานะ"),
        max_length=20,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
    )
    # The consent text exactly as shown when the owner last signed up (PDPA record).
    consent_text = models.TextField(_("ข้อความขอความยินยอมที่แสดง"), blank=True)
    created_at = models.DateTimeField(_("ฝากอีเมลเมื่อ"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(_("ส่งอีเมลยืนยันล่าสุดเมื่อ"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("ยืนยันเมื่อ"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("ยกเลิกเมื่อ"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("ตีกลับเมื่อ"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("ผู้รับข่าวทางอีเมล")
        verbose_name_plural = _("ผู้รับข่าวทางอีเมล")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Lower() holds the rule for any write that skipped normalize_email.
            models.UniqueConstraint(
                Lower("email"),
                name="subscriber_email_unique_ignoring_case",
                violation_error_message=_("อีเมลนี้อยู่ในรายชื่อแล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(status__in=SubscriberStatus.values), name="subscriber_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=MailLanguage.values), name="subscriber_language_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=SubscriberStatus.CONFIRMED) | Q(confirmed_at__isnull=False),
                name="subscriber_confirmed_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status"], name="subscriber_status_idx")]

    def __str__(self):
        return self.email

    def clean(self):
        self.email = normalize_email(self.email)


class MailingStatus(models.TextChoices):
    QUEUED = "queued", _("รอส่ง")
    SENDING = "sending", _("กำลังส่ง")
    DONE = "done", _("ส่งครบแล้ว")


class MailingQuerySet(models.QuerySet):
    def unfinished(self):
        return self.exclude(status=MailingStatus.DONE)

    def with_progress(self):
        """Each mailing with its recipients counted per delivery status, in the same query."""
        return self.annotate(
            **{
                f"{status}_count": Count("deliveries", filter=Q(deliveries__status=status))
                for status in DeliveryStatus.values
            }
        )


class Mailing(models.Model):
    """One news item sent by e-mail to the subscribers confirmed when an officer queued it.

    The title, summary and links are copied when it is queued, so every recipient receives the
    same mail even if the news item is edited or removed while the mailing is going out.
    """

    news_item = models.OneToOneField(
        "portal.NewsItem",
        verbose_name=_("ข่าว"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mailing",
        error_messages={"unique": _("ข่าวนี้ส่งทางอีเมลไปแล้ว จึงไม่ส่งซ้ำ")},
    )
    title = models.CharField(_("หัวข้อ"), max_length=200)
    title_en = models.CharField(_("หัวข้อ (อังกฤษ)"), max_length=200, blank=True)
    summary = models.CharField(_("คำโปรย"), max_length=300, blank=True)
    summary_en = models.CharField(_("คำโปรย (อังกฤษ)"), max_length=300, blank=True)
    path_th = models.CharField(_("ลิงก์ข่าว (ไทย)"), max_length=300)
    path_en = models.CharField(_("ลิงก์ข่าว (อังกฤษ)"), max_length=300)
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=MailingStatus.choices, default=MailingStatus.QUEUED
    )
    recipient_count = models.PositiveIntegerField(_("จำนวนผู้รับ"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ผู้สั่งส่ง"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("สั่งส่งเมื่อ"), auto_now_add=True)
    started_at = models.DateTimeField(_("เริ่มส่งเมื่อ"), null=True, blank=True)
    finished_at = models.DateTimeField(_("ส่งครบเมื่อ"), null=True, blank=True)
    # The one scheduled task allowed to work on this mailing (see delivery.schedule_run).
    wakeup = models.CharField(max_length=32, blank=True, editable=False)

    objects = MailingQuerySet.as_manager()

    class Meta:
        verbose_name = _("การส่งข่าวทางอีเมล")
        verbose_name_plural = _("การส่งข่าวทางอีเมล")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MailingStatus.values), name="mailing_status_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("admin:subscriptions_mailing_change", args=[self.pk])

    def title_in(self, language: str) -> str:
        return (self.title_en if language == "en" else "") or self.title

    def summary_in(self, language: str) -> str:
        return (self.summary_en if language == "en" else "") or self.summary

    def path_in(self, language: str) -> str:
        return self.path_en if language == "en" else self.path_th


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("รอส่ง")
    SENDING = "sending", _("กำลังส่ง")
    SENT = "sent", _("ส่งแล้ว")
    RETRY = "retry", _("รอส่งใหม่")
    FAILED = "failed", _("ส่งไม่สำเร็จ")
    BOUNCED = "bounced", _("ตีกลับถาวร")
    SKIPPED = "skipped", _("ไม่ส่ง (เลิกรับข่าวแล้ว)")


PENDING_DELIVERY_STATUSES = (DeliveryStatus.QUEUED, DeliveryStatus.SENDING, DeliveryStatus.RETRY)


class DeliveryQuerySet(models.QuerySet):
    def pending(self):
        """Deliveries not settled yet: waiting, being sent, or waiting for another attempt."""
        return self.filter(status__in=PENDING_DELIVERY_STATUSES)

    def claimable(self, now):
        """What a worker may take now: waiting, due for a retry, or left by a worker that died.

        A "sending" row whose claim ran out belonged to a worker that stopped before recording
        the outcome; it is sent again (under the same Message-ID).
        """
        return self.filter(
            Q(status=DeliveryStatus.QUEUED)
            | Q(status=DeliveryStatus.RETRY, next_attempt_at__lte=now)
            | Q(status=DeliveryStatus.SENDING, claimed_until__lt=now)
        )


class Delivery(models.Model):
    """One mailing to one subscriber: created once when the mailing is queued, sent at most once."""

    mailing = models.ForeignKey(
        Mailing, verbose_name=_("การส่ง"), on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("ผู้รับ"), on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("จำนวนครั้งที่พยายามส่ง"), default=0)
    # Which worker run holds the row and until when; a run writes an outcome only under its token.
    claim_token = models.CharField(max_length=32, blank=True, editable=False)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    next_attempt_at = models.DateTimeField(_("ส่งใหม่หลัง"), null=True, blank=True)
    sent_at = models.DateTimeField(_("ส่งเมื่อ"), null=True, blank=True)
    last_error = models.CharField(_("ข้อผิดพลาดล่าสุด"), max_length=500, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("การส่งถึงผู้รับ")
        verbose_name_plural = _("การส่งถึงผู้รับ")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "subscriber"], name="delivery_once_per_subscriber"
            ),
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values), name="delivery_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=DeliveryStatus.SENT) | Q(sent_at__isnull=False),
                name="delivery_sent_has_time",
            ),
        ]
        indexes = [models.Index(fields=["mailing", "status"], name="delivery_mailing_status_idx")]

    def __str__(self):
        return f"{self.mailing_id} → {self.subscriber_id}"

    @property
    def message_id(self) -> str:
        """The same Message-ID on every attempt, so a mail sent again after a crash is one mail
        to the mail programs that recognise duplicates by it."""
        return f"<news-{self.mailing_id}-{self.pk}@{mail_domain()}>"
