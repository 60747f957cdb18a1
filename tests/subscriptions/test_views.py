"""The public pages: signup (page and box), confirmation and unsubscribe links, abuse limits."""

import re
import time
from unittest import mock

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from portal.subscriptions.models import Subscriber, SubscriberStatus
from portal.subscriptions.tokens import confirmation_token, unsubscribe_token

from .factories import SubscriberFactory
from .support import links_in, run_due_tasks

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/news-mail/"
DONE_URL = "/news-mail/check-your-mail/"


def signup(client, email="somchai@example.com", ip="192.0.2.1", **fields):
    data = {"email": email, "name": "", "language": "th", "website": "", **fields}
    return client.post(SIGNUP_URL, data, REMOTE_ADDR=ip)


def test_the_urls_live_under_news_mail():
    assert reverse("subscriptions:signup") == SIGNUP_URL
    assert reverse("subscriptions:signup_done") == DONE_URL


def test_the_signup_page_shows_the_form_and_what_the_address_is_used_for(client):
    response = client.get(SIGNUP_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="email"' in html and 'name="name"' in html and 'name="language"' in html
    assert "เราใช้อีเมลของท่านเพื่อส่งข่าวของเครือข่ายเท่านั้น" in html
    assert 'name="website"' in html and 'tabindex="-1"' in html
    assert re.search(r'name="language" value="th"[^>]*checked', html)


def test_the_english_signup_page_preselects_english_mails(client):
    response = client.get("/en" + SIGNUP_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "We use your e-mail address only to send you the network" in html
    form = response.context["form"]
    assert form.fields["language"].initial == "en"


def test_a_signup_records_a_pending_address_and_queues_the_confirmation_mail(
    client, dummy_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(client, email=" Somchai@Example.com", name="สมชาย", language="en")
    assert response.status_code == 302
    assert response["Location"] == DONE_URL
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.name, subscriber.language, subscriber.status) == (
        "somchai@example.com",
        "สมชาย",
        "en",
        SubscriberStatus.PENDING,
    )
    assert "send_signup_mail" in [r.task.name for r in dummy_tasks.results]


@pytest.mark.parametrize(
    "existing",
    [None, SubscriberStatus.PENDING, SubscriberStatus.CONFIRMED, SubscriberStatus.UNSUBSCRIBED],
)
def test_the_answer_is_the_same_whether_or_not_the_address_is_on_the_list(
    existing, client, dummy_tasks
):
    if existing:
        SubscriberFactory(email="somchai@example.com", status=existing)
    response = signup(client)
    assert (response.status_code, response["Location"]) == (302, DONE_URL)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "หากอีเมลนี้รับข่าวได้ เราได้ส่งอีเมลพร้อมลิงก์ยืนยันไปให้แล้ว" in page.content.decode()


def test_an_invalid_address_gets_a_clear_message_and_nothing_is_recorded(client, dummy_tasks):
    response = signup(client, email="somchai.example.com")
    assert response.status_code == 200
    assert "อีเมลนี้ไม่ถูกต้อง: ตรวจว่ามีเครื่องหมาย @" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert dummy_tasks.results == []


def test_an_unknown_language_is_refused_with_a_message(client):
    response = signup(client, language="fr")
    assert response.status_code == 200
    assert "เลือกภาษาไทยหรือภาษาอังกฤษ" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_the_honeypot_gets_the_same_answer_but_records_and_sends_nothing(
    client, dummy_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(client, website="http://spam.example")
    assert (response.status_code, response["Location"]) == (302, DONE_URL)
    assert not Subscriber.objects.exists()
    assert dummy_tasks.results == []


def test_an_empty_honeypot_is_a_person(client, dummy_tasks):
    signup(client, website="")
    assert Subscriber.objects.count() == 1


def test_signups_from_one_ip_are_limited(client, settings, dummy_tasks):
    settings.NEWSLETTER_SIGNUP_LIMIT_PER_IP = 2
    assert signup(client, email="a@example.com").status_code == 302
    assert signup(client, email="b@example.com").status_code == 302
    refused = signup(client, email="c@example.com")
    assert refused.status_code == 429
    assert "หลายครั้งเกินไป" in refused.content.decode()
    assert not Subscriber.objects.filter(email="c@example.com").exists()
    assert signup(client, email="c@example.com", ip="192.0.2.2").status_code == 302


def test_signups_of_one_address_are_limited_whatever_the_ip(client, settings, dummy_tasks):
    settings.NEWSLETTER_SIGNUP_LIMIT_PER_ADDRESS = 2
    assert signup(client, ip="192.0.2.1").status_code == 302
    assert signup(client, email="SOMCHAI@example.com", ip="192.0.2.2").status_code == 302
    assert signup(client, ip="192.0.2.3").status_code == 429
    assert signup(client, email="somsri@example.com", ip="192.0.2.4").status_code == 302


def test_the_subscription_box_renders_a_form_posting_to_the_signup_page(rf):
    request = RequestFactory().get("/")
    html = Template("{% load subscriptions %}{% subscription_box %}").render(
        Context({"request": request, "csrf_token": "token-for-test"})
    )
    assert f'action="{SIGNUP_URL}"' in html
    assert 'name="csrfmiddlewaretoken" value="token-for-test"' in html
    assert 'id="subscription-box-email"' in html
    assert "ต้องการรับข่าว โปรดฝากอีเมลไว้" in html


def test_the_box_posts_work_with_csrf_checks(dummy_tasks):
    client = Client(enforce_csrf_checks=True)
    page = client.get(SIGNUP_URL)
    token = page.cookies["csrftoken"].value
    response = client.post(
        SIGNUP_URL,
        {"email": "somchai@example.com", "language": "th", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


@pytest.mark.parametrize("page_url", ["/", "/en/about/", "/no-such-page/"])
def test_the_box_in_the_frame_of_any_page_signs_up_with_csrf_checks(dummy_tasks, page_url):
    client = Client(enforce_csrf_checks=True)
    page = client.get(page_url).content.decode()
    box = page[page.index('class="subscription-box') :]
    action = re.search(r'<form method="post" action="([^"]+)"', box).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', box).group(1)
    response = client.post(
        action,
        {"email": "somchai@example.com", "language": "th", "csrfmiddlewaretoken": token},
        REMOTE_ADDR="192.0.2.1",
    )
    assert response.status_code == 302
    assert response["Location"] == action + "check-your-mail/"
    assert Subscriber.objects.get().email == "somchai@example.com"


# Confirmation


def confirm_url(token):
    return reverse("subscriptions:confirm", args=[token])


def test_opening_the_confirmation_link_asks_and_changes_nothing(client):
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING)
    response = client.get(confirm_url(confirmation_token(subscriber.pk)))
    assert response.status_code == 200
    html = response.content.decode()
    assert subscriber.email in html and '<form method="post">' in html
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


def test_pressing_confirm_confirms_without_a_csrf_cookie(dummy_tasks):
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING)
    response = Client(enforce_csrf_checks=True).post(confirm_url(confirmation_token(subscriber.pk)))
    assert response.status_code == 200
    assert "ยืนยันเรียบร้อย" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_a_second_confirmation_gets_a_clear_page(client):
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING)
    url = confirm_url(confirmation_token(subscriber.pk))
    client.post(url)
    for response in (client.post(url), client.get(url)):
        assert response.status_code == 200
        assert "อีเมลนี้ยืนยันการรับข่าวไว้ก่อนแล้ว" in response.content.decode()


def test_an_expired_confirmation_link_gets_a_clear_page(client, settings):
    settings.NEWSLETTER_CONFIRM_MAX_AGE = 3600
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING)
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 3601):
        token = confirmation_token(subscriber.pk)
    for response in (client.get(confirm_url(token)), client.post(confirm_url(token))):
        assert response.status_code == 410
        html = response.content.decode()
        assert "ลิงก์ยืนยันนี้หมดอายุแล้ว" in html
        assert f'href="{SIGNUP_URL}"' in html
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


