"""Background tasks (django-tasks): thin wrappers that run the mail work outside any request."""

import logging
import smtplib

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .conf import DeliveryPolicy
from .delivery import run_mailing
from .mails import already_subscribed_message, confirmation_message
from .models import Subscriber, SubscriberStatus
from .services import purge_unconfirmed

logger = logging.getLogger(__name__)

# A person waits for the confirmation mail; a mailing can wait a few seconds for it.
SIGNUP_MAIL_PRIORITY = 10
SIGNUP_MAIL_ATTEMPTS = 3


@task()
def deliver_mailing(mailing_id: int, wakeup: str) -> dict:
    return run_mailing(mailing_id=mailing_id, wakeup=wakeup)


@task(priority=SIGNUP_MAIL_PRIORITY)
def send_signup_mail(subscriber_id: int, attempt: int = 1) -> str:
    """The mail a signup asked for: a confirmation link, or "you are already subscribed"."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return "erased"
    if subscriber.status == SubscriberStatus.PENDING:
        message, kind = confirmation_message(subscriber), "confirmation"
    elif subscriber.status == SubscriberStatus.CONFIRMED:
        message, kind = already_subscribed_message(subscriber), "already_subscribed"
    else:
        return "withdrawn"
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        backend = send_signup_mail.get_backend()
        if attempt >= SIGNUP_MAIL_ATTEMPTS or not backend.supports_defer:
            raise
        logger.warning("Signup mail to subscriber %s failed, retrying", subscriber_id)
        delay = DeliveryPolicy.current().retry_delay(attempt)
        retry = send_signup_mail.using(run_after=timezone.now() + delay)
        transaction.on_commit(lambda: retry.enqueue(subscriber_id, attempt + 1))
        return "retry"
    return kind


@task()
def erase_if_unconfirmed(subscriber_id: int) -> int:
    """Scheduled when a confirmation link is sent, for the moment it expires."""
    return purge_unconfirmed(subscriber_id=subscriber_id)
