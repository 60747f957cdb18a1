"""The worker's side of a mailing: claim recipients in batches, send, record each outcome, resume.

How "every confirmed subscriber gets the mail exactly once" holds when a worker dies:

* The recipients are fixed when the mailing is queued: one Delivery row per subscriber, unique.
* A run claims a batch in one short transaction (``SELECT … FOR UPDATE SKIP LOCKED`` on
  PostgreSQL, a conditional UPDATE everywhere): the rows become "sending" under the run's claim
  token until ``claimed_until``. Two runs never hold the same row.
* Each mail is recorded "sent" in its own commit right after the SMTP server accepted it, and
  only under the claim token, so a run whose claim was taken over cannot overwrite anything.
  A run sends only while its claim has at least the SMTP timeout left.
* Every run first schedules its successor at now + lease (a dead man's switch). If the worker
  is killed, the successor runs when the worker is started again, finds the dead run's rows
  "sending" with an expired claim, and sends them. Rows already "sent" are never touched again.
* Runs are chained through ``Mailing.wakeup``: scheduling a run writes a new token, and a run
  whose token is no longer the mailing's stops at once, so a mailing has one live chain.

The residual window: a worker killed after the SMTP server accepted a mail but before the
"sent" commit leaves the row "sending"; that one mail is sent again, with the same Message-ID
(mail programs that de-duplicate by Message-ID show it once). The window is one UPDATE long;
the row's ``attempts`` shows it. A kill at any other moment sends nothing twice and loses nothing.
"""

import contextlib
import datetime
import logging
import secrets
import smtplib
from dataclasses import asdict, dataclass
from functools import partial

from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from .conf import DeliveryPolicy
from .mails import news_message
from .models import (
    Delivery,
    DeliveryStatus,
    Mailing,
    MailingStatus,
    Subscriber,
    SubscriberStatus,
)

logger = logging.getLogger(__name__)

ERROR_MAX_LENGTH = 500


def _stores_tasks_in_this_database(backend) -> bool:
    try:
        from django_tasks_db import DatabaseBackend
    except ImportError:  # pragma: no cover - the database backend is a dependency
        return False
    return isinstance(backend, DatabaseBackend)


@transaction.atomic
def schedule_run(*, mailing: Mailing, at: datetime.datetime | None = None) -> bool:
    """Schedule the mailing's next worker run (now, or at `at`) and make it the only live one.

    Returns False when the task backend cannot run tasks later (the immediate backend of tests
    and development): nothing is scheduled, `manage.py resume_mailings` picks the mailing up.
    """
    from .tasks import deliver_mailing  # the task module imports this one

    task = deliver_mailing
    backend = task.get_backend()
    if at is not None and at > timezone.now():
        if not backend.supports_defer:
            return False
        task = task.using(run_after=at)
    token = secrets.token_hex(16)
    Mailing.objects.filter(pk=mailing.pk).update(wakeup=token)
    mailing.wakeup = token
    enqueue = partial(task.enqueue, mailing.pk, token)
    if _stores_tasks_in_this_database(backend):
        # The task row commits with the token, or neither does: no crash can break the chain.
        enqueue()
    else:
        # A queue outside the database (Redis) could start the task before this commit.
        transaction.on_commit(enqueue)
    return True


@dataclass
class RunReport:
    outcome: str
    sent: int = 0
    retry: int = 0
    failed: int = 0
    bounced: int = 0
    skipped: int = 0

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)


def _start(mailing_id: int, wakeup: str, policy: DeliveryPolicy) -> Mailing | None:
    now = timezone.now()
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().filter(pk=mailing_id).first()
        if mailing is None or mailing.wakeup != wakeup or mailing.status == MailingStatus.DONE:
            return None
        if mailing.status == MailingStatus.QUEUED:
            mailing.status = MailingStatus.SENDING
            mailing.started_at = now
            mailing.save(update_fields=["status", "started_at"])
        # The dead man's switch: if this process dies, that run carries the mailing on.
        schedule_run(mailing=mailing, at=now + policy.lease)
    return mailing


def claim_batch(*, mailing: Mailing, policy: DeliveryPolicy) -> tuple[str, list[Delivery]]:
    """Take up to batch_size claimable recipients for this run; returns its claim token and rows."""
    now = timezone.now()
    token = secrets.token_hex(16)
    candidates = Delivery.objects.filter(mailing=mailing).claimable(now).order_by("pk")
    locking = db_connection.features.has_select_for_update_skip_locked
    # Without SKIP LOCKED (SQLite) the conditional UPDATE alone decides, in autocommit: a read
    # followed by a write in one SQLite transaction fails when another process wrote between.
    with transaction.atomic() if locking else contextlib.nullcontext():
        if locking:
            candidates = candidates.select_for_update(skip_locked=True)
        ids = list(candidates.values_list("pk", flat=True)[: policy.batch_size])
        if not ids:
            return token, []
        Delivery.objects.filter(pk__in=ids).claimable(now).update(
            status=DeliveryStatus.SENDING,
            claim_token=token,
            claimed_until=now + policy.lease,
            attempts=F("attempts") + 1,
        )
    batch = list(
        Delivery.objects.filter(mailing=mailing, status=DeliveryStatus.SENDING, claim_token=token)
        .select_related("subscriber")
        .order_by("pk")
    )
    return token, batch


def _settle(delivery: Delivery, token: str, **fields) -> bool:
    """Write an outcome, only if the row is still this run's; False if another run took it."""
    updated = Delivery.objects.filter(
        pk=delivery.pk, claim_token=token, status=DeliveryStatus.SENDING
    ).update(claimed_until=None, **fields)
    if not updated:
        logger.warning("Delivery %s was taken over by another run before its outcome", delivery.pk)
    return bool(updated)