def test_an_expired_link_of_an_address_confirmed_meanwhile_says_already_confirmed(client, settings):
    settings.NEWSLETTER_CONFIRM_MAX_AGE = 3600
    subscriber = SubscriberFactory()
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 7200):
        token = confirmation_token(subscriber.pk)
    response = client.get(confirm_url(token))
    assert response.status_code == 200
    assert "อีเมลนี้ยืนยันการรับข่าวไว้ก่อนแล้ว" in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_confirmation_link_gets_a_clear_page(client, method):
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING)
    token = confirmation_token(subscriber.pk)
    response = getattr(client, method)(confirm_url(token[:-2] + "xx"))
    assert response.status_code == 400
    assert "ลิงก์นี้ไม่ถูกต้อง" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


def test_a_confirmation_link_of_an_unsubscribed_address_gets_a_clear_page(client):
    subscriber = SubscriberFactory(status=SubscriberStatus.UNSUBSCRIBED)
    response = client.post(confirm_url(confirmation_token(subscriber.pk)))
    assert response.status_code == 410
    assert "ยกเลิกการรับข่าวไปแล้ว" in response.content.decode()


# Unsubscribe


def unsubscribe_url(subscriber):
    return reverse("subscriptions:unsubscribe", args=[unsubscribe_token(subscriber.pk)])


