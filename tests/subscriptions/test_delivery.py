"""The worker's runs: batches, outcomes per recipient, retries, bounces, and resuming after a crash."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.db import connection
from django.test import TestCase
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.subscriptions import services
from portal.subscriptions.conf import DeliveryPolicy
from portal.subscriptions.delivery import claim_batch, run_mailing
from portal.subscriptions.models import (
    Delivery,
    DeliveryStatus,
    Mailing,
    MailingStatus,
    Subscriber,
    SubscriberStatus,
)

from .factories import NewsItemFactory, SubscriberFactory
from .mail_backends import ScriptedBackend
from .smtp_sink import RecordingHandler, smtp_sink
from .support import html_part, run_due_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(settings):
    settings.NEWSLETTER_BATCH_SIZE = 2
    settings.NEWSLETTER_LEASE_SECONDS = 300
    settings.NEWSLETTER_SMTP_TIMEOUT = 30
    settings.NEWSLETTER_RUN_SECONDS = 60
    settings.NEWSLETTER_MAX_ATTEMPTS = 3
    settings.NEWSLETTER_RETRY_BASE_SECONDS = 60
    settings.NEWSLETTER_SITE_URL = "https://news.example.org"
    return DeliveryPolicy.current()


@pytest.fixture
def scripted_mail(settings):
    settings.EMAIL_BACKEND = "tests.subscriptions.mail_backends.ScriptedBackend"
    ScriptedBackend.failures = {}
    mail.outbox = []
    yield ScriptedBackend.failures
    ScriptedBackend.failures = {}


def queue(dummy_tasks, django_capture_on_commit_callbacks, **item_fields) -> Mailing:
    with django_capture_on_commit_callbacks(execute=True):
        mailing = services.queue_mailing(news_item=NewsItemFactory(**item_fields))
    return mailing


def resume(mailing) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.resume_mailing(mailing=mailing)


def statuses(mailing) -> dict[str, str]:
    return dict(mailing.deliveries.values_list("subscriber__email", "status"))


def test_news_mails_link_to_the_site_url_when_no_newsletter_site_url_is_set(
    policy, settings, dummy_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    settings.NEWSLETTER_SITE_URL = ""
    settings.SITE_URL = "http://127.0.0.1:8001"
    SubscriberFactory()
    mailing = queue(dummy_tasks, django_capture_on_commit_callbacks)
    run_due_tasks(dummy_tasks)
    [message] = mailoutbox
    assert f"http://127.0.0.1:8001/news/{mailing.news_item_id}/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://127.0.0.1:8001/news-mail/unsubscribe/"
    )


def test_a_mailing_reaches_every_confirmed_subscriber_once(
    policy, dummy_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    subscribers = SubscriberFactory.create_batch(5)
    mailing = queue(dummy_tasks, django_capture_on_commit_callbacks)
    outcomes = run_due_tasks(dummy_tasks)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(s.email for s in subscribers)
    assert set(statuses(mailing).values()) == {DeliveryStatus.SENT}
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DONE
    assert mailing.finished_at is not None
    assert mailing.wakeup == ""
    assert outcomes[0] == {
        "outcome": "done",
        "sent": 5,
        "retry": 0,
        "failed": 0,
        "bounced": 0,
        "skipped": 0,
    }
    # The dead man's switch scheduled by that run is still queued; when it runs, it stops.
    [switch] = dummy_tasks.results
    assert switch.task.run_after > timezone.now() + datetime.timedelta(seconds=290)
    assert switch.task.call(*switch.args) == {**outcomes[0], "outcome": "superseded", "sent": 0}


def test_each_mail_carries_one_click_unsubscribe_headers_and_a_stable_message_id(
    policy, dummy_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    subscriber = SubscriberFactory()
    mailing = queue(dummy_tasks, django_capture_on_commit_callbacks)
    run_due_tasks(dummy_tasks)
    [message] = mailoutbox
    delivery = Delivery.objects.get(mailing=mailing)
    headers = message.message()
    assert headers["Message-ID"] == f"<news-{mailing.pk}-{delivery.pk}@localhost>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://news.example.org/news-mail/unsubscribe/")
    assert unsubscribe.strip("<>") in message.body
    assert headers["List-Id"] == "<news.localhost>"
    assert message.to == [subscriber.email]


def test_the_mail_is_in_the_subscribers_language_with_html_and_plain_text(
    policy, dummy_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    SubscriberFactory(email="thai@example.com", language="th")
    SubscriberFactory(email="english@example.com", language="en")
    mailing = queue(
        dummy_tasks,
        django_capture_on_commit_callbacks,
        title="ประชุมใหญ่สามัญ & เลือกตั้ง",
        title_en="Annual meeting & election",
    )
    run_due_tasks(dummy_tasks)
    by_address = {m.to[0]: m for m in mailoutbox}
    thai, english = by_address["thai@example.com"], by_address["english@example.com"]
    item_id = mailing.news_item_id
    assert thai.subject == "ประชุมใหญ่สามัญ & เลือกตั้ง"
    assert f"https://news.example.org/news/{item_id}/" in thai.body
    assert "เครือข่ายพัฒนาชีวิตครูจังหวัดกำแพงเพชร" in thai.body
    # Plain text is not HTML-escaped; the HTML part is.
    assert "ประชุมใหญ่สามัญ & เลือกตั้ง" in thai.body
    assert "ประชุมใหญ่สามัญ &amp; เลือกตั้ง" in html_part(thai)
    assert english.subject == "Annual meeting & election"
    assert f"https://news.example.org/en/news/{item_id}/" in english.body
    assert f'href="https://news.example.org/en/news/{item_id}/"' in html_part(english)
    assert "Kamphaeng Phet" in english.body


def test_an_english_subscriber_gets_the_thai_title_when_the_item_has_no_english_one(
    policy, dummy_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    SubscriberFactory(language="en")
    queue(dummy_tasks, django_capture_on_commit_callbacks, title="ข่าวภาษาไทย", title_en="")
    run_due_tasks(dummy_tasks)
    assert mailoutbox[0].subject == "ข่าวภาษาไทย"


def test_someone_who_unsubscribes_while_the_mailing_is_queued_is_skipped(
    policy, dummy_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    staying, leaving = SubscriberFactory.create_batch(2)
    mailing = queue(dummy_tasks, django_capture_on_commit_callbacks)
    services.unsubscribe_subscribers(subscribers=Subscriber.objects.filter(pk=leaving.pk))
    run_due_tasks(dummy_tasks)
    assert [m.to[0] for m in mailoutbox] == [staying.email]
    assert statuses(mailing) == {
        staying.email: DeliveryStatus.SENT,
        leaving.email: DeliveryStatus.SKIPPED,
    }


def test_a_temporary_failure_is_retried_after_the_backoff_then_sent(
    policy, dummy_tasks, django_capture_on_commit_callbacks, scripted_mail
):
    SubscriberFactory(email="later@example.com")
    scripted_mail["later@example.com"] = [smtplib.SMTPServerDisconnected("gone")]
    mailing = queue(dummy_tasks, django_capture_on_commit_callbacks)
    before = timezone.now()
    run_due_tasks(dummy_tasks)
    delivery = mailing.deliveries.get()
    assert delivery.status == DeliveryStatus.RETRY
    assert delivery.attempts == 1
    assert "SMTPServerDisconnected" in delivery.last_error
    # First wait: the base (60 s). The run that sends it is queued for that moment.
    assert before + datetime.timedelta(seconds=60) <= delivery.next_attempt_at
    assert delivery.next_attempt_at <= timezone.now() + datetime.timedelta(seconds=60)
    mailing.refresh_from_db()
    waiting = [r for r in dummy_tasks.results if r.args[1] == mailing.wakeup]
    assert [r.task.run_after for r in waiting] == [delivery.next_attempt_at]
    assert mail.outbox == []
    # Time passes until the retry is due; then the waiting run sends it.
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    dummy_tasks.clear()
    assert waiting[0].task.call(*waiting[0].args)["sent"] == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 2
    assert [m.to[0] for m in mail.outbox] == ["later@example.com"]


def test_the_backoff_doubles_with_each_attempt(policy):
    assert [policy.retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]


def test_after_the_last_attempt_a_temporary_failure_is_a_failure(
    policy, dummy_tasks, django_capture_on_commit_callbacks, scripted_mail
):
    SubscriberFactory(email="down@example.com")
    scripted_mail["down@example.com"] = [ConnectionRefusedError("refused")] * 3
    mailing = queue(dummy_tasks, django_capture_on_commit_callbacks)
    for attempt in (1, 2, 3):
        Delivery.objects.filter(mailing=mailing).update(next_attempt_at=timezone.now())
        resume(mailing)
        run_due_tasks(dummy_tasks)
        delivery = mailing.deliveries.get()
        assert delivery.attempts == attempt
        expected = DeliveryStatus.FAILED if attempt == 3 else DeliveryStatus.RETRY
        assert delivery.status == expected
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DONE


def test_smtp_replies_decide_bounce_retry_or_failure(
    policy, dummy_tasks, django_capture_on_commit_callbacks, settings
):
    """Against a real SMTP server: 5xx at RCPT bounces, 4xx defers, 5xx at DATA fails the mail."""
    SubscriberFactory(email="ok@example.com")
    SubscriberFactory(email="gone@example.com")
    SubscriberFactory(email="busy@example.com")
    handler = RecordingHandler(
        refuse={
            "gone@example.com": "550 5.1.1 No such mailbox",
            "busy@example.com": "451 4.2.0 Mailbox busy, try later",
        }
    )
    mailing = queue(dummy_tasks, django_capture_on_commit_callbacks)
    with smtp_sink(handler) as port:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        run_due_tasks(dummy_tasks)
    assert statuses(mailing) == {
        "ok@example.com": DeliveryStatus.SENT,
        "gone@example.com": DeliveryStatus.BOUNCED,
        "busy@example.com": DeliveryStatus.RETRY,
    }
    assert handler.count_by_recipient() == {"ok@example.com": 1}
    assert Subscriber.objects.get(email="gone@example.com").status == SubscriberStatus.BOUNCING
    assert Subscriber.objects.get(email="busy@example.com").status == SubscriberStatus.CONFIRMED
    # A bouncing address is not a recipient of the next mailing.
    next_mailing = queue(dummy_tasks, django_capture_on_commit_callbacks)
    assert "gone@example.com" not in statuses(next_mailing)


def test_a_mail_refused_at_data_fails_without_marking_the_address(
    policy, dummy_tasks, django_capture_on_commit_callbacks, scripted_mail
):
    SubscriberFactory(email="picky@example.com")
    scripted_mail["picky@example.com"] = [smtplib.SMTPDataError(554, b"5.7.1 content refused")]
    mailing = queue(dummy_tasks, django_capture_on_commit_callbacks)
    run_due_tasks(dummy_tasks)
    assert statuses(mailing) == {"picky@example.com": DeliveryStatus.FAILED}
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED


def test_rows_left_sending_by_a_dead_worker_are_sent_once_their_claim_expired(
    policy, dummy_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    SubscriberFactory.create_batch(3)
    mailing = queue(dummy_tasks, django_capture_on_commit_callbacks)
    dummy_tasks.clear()
    # A worker claimed a batch and died before sending it.
    _token, batch = claim_batch(mailing=mailing, policy=policy)
    assert len(batch) == 2
    resume(mailing)
    run_due_tasks(dummy_tasks)
    # Its claim still holds: only the unclaimed row went out; a run waits for the claim to end.
    assert len(mailoutbox) == 1
    claimed_until = batch[0].claimed_until
    mailing.refresh_from_db()
    [waiting] = [r for r in dummy_tasks.results if r.args[1] == mailing.wakeup]
    assert waiting.task.run_after == claimed_until
    # When the claim has run out, the waiting run sends the two rows, once each.
    Delivery.objects.filter(pk__in=[d.pk for d in batch]).update(
        claimed_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    dummy_tasks.clear()
    resume(mailing)
    run_due_tasks(dummy_tasks)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        Subscriber.objects.values_list("email", flat=True)
    )
    assert set(statuses(mailing).values()) == {DeliveryStatus.SENT}
    assert sorted(mailing.deliveries.values_list("attempts", flat=True)) == [1, 2, 2]


def test_a_run_whose_wakeup_token_is_stale_does_nothing(
    policy, dummy_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    SubscriberFactory()
    mailing = queue(dummy_tasks, django_capture_on_commit_callbacks)
    report = run_mailing(mailing_id=mailing.pk, wakeup="not-the-current-token")
    assert report["outcome"] == "superseded"
    assert mailoutbox == []
    assert mailing.deliveries.get().status == DeliveryStatus.QUEUED


def test_a_run_out_of_time_hands_over_to_a_new_task(
    policy, settings, dummy_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    settings.NEWSLETTER_RUN_SECONDS = 0
    SubscriberFactory.create_batch(3)
    mailing = queue(dummy_tasks, django_capture_on_commit_callbacks)
    [first] = dummy_tasks.results
    dummy_tasks.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = first.task.call(*first.args)
    # With no time at all, the run claims nothing and queues its continuation for now.
    assert report["outcome"] == "continues"
    mailing.refresh_from_db()
    [continuation] = [r for r in dummy_tasks.results if r.args[1] == mailing.wakeup]
    assert continuation.task.run_after is None


def test_a_worker_never_overwrites_a_row_another_run_took_over(
    policy, dummy_tasks, django_capture_on_commit_callbacks
):
    from portal.subscriptions.delivery import _settle

    SubscriberFactory()
    mailing = queue(dummy_tasks, django_capture_on_commit_callbacks)
    token, [delivery] = claim_batch(mailing=mailing, policy=policy)
    Delivery.objects.filter(pk=delivery.pk).update(claim_token="another-run")
    assert not _settle(delivery, token, status=DeliveryStatus.SENT, sent_at=timezone.now())
    assert Delivery.objects.get(pk=delivery.pk).status == DeliveryStatus.SENDING


def test_with_the_database_backend_the_run_is_queued_in_the_same_transaction(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    SubscriberFactory()
    # No on-commit callback runs in this test, so the task row can only come from inside the
    # transaction that queued the mailing.
    mailing = services.queue_mailing(news_item=NewsItemFactory())
    [task_row] = DBTaskResult.objects.filter(task_path__endswith="deliver_mailing")
    assert task_row.args_kwargs["args"] == [mailing.pk, mailing.wakeup]


@pytest.mark.parametrize("recipients", [2, 6])
def test_a_run_costs_a_fixed_number_of_queries_plus_one_per_mail(
    recipients,
    policy,
    settings,
    dummy_tasks,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
    mailoutbox,
):
    settings.NEWSLETTER_BATCH_SIZE = 100
    SubscriberFactory.create_batch(recipients)
    queue(dummy_tasks, django_capture_on_commit_callbacks)
    [run] = dummy_tasks.results
    # start (7): savepoint, lock the mailing, mark it sending, savepoint, new wakeup token for the
    # dead man's switch, release ×2. Each claim: select the ids, update them; on PostgreSQL inside
    # a savepoint (+2), on SQLite in autocommit. The first claim then loads the batch with the
    # subscribers (1); one UPDATE per mail (n); the second claim finds nothing. finish (5):
    # savepoint, lock the mailing, anything pending?, mark it done, release.
    claim_savepoints = 2 if connection.features.has_select_for_update_skip_locked else 0
    first_claim = 2 + claim_savepoints + 1
    empty_claim = 1 + claim_savepoints
    with django_assert_num_queries(7 + first_claim + recipients + empty_claim + 5):
        run.task.call(*run.args)
    assert len(mailoutbox) == recipients
