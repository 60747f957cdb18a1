"""Every change to the news-by-e-mail records: signup, confirmation, unsubscribe, bounces, mailings."""

import datetime
import enum
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.models import NewsItem

from . import selectors
from .addresses import clean_name, normalize_email, validate_email_address
from .conf import seconds
from .delivery import schedule_run
from .models import Delivery, Mailing, MailingStatus, Subscriber, SubscriberStatus

DELIVERY_INSERT_BATCH = 2000


def _enqueue_signup_mail(subscriber_id: int) -> None:
    # Imported here: tasks imports this module for the work it wraps.
    from .tasks import erase_if_unconfirmed, send_signup_mail

    send_signup_mail.enqueue(subscriber_id)
    if erase_if_unconfirmed.get_backend().supports_defer:
        # When the link expires, an address nobody confirmed is erased (see purge_unconfirmed).
        erase_at = timezone.now() + seconds("CONFIRM_MAX_AGE") + datetime.timedelta(minutes=1)
        erase_if_unconfirmed.using(run_after=erase_at).enqueue(subscriber_id)


def _new_subscriber(**fields) -> tuple[Subscriber, bool]:
    """Insert the address, or lock the row a concurrent signup of the same address just made."""
    subscriber = Subscriber(**fields)
    subscriber.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            subscriber.save()
    except IntegrityError:
        return Subscriber.objects.select_for_update().get(email=fields["email"]), False
    return subscriber, True


@transaction.atomic
def subscribe(*, email: str, language: str, consent_text: str, name: str = "") -> Subscriber:
    """Record a signup and mail the address: a confirmation link, or "you are already subscribed".

    Whatever state the address is in, the caller sees the same outcome, so the signup page cannot
    tell a visitor who is on the list. At most one mail goes to an address per
    NEWSLETTER_CONFIRM_RESEND_SECONDS, so the form cannot flood a mailbox. A confirmed address
    keeps its name and language: a stranger's signup must not change them.
    """
    email = normalize_email(email)
    validate_email_address(email)
    name = clean_name(name)
    now = timezone.now()
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is None:
        subscriber, created = _new_subscriber(
            email=email, name=name, language=language, consent_text=consent_text
        )
    else:
        created = False
    if not created and subscriber.status != SubscriberStatus.CONFIRMED:
        subscriber.status = SubscriberStatus.PENDING
        subscriber.name = name
        subscriber.language = language
        subscriber.consent_text = consent_text
    last_mail = subscriber.confirmation_sent_at
    if last_mail is None or now - last_mail >= seconds("CONFIRM_RESEND_SECONDS"):
        subscriber.confirmation_sent_at = now
        transaction.on_commit(partial(_enqueue_signup_mail, subscriber.pk))
    subscriber.full_clean(validate_constraints=False)
    subscriber.save()
    return subscriber


class Confirmation(enum.Enum):
    CONFIRMED = "confirmed"
    ALREADY_CONFIRMED = "already_confirmed"


@transaction.atomic
def confirm_subscription(*, token: str) -> Confirmation:
    """The owner clicked the link in the confirmation mail: from now on the address gets news."""
    subscriber = selectors.subscriber_for_confirmation(token, lock=True)
    if subscriber.status == SubscriberStatus.CONFIRMED:
        return Confirmation.ALREADY_CONFIRMED
    subscriber.status = SubscriberStatus.CONFIRMED
    subscriber.confirmed_at = timezone.now()
    subscriber.full_clean(validate_constraints=False)
    subscriber.save(update_fields=["status", "confirmed_at"])
    return Confirmation.CONFIRMED


@transaction.atomic
def unsubscribe(*, token: str) -> Subscriber | None:
    """Stop the news to the link's owner; None when the address was already erased."""
    subscriber = selectors.subscriber_for_unsubscribe(token, lock=True)
    if subscriber is not None and subscriber.status != SubscriberStatus.UNSUBSCRIBED:
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
    return subscriber


@transaction.atomic
def unsubscribe_subscribers(*, subscribers: QuerySet) -> int:
    """An officer stops the news to addresses whose owners asked by other means (phone, letter)."""
    return subscribers.exclude(status=SubscriberStatus.UNSUBSCRIBED).update(
        status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=timezone.now()
    )