def test_opening_the_unsubscribe_link_shows_a_button_and_unsubscribes_nobody(client):
    subscriber = SubscriberFactory()
    response = client.get(unsubscribe_url(subscriber))
    assert response.status_code == 200
    assert "ยกเลิกการรับข่าว</button>" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_one_click_unsubscribe_is_a_post_without_login_or_cookies():
    """RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" to the header's URL."""
    subscriber = SubscriberFactory()
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe_url(subscriber),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None


def test_unsubscribing_twice_shows_the_same_page(client):
    subscriber = SubscriberFactory()
    url = unsubscribe_url(subscriber)
    client.post(url)
    for response in (client.post(url), client.get(url)):
        assert response.status_code == 200
        assert "ยกเลิกการรับข่าวแล้ว" in response.content.decode()


def test_a_tampered_unsubscribe_link_gets_a_clear_page(client):
    subscriber = SubscriberFactory()
    response = client.post(unsubscribe_url(subscriber).replace(":", ":x", 1))
    assert response.status_code == 400
    assert "ลิงก์นี้ไม่ถูกต้อง" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_subscribing_again_after_unsubscribing_works(
    client, immediate_tasks, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_CONFIRM_RESEND_SECONDS = 0
    settings.NEWSLETTER_SITE_URL = "http://testserver"
    subscriber = SubscriberFactory(email="somchai@example.com")
    client.post(unsubscribe_url(subscriber))
    with django_capture_on_commit_callbacks(execute=True):
        signup(client)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING
    # With the immediate backend the mail went out when the signup committed.
    [link] = links_in(mailoutbox[-1], "/news-mail/confirm/")
    client.post(link)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_the_whole_path_in_django(
    client, dummy_tasks, mailoutbox, settings, django_capture_on_commit_callbacks
):
    """Sign up, read the mail, confirm: what the browser test does, without the browser."""
    settings.NEWSLETTER_SITE_URL = "http://testserver"
    with django_capture_on_commit_callbacks(execute=True):
        signup(client, email="somsri@example.com", language="en")
    run_due_tasks(dummy_tasks)
    [message] = mailoutbox
    assert message.to == ["somsri@example.com"]
    assert message.subject.startswith("Confirm your subscription")
    [link] = links_in(message, "/confirm/")
    assert link.startswith("http://testserver/en/news-mail/confirm/")
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED


@pytest.mark.parametrize("email", ["x@localhost", "x@[127.0.0.1]", "x@intranet", "x@192.168.1.10"])
def test_a_signup_without_a_public_domain_is_refused_with_the_reason(client, email):
    response = signup(client, email=email)
    assert response.status_code == 200
    # x@intranet has no dot, which Django's own check refuses; both messages show a good address.
    assert "somchai@example.com" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_a_private_domain_is_named_as_the_reason(client):
    assert "ชื่อโดเมนหลัง @" in signup(client, email="x@localhost").content.decode()


def test_the_reason_reads_in_english_on_the_english_page(client):
    response = client.post(
        "/en" + SIGNUP_URL, {"email": "x@localhost", "language": "en"}, REMOTE_ADDR="192.0.2.1"
    )
    assert "the domain after the @ must be one used on the Internet" in response.content.decode()


def test_a_signup_keeps_the_name_without_its_control_characters(client, dummy_tasks):
    response = signup(client, name="\u202eสมชาย\x1b\tใจดี\u200b")
    assert response.status_code == 302
    assert Subscriber.objects.get().name == "สมชาย ใจดี"
