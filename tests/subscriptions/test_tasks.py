"""The signup mails sent by the background worker, and the erasure of unconfirmed addresses."""

import datetime
import re
import smtplib

import pytest
from django.utils import timezone

from portal.subscriptions.models import Subscriber, SubscriberStatus
from portal.subscriptions.tasks import SIGNUP_MAIL_ATTEMPTS, erase_if_unconfirmed, send_signup_mail

from .factories import SubscriberFactory
from .mail_backends import ScriptedBackend
from .support import html_part, links_in

pytestmark = pytest.mark.django_db

THAI = re.compile("[\u0e00-\u0e7f]")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.NEWSLETTER_SITE_URL = "https://news.example.org"


def test_a_pending_address_gets_the_confirmation_link_in_its_language(mailoutbox):
    subscriber = SubscriberFactory(
        status=SubscriberStatus.PENDING, language="th", name="สมชาย <a href='x'>คลิก</a>"
    )
    assert send_signup_mail.call(subscriber.pk) == "confirmation"
    [message] = mailoutbox
    assert message.to == [subscriber.email]
    assert message.subject == "ยืนยันการรับข่าวทางอีเมลจาก เครือข่ายพัฒนาชีวิตครูจังหวัดกำแพงเพชร"
    [link] = links_in(message, "/confirm/")
    assert link.startswith("https://news.example.org/news-mail/confirm/")
    assert f'href="{link}"' in html_part(message)
    # Nothing the visitor typed reaches the mail: the form cannot carry someone else's message.
    assert "สมชาย" not in message.body and "สมชาย" not in html_part(message)


def test_links_in_mails_start_with_the_site_url_unless_newsletter_site_url_is_set(
    mailoutbox, settings
):
    # `make demo HOST=0.0.0.0 PORT=8001` exports SITE_URL; NEWSLETTER_SITE_URL defaults to it.
    settings.NEWSLETTER_SITE_URL = ""
    settings.SITE_URL = "http://127.0.0.1:8001"
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING, language="th")
    send_signup_mail.call(subscriber.pk)
    [link] = links_in(mailoutbox[-1], "/confirm/")
    assert link.startswith("http://127.0.0.1:8001/news-mail/confirm/")
    assert f'href="{link}"' in html_part(mailoutbox[-1])
    settings.NEWSLETTER_SITE_URL = "https://news.example.org"
    send_signup_mail.call(SubscriberFactory(status=SubscriberStatus.PENDING).pk)
    [link] = links_in(mailoutbox[-1], "/confirm/")
    assert link.startswith("https://news.example.org/news-mail/confirm/")


def test_the_confirmation_mail_in_english(mailoutbox, settings):
    settings.NEWSLETTER_CONFIRM_MAX_AGE = 3 * 86400
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING, language="en")
    send_signup_mail.call(subscriber.pk)
    [message] = mailoutbox
    assert message.subject.startswith("Confirm")
    assert "Kamphaeng Phet Teacher Life Development Network" in message.subject
    assert " 3 day" in message.body
    assert not THAI.search(message.body) and not THAI.search(html_part(message))
    assert links_in(message, "/en/news-mail/confirm/")


def test_a_confirmed_address_that_signs_up_again_is_told_so_with_an_unsubscribe_link(mailoutbox):
    subscriber = SubscriberFactory()
    assert send_signup_mail.call(subscriber.pk) == "already_subscribed"
    [message] = mailoutbox
    assert not links_in(message, "/confirm/")
    [link] = links_in(message, "/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"


@pytest.mark.parametrize("status", [SubscriberStatus.UNSUBSCRIBED, SubscriberStatus.BOUNCING])
def test_nothing_is_sent_to_an_address_that_left_before_the_task_ran(status, mailoutbox):
    subscriber = SubscriberFactory(status=status)
    assert send_signup_mail.call(subscriber.pk) == "withdrawn"
    assert mailoutbox == []


def test_nothing_is_sent_to_an_erased_address(mailoutbox):
    assert send_signup_mail.call(999_999) == "erased"
    assert mailoutbox == []


def test_a_failed_signup_mail_is_retried_later_then_given_up(
    settings, dummy_tasks, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.subscriptions.mail_backends.ScriptedBackend"
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING)
    ScriptedBackend.failures = {subscriber.email: [ConnectionRefusedError()] * SIGNUP_MAIL_ATTEMPTS}
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert send_signup_mail.call(subscriber.pk) == "retry"
        [retry] = dummy_tasks.results
        assert retry.args == [subscriber.pk, 2]
        assert retry.task.run_after > timezone.now()
        with pytest.raises(ConnectionRefusedError):
            send_signup_mail.call(subscriber.pk, SIGNUP_MAIL_ATTEMPTS)
    finally:
        ScriptedBackend.failures = {}


def test_smtp_failure_of_the_last_attempt_raises(settings):
    settings.EMAIL_BACKEND = "tests.subscriptions.mail_backends.ScriptedBackend"
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING)
    ScriptedBackend.failures = {subscriber.email: [smtplib.SMTPServerDisconnected()]}
    try:
        with pytest.raises(smtplib.SMTPServerDisconnected):
            send_signup_mail.call(subscriber.pk, SIGNUP_MAIL_ATTEMPTS)
    finally:
        ScriptedBackend.failures = {}


def test_erase_if_unconfirmed_erases_only_an_address_whose_link_expired(settings):
    settings.NEWSLETTER_CONFIRM_MAX_AGE = 3600
    long_ago = timezone.now() - datetime.timedelta(seconds=3700)
    expired = SubscriberFactory(status=SubscriberStatus.PENDING, confirmation_sent_at=long_ago)
    renewed = SubscriberFactory(
        status=SubscriberStatus.PENDING, confirmation_sent_at=timezone.now()
    )
    confirmed = SubscriberFactory(confirmation_sent_at=long_ago)
    assert erase_if_unconfirmed.call(expired.pk) == 1
    assert erase_if_unconfirmed.call(renewed.pk) == 0
    assert erase_if_unconfirmed.call(confirmed.pk) == 0
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {renewed.pk, confirmed.pk}