@transaction.atomic
def mark_bouncing(*, subscribers: QuerySet) -> int:
    """Addresses whose mail bounces for good: no more news to them until they sign up again."""
    return subscribers.exclude(status=SubscriberStatus.BOUNCING).update(
        status=SubscriberStatus.BOUNCING, bounced_at=timezone.now()
    )


def _expired_unconfirmed(now: datetime.datetime) -> QuerySet:
    cutoff = now - seconds("CONFIRM_MAX_AGE")
    return Subscriber.objects.filter(status=SubscriberStatus.PENDING).filter(
        Q(confirmation_sent_at__lt=cutoff)
        | Q(confirmation_sent_at__isnull=True, created_at__lt=cutoff)
    )


@transaction.atomic
def purge_unconfirmed(
    *, now: datetime.datetime | None = None, subscriber_id: int | None = None
) -> int:
    """Erase addresses nobody confirmed while their last link was valid: someone may have typed
    another person's address, and the list keeps no address against its owner's will."""
    expired = _expired_unconfirmed(now or timezone.now())
    if subscriber_id is not None:
        expired = expired.filter(pk=subscriber_id)
    deleted, _counts = expired.delete()
    return deleted


def mailing_problem(news_item: NewsItem) -> ValidationError | None:
    """Why this news item cannot be sent by e-mail now, or None when it can."""
    if not news_item.is_public:
        return ValidationError(
            _("“%(title)s” ยังไม่เผยแพร่บนเว็บไซต์: เผยแพร่ข่าวก่อน แล้วจึงส่งทางอีเมล"),
            code="news_not_public",
            params={"title": news_item.title},
        )
    if Mailing.objects.filter(news_item=news_item).exists():
        return ValidationError(
            _("“%(title)s” ส่งทางอีเมลไปแล้ว จึงไม่ส่งซ้ำ: ดูความคืบหน้าได้ในรายการการส่งข่าว"),
            code="news_already_mailed",
            params={"title": news_item.title},
        )
    if not Subscriber.objects.confirmed().exists():
        return ValidationError(
            _("ยังไม่มีผู้รับข่าวที่ยืนยันอีเมลแล้ว จึงยังไม่มีผู้ใดจะได้รับข่าวนี้"),
            code="no_recipients",
        )
    return None


@transaction.atomic
def queue_mailing(*, news_item: NewsItem, requested_by=None) -> Mailing:
    """Queue a published news item for every confirmed subscriber; a worker delivers it.

    One Delivery row per recipient is written here, in the same transaction as the mailing, so
    the list of recipients is fixed at this moment and each can be sent to at most once.
    """
    # The lock makes two officers clicking "send" at once queue one mailing, not two.
    news_item = NewsItem.objects.select_for_update().get(pk=news_item.pk)
    problem = mailing_problem(news_item)
    if problem is not None:
        raise problem
    with translation.override("th"):
        path_th = news_item.get_absolute_url()
    with translation.override("en"):
        path_en = news_item.get_absolute_url()
    mailing = Mailing(
        news_item=news_item,
        title=news_item.title,
        title_en=news_item.title_en,
        summary=news_item.summary,
        summary_en=news_item.summary_en,
        path_th=path_th,
        path_en=path_en,
        requested_by=requested_by,
    )
    mailing.full_clean()
    mailing.save()
    recipients = Subscriber.objects.confirmed().order_by("pk").values_list("pk", flat=True)
    count = 0
    chunk: list[Delivery] = []
    for subscriber_id in recipients.iterator(chunk_size=DELIVERY_INSERT_BATCH):
        chunk.append(Delivery(mailing=mailing, subscriber_id=subscriber_id))
        if len(chunk) == DELIVERY_INSERT_BATCH:
            Delivery.objects.bulk_create(chunk)
            count += len(chunk)
            chunk = []
    Delivery.objects.bulk_create(chunk)
    count += len(chunk)
    mailing.recipient_count = count
    mailing.save(update_fields=["recipient_count"])
    schedule_run(mailing=mailing)
    return mailing


@transaction.atomic
def resume_mailing(*, mailing: Mailing) -> bool:
    """Start a worker run now for an unfinished mailing (after a lost task queue, say).

    Safe at any time: runs claim recipients one by one, so a second run never sends twice.
    """
    mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
    if mailing.status == MailingStatus.DONE:
        return False
    schedule_run(mailing=mailing)
    return True