def _release(deliveries: list[Delivery], token: str) -> None:
    """Give back claimed rows this run will not send (its claim is about to run out)."""
    Delivery.objects.filter(
        pk__in=[delivery.pk for delivery in deliveries],
        claim_token=token,
        status=DeliveryStatus.SENDING,
    ).update(
        status=DeliveryStatus.QUEUED, claim_token="", claimed_until=None, attempts=F("attempts") - 1
    )


def _temporary_failure(delivery: Delivery, token: str, error: str, policy: DeliveryPolicy) -> str:
    if delivery.attempts >= policy.max_attempts:
        _settle(delivery, token, status=DeliveryStatus.FAILED, last_error=error)
        return DeliveryStatus.FAILED
    _settle(
        delivery,
        token,
        status=DeliveryStatus.RETRY,
        next_attempt_at=timezone.now() + policy.retry_delay(delivery.attempts),
        last_error=error,
    )
    return DeliveryStatus.RETRY


def _hard_bounce(delivery: Delivery, token: str, error: str) -> str:
    _settle(delivery, token, status=DeliveryStatus.BOUNCED, last_error=error)
    # Only a confirmed address turns "bouncing": an unsubscribe meanwhile stays an unsubscribe.
    Subscriber.objects.filter(pk=delivery.subscriber_id, status=SubscriberStatus.CONFIRMED).update(
        status=SubscriberStatus.BOUNCING, bounced_at=timezone.now()
    )
    return DeliveryStatus.BOUNCED


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:ERROR_MAX_LENGTH]


def _close_quietly(mail_connection) -> None:
    try:
        mail_connection.close()
    except Exception:  # noqa: BLE001 - a broken connection is dropped either way
        logger.debug("Closing the mail connection failed", exc_info=True)


def deliver(
    *, mailing: Mailing, delivery: Delivery, token: str, mail_connection, policy: DeliveryPolicy
) -> str:
    """Send one claimed delivery and record the outcome; returns the delivery status written."""
    subscriber = delivery.subscriber
    if subscriber.status != SubscriberStatus.CONFIRMED:
        _settle(delivery, token, status=DeliveryStatus.SKIPPED)
        return DeliveryStatus.SKIPPED
    try:
        message = news_message(
            mailing=mailing, delivery=delivery, subscriber=subscriber, connection=mail_connection
        )
        mail_connection.open()
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        code = next(iter(error.recipients.values()), (0, b""))[0]
        if 500 <= code < 600:
            return _hard_bounce(delivery, token, _describe(error))
        return _temporary_failure(delivery, token, _describe(error), policy)
    except smtplib.SMTPSenderRefused as error:
        # Our own From refused: a setup problem someone fixes, not the recipient's fault.
        return _temporary_failure(delivery, token, _describe(error), policy)
    except smtplib.SMTPResponseException as error:
        if 500 <= error.smtp_code < 600:
            _settle(delivery, token, status=DeliveryStatus.FAILED, last_error=_describe(error))
            return DeliveryStatus.FAILED
        return _temporary_failure(delivery, token, _describe(error), policy)
    except Exception as error:  # noqa: BLE001 - network errors, timeouts, a server gone away
        logger.warning("Delivery %s failed for now: %s", delivery.pk, _describe(error))
        _close_quietly(mail_connection)
        return _temporary_failure(delivery, token, _describe(error), policy)
    _settle(delivery, token, status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error="")
    return DeliveryStatus.SENT


def _finish(mailing_id: int) -> str:
    """Close the mailing when nothing is pending, otherwise schedule the run that continues it."""
    now = timezone.now()
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=mailing_id)
        pending = Delivery.objects.filter(mailing=mailing).pending()
        if not pending.exists():
            mailing.status = MailingStatus.DONE
            mailing.finished_at = now
            mailing.wakeup = ""
            mailing.save(update_fields=["status", "finished_at", "wakeup"])
            return "done"
        if pending.claimable(now).exists():
            # The run used its time: a fresh task continues, so other tasks get a turn between.
            schedule_run(mailing=mailing)
            return "continues"
        wake = pending.aggregate(
            retry=Min("next_attempt_at", filter=Q(status=DeliveryStatus.RETRY)),
            claim=Min("claimed_until", filter=Q(status=DeliveryStatus.SENDING)),
        )
        schedule_run(mailing=mailing, at=min(value for value in wake.values() if value))
        return "waits"


def run_mailing(*, mailing_id: int, wakeup: str, policy: DeliveryPolicy | None = None) -> dict:
    """One worker run: send claimed batches until none is left or the run's time is up."""
    policy = policy or DeliveryPolicy.current()
    mailing = _start(mailing_id, wakeup, policy)
    if mailing is None:
        return asdict(RunReport(outcome="superseded"))
    report = RunReport(outcome="")
    deadline = timezone.now() + policy.run_budget
    margin = datetime.timedelta(seconds=policy.smtp_timeout)
    mail_connection = get_connection(timeout=policy.smtp_timeout)
    try:
        while timezone.now() < deadline:
            token, batch = claim_batch(mailing=mailing, policy=policy)
            if not batch:
                break
            for index, delivery in enumerate(batch):
                if timezone.now() + margin >= delivery.claimed_until:
                    _release(batch[index:], token)
                    break
                status = deliver(
                    mailing=mailing,
                    delivery=delivery,
                    token=token,
                    mail_connection=mail_connection,
                    policy=policy,
                )
                report.count(status)
    finally:
        _close_quietly(mail_connection)
    report.outcome = _finish(mailing_id)
    logger.info("Mailing %s run: %s", mailing_id, asdict(report))
    return asdict(report)
