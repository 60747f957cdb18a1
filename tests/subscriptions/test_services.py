"""Signup, confirmation, unsubscribe, purge and queueing a mailing, through the services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from portal.models import PublicationStatus
from portal.subscriptions import services
from portal.subscriptions.models import (
    Delivery,
    DeliveryStatus,
    Mailing,
    MailingStatus,
    Subscriber,
    SubscriberStatus,
)
from portal.subscriptions.tokens import confirmation_token, unsubscribe_token

from .factories import NewsItemFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

CONSENT = "ใช้อีเมลเพื่อส่งข่าวเท่านั้น"


def subscribe(email="somchai@example.com", **fields):
    fields.setdefault("language", "th")
    fields.setdefault("consent_text", CONSENT)
    return services.subscribe(email=email, **fields)


def signup_mails(backend) -> list[int]:
    return [r.args[0] for r in backend.results if r.task.name == "send_signup_mail"]


def test_subscribe_records_a_pending_address_with_consent_and_queues_the_confirmation(
    dummy_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscriber = subscribe(" Somchai@Example.COM ", name="สมชาย", language="en")
    subscriber.refresh_from_db()
    assert subscriber.email == "somchai@example.com"
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.name == "สมชาย"
    assert subscriber.language == "en"
    assert subscriber.consent_text == CONSENT
    assert subscriber.confirmation_sent_at is not None
    assert signup_mails(dummy_tasks) == [subscriber.pk]


def test_subscribe_schedules_erasure_for_when_the_link_expires(
    dummy_tasks, django_capture_on_commit_callbacks, settings
):
    settings.NEWSLETTER_CONFIRM_MAX_AGE = 3600
    with django_capture_on_commit_callbacks(execute=True):
        subscriber = subscribe()
    erase = [r for r in dummy_tasks.results if r.task.name == "erase_if_unconfirmed"]
    assert [r.args for r in erase] == [[subscriber.pk]]
    assert erase[0].task.run_after > timezone.now() + datetime.timedelta(seconds=3600)


@pytest.mark.parametrize("address", ["", "somchai", "somchai@", "@example.com", "a b@example.com"])
def test_subscribe_refuses_an_invalid_address_and_records_nothing(address, dummy_tasks):
    with pytest.raises(ValidationError) as error:
        subscribe(address)
    assert error.value.messages
    assert not Subscriber.objects.exists()


def test_the_same_address_in_another_case_is_the_same_subscriber(dummy_tasks):
    first = subscribe("somchai@example.com")
    second = subscribe("SOMCHAI@example.com")
    assert first.pk == second.pk
    assert Subscriber.objects.count() == 1


def test_the_database_refuses_a_second_row_differing_only_in_case():
    SubscriberFactory(email="somchai@example.com")
    with pytest.raises(IntegrityError):
        Subscriber.objects.create(email="Somchai@Example.com", consent_text=CONSENT)


def test_a_second_signup_within_the_window_sends_no_second_mail(
    dummy_tasks, django_capture_on_commit_callbacks, settings
):
    settings.NEWSLETTER_CONFIRM_RESEND_SECONDS = 900
    with django_capture_on_commit_callbacks(execute=True):
        subscriber = subscribe()
        subscribe()
    assert signup_mails(dummy_tasks) == [subscriber.pk]


def test_a_signup_after_the_window_sends_the_mail_again(
    dummy_tasks, django_capture_on_commit_callbacks, settings
):
    settings.NEWSLETTER_CONFIRM_RESEND_SECONDS = 900
    with django_capture_on_commit_callbacks(execute=True):
        subscriber = subscribe()
    Subscriber.objects.filter(pk=subscriber.pk).update(
        confirmation_sent_at=timezone.now() - datetime.timedelta(seconds=900)
    )
    with django_capture_on_commit_callbacks(execute=True):
        subscribe()
    assert signup_mails(dummy_tasks) == [subscriber.pk, subscriber.pk]


def test_a_confirmed_address_signing_up_again_keeps_its_state_name_and_language(
    dummy_tasks, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(email="somchai@example.com", name="สมชาย", language="th")
    with django_capture_on_commit_callbacks(execute=True):
        subscribe("somchai@example.com", name="ผู้อื่น", language="en")
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert (subscriber.name, subscriber.language) == ("สมชาย", "th")
    # Its owner is told by mail (the "already subscribed" message), nobody else learns anything.
    assert signup_mails(dummy_tasks) == [subscriber.pk]


@pytest.mark.parametrize("status", [SubscriberStatus.UNSUBSCRIBED, SubscriberStatus.BOUNCING])
def test_an_address_that_left_or_bounced_signs_up_again_as_pending(status, dummy_tasks):
    subscriber = SubscriberFactory(email="somchai@example.com", status=status)
    subscribe("somchai@example.com", language="en")
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.language == "en"


def test_confirm_subscription_confirms_a_pending_address_once():
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING)
    token = confirmation_token(subscriber.pk)
    assert services.confirm_subscription(token=token) is services.Confirmation.CONFIRMED
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.confirmed_at is not None
    assert services.confirm_subscription(token=token) is services.Confirmation.ALREADY_CONFIRMED


def test_an_old_confirmation_link_does_not_subscribe_an_unsubscribed_address_again():
    subscriber = SubscriberFactory(status=SubscriberStatus.UNSUBSCRIBED)
    with pytest.raises(ValidationError) as error:
        services.confirm_subscription(token=confirmation_token(subscriber.pk))
    assert error.value.code == "link_withdrawn"
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_unsubscribe_stops_the_news_and_is_idempotent():
    subscriber = SubscriberFactory()
    token = unsubscribe_token(subscriber.pk)
    services.unsubscribe(token=token)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    first_time = subscriber.unsubscribed_at
    services.unsubscribe(token=token)
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at == first_time


def test_unsubscribe_of_an_erased_address_is_not_an_error():
    subscriber = SubscriberFactory()
    token = unsubscribe_token(subscriber.pk)
    subscriber.delete()
    assert services.unsubscribe(token=token) is None


def test_purge_erases_pending_addresses_only_once_their_last_link_expired(settings):
    settings.NEWSLETTER_CONFIRM_MAX_AGE = 3600
    now = timezone.now()
    expired = SubscriberFactory(
        status=SubscriberStatus.PENDING,
        confirmation_sent_at=now - datetime.timedelta(seconds=3601),
    )
    still_valid = SubscriberFactory(
        status=SubscriberStatus.PENDING,
        confirmation_sent_at=now - datetime.timedelta(seconds=3599),
    )
    confirmed = SubscriberFactory(confirmation_sent_at=now - datetime.timedelta(days=30))
    assert services.purge_unconfirmed(now=now) == 1
    remaining = set(Subscriber.objects.values_list("pk", flat=True))
    assert remaining == {still_valid.pk, confirmed.pk}
    assert expired.pk not in remaining


def test_queue_mailing_creates_one_delivery_per_confirmed_subscriber(
    dummy_tasks, admin_user, django_capture_on_commit_callbacks
):
    recipients = SubscriberFactory.create_batch(3)
    SubscriberFactory(status=SubscriberStatus.PENDING)
    SubscriberFactory(status=SubscriberStatus.UNSUBSCRIBED)
    SubscriberFactory(status=SubscriberStatus.BOUNCING)
    item = NewsItemFactory()
    with django_capture_on_commit_callbacks(execute=True):
        mailing = services.queue_mailing(news_item=item, requested_by=admin_user)
    assert mailing.status == MailingStatus.QUEUED
    assert mailing.recipient_count == 3
    assert mailing.title == item.title
    assert mailing.path_th == f"/news/{item.pk}/"
    assert mailing.path_en == f"/en/news/{item.pk}/"
    assert set(mailing.deliveries.values_list("subscriber_id", flat=True)) == {
        s.pk for s in recipients
    }
    assert set(mailing.deliveries.values_list("status", flat=True)) == {DeliveryStatus.QUEUED}
    # The first worker run is queued, holding the mailing's wakeup token.
    [run] = dummy_tasks.results
    assert run.task.name == "deliver_mailing"
    assert run.args == [mailing.pk, Mailing.objects.get().wakeup]


def test_a_news_item_is_mailed_at_most_once(dummy_tasks):
    SubscriberFactory()
    item = NewsItemFactory()
    services.queue_mailing(news_item=item)
    with pytest.raises(ValidationError) as error:
        services.queue_mailing(news_item=item)
    assert error.value.code == "news_already_mailed"
    assert Mailing.objects.count() == 1
    assert Delivery.objects.count() == 1


@pytest.mark.parametrize(
    ("status", "published_in_days"),
    [(PublicationStatus.DRAFT, -1), (PublicationStatus.PUBLISHED, 1)],
)
def test_a_draft_or_scheduled_news_item_cannot_be_mailed(status, published_in_days, dummy_tasks):
    SubscriberFactory()
    item = NewsItemFactory(
        status=status, published_at=timezone.now() + datetime.timedelta(days=published_in_days)
    )
    with pytest.raises(ValidationError) as error:
        services.queue_mailing(news_item=item)
    assert error.value.code == "news_not_public"
    assert not Mailing.objects.exists()


def test_a_mailing_needs_at_least_one_confirmed_subscriber(dummy_tasks):
    SubscriberFactory(status=SubscriberStatus.PENDING)
    with pytest.raises(ValidationError) as error:
        services.queue_mailing(news_item=NewsItemFactory())
    assert error.value.code == "no_recipients"
    assert not Mailing.objects.exists()


def test_officers_unsubscribe_and_mark_bouncing_in_bulk():
    first, second = SubscriberFactory.create_batch(2)
    assert services.unsubscribe_subscribers(subscribers=Subscriber.objects.filter(pk=first.pk)) == 1
    assert services.mark_bouncing(subscribers=Subscriber.objects.all()) == 2
    assert set(Subscriber.objects.values_list("status", flat=True)) == {SubscriberStatus.BOUNCING}
    assert services.mark_bouncing(subscribers=Subscriber.objects.all()) == 0
    second.refresh_from_db()
    assert second.bounced_at is not None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_signups_of_a_new_address_make_one_subscriber(settings):
    import threading
    from unittest import mock

    from django.db import connection

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    both_found_nothing = threading.Barrier(2, timeout=30)
    original = services._new_subscriber

    def insert_together(**fields):
        # Both signups looked the address up and found nothing; now both insert it.
        both_found_nothing.wait()
        return original(**fields)

    results, errors = [], []

    def sign_up():
        try:
            results.append(subscribe("together@example.com").pk)
        except Exception as error:  # noqa: BLE001 - the test reports it
            errors.append(error)
        finally:
            connection.close()

    with mock.patch.object(services, "_new_subscriber", insert_together):
        threads = [threading.Thread(target=sign_up) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert Subscriber.objects.count() == 1
    assert results == [Subscriber.objects.get().pk] * 2
