"""The officers' admin: subscribers with counts, search and CSV; sending a news item; progress."""

import csv
import io

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from portal.models import NewsItem, PublicationStatus
from portal.subscriptions.admin import send_by_email
from portal.subscriptions.models import Delivery, DeliveryStatus, Mailing, SubscriberStatus

from .factories import NewsItemFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

SUBSCRIBERS_URL = reverse("admin:subscriptions_subscriber_changelist")
MAILINGS_URL = reverse("admin:subscriptions_mailing_changelist")
ADD_MAILING_URL = reverse("admin:subscriptions_mailing_add")


def subscribers_in_every_state(per_state: int = 1):
    for status in SubscriberStatus.values:
        SubscriberFactory.create_batch(per_state, status=status)


def test_the_subscriber_list_shows_counts_per_status(admin_client):
    SubscriberFactory.create_batch(3)
    SubscriberFactory(status=SubscriberStatus.PENDING)
    SubscriberFactory(status=SubscriberStatus.BOUNCING)
    response = admin_client.get(SUBSCRIBERS_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>ยืนยันแล้ว</strong> 3" in html
    assert "<strong>รอยืนยัน</strong> 1" in html
    assert "<strong>ยกเลิกแล้ว</strong> 0" in html
    assert "<strong>อีเมลตีกลับ</strong> 1" in html
    # Dates in the Buddhist Era.
    assert str(timezone.localdate().year + 543) in html


def test_the_subscriber_list_filters_by_status_and_searches_by_address(admin_client):
    SubscriberFactory(email="somchai@example.com", name="สมชาย")
    SubscriberFactory(email="somsri@example.com", status=SubscriberStatus.PENDING)
    found = admin_client.get(SUBSCRIBERS_URL, {"q": "SOMCHAI"})
    assert [s.email for s in found.context["cl"].result_list] == ["somchai@example.com"]
    by_name = admin_client.get(SUBSCRIBERS_URL, {"q": "สมชาย"})
    assert [s.email for s in by_name.context["cl"].result_list] == ["somchai@example.com"]
    pending = admin_client.get(SUBSCRIBERS_URL, {"status__exact": "pending"})
    assert [s.email for s in pending.context["cl"].result_list] == ["somsri@example.com"]


@pytest.mark.parametrize("per_state", [1, 10])
def test_the_subscriber_list_runs_a_fixed_number_of_queries(
    per_state, admin_client, django_assert_num_queries
):
    subscribers_in_every_state(per_state)
    admin_client.get(SUBSCRIBERS_URL)  # the session and user are loaded and cached once
    # session, user, the counts per status above the list, the filtered count, the total count
    # for "n of N", the page of rows, the date hierarchy (first and last date, then the days),
    # the facet counts of the status and of the language filter (one query each).
    with django_assert_num_queries(10):
        response = admin_client.get(SUBSCRIBERS_URL)
    assert len(response.context["cl"].result_list) == 4 * per_state


def test_subscribers_cannot_be_added_in_admin_only_through_double_opt_in(admin_client):
    response = admin_client.get(reverse("admin:subscriptions_subscriber_add"))
    assert response.status_code == 403


def test_export_csv_streams_the_selected_subscribers_safely(admin_client):
    SubscriberFactory(email="somchai@example.com", name="สมชาย ใจดี", language="th")
    SubscriberFactory(email="evil@example.com", name='=HYPERLINK("http://x")')
    SubscriberFactory(email="left@example.com", status=SubscriberStatus.UNSUBSCRIBED)
    response = admin_client.post(
        SUBSCRIBERS_URL,
        {"action": "export_csv", "select_across": "1", "_selected_action": ["0"]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:4] == ["อีเมล", "ชื่อ", "ภาษาของอีเมล", "สถานะ"]
    by_email = {row[0]: row for row in rows[1:]}
    assert set(by_email) == {"somchai@example.com", "evil@example.com", "left@example.com"}
    assert by_email["somchai@example.com"][1:4] == ["สมชาย ใจดี", "th", "ยืนยันแล้ว"]
    # A name that a spreadsheet would run as a formula is exported as text.
    assert by_email["evil@example.com"][1] == '\'=HYPERLINK("http://x")'
    assert by_email["left@example.com"][3] == "ยกเลิกแล้ว"


def test_officers_unsubscribe_or_mark_bouncing_from_the_list(admin_client):
    first, second = SubscriberFactory.create_batch(2)
    admin_client.post(
        SUBSCRIBERS_URL, {"action": "unsubscribe_selected", "_selected_action": [first.pk]}
    )
    admin_client.post(
        SUBSCRIBERS_URL, {"action": "mark_bouncing_selected", "_selected_action": [second.pk]}
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (
        SubscriberStatus.UNSUBSCRIBED,
        SubscriberStatus.BOUNCING,
    )


def test_the_send_page_offers_only_published_items_not_yet_mailed(admin_client, dummy_tasks):
    SubscriberFactory.create_batch(2)
    published = NewsItemFactory(title="ข่าวเผยแพร่แล้ว")
    NewsItemFactory(title="ฉบับร่าง", status=PublicationStatus.DRAFT)
    mailed = NewsItemFactory(title="ส่งแล้ว")
    Mailing.objects.create(news_item=mailed, title=mailed.title, path_th="/", path_en="/en/")
    response = admin_client.get(ADD_MAILING_URL, {"news_item": published.pk})
    assert response.status_code == 200
    choices = list(response.context["form"].fields["news_item"].queryset)
    assert choices == [published]
    html = response.content.decode()
    assert "ในขณะนี้ 2 คน" in html
    assert f'<option value="{published.pk}" selected>' in html


def test_sending_from_admin_queues_the_mailing_and_shows_its_progress(
    admin_client, admin_user, dummy_tasks, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(3)
    item = NewsItemFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(ADD_MAILING_URL, {"news_item": item.pk})
    mailing = Mailing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:subscriptions_mailing_change", args=[mailing.pk])
    assert (mailing.news_item, mailing.requested_by, mailing.recipient_count) == (
        item,
        admin_user,
        3,
    )
    # Nothing was sent in the request: the worker's task is queued.
    assert [r.task.name for r in dummy_tasks.results] == ["deliver_mailing"]
    page = admin_client.get(response["Location"])
    html = page.content.decode()
    assert "ส่งแล้ว 0 จาก 3" in html
    assert "mailing__id__exact=" in html


def test_sending_without_confirmed_subscribers_says_why(admin_client, dummy_tasks):
    SubscriberFactory(status=SubscriberStatus.PENDING)
    item = NewsItemFactory()
    response = admin_client.post(ADD_MAILING_URL, {"news_item": item.pk})
    assert response.status_code == 200
    assert "ยังไม่มีผู้รับข่าวที่ยืนยันอีเมลแล้ว" in response.content.decode()
    assert not Mailing.objects.exists()


def test_sending_a_draft_by_a_forged_post_is_refused_with_a_message(admin_client, dummy_tasks):
    SubscriberFactory()
    draft = NewsItemFactory(status=PublicationStatus.DRAFT)
    response = admin_client.post(ADD_MAILING_URL, {"news_item": draft.pk})
    assert response.status_code == 200
    assert "ข่าวนี้ส่งไม่ได้" in response.content.decode()
    assert not Mailing.objects.exists()


def mailing_with_progress(recipients: int) -> Mailing:
    subscribers = SubscriberFactory.create_batch(recipients)
    item = NewsItemFactory()
    mailing = Mailing.objects.create(
        news_item=item, title=item.title, path_th="/", path_en="/en/", recipient_count=recipients
    )
    Delivery.objects.bulk_create(
        Delivery(mailing=mailing, subscriber=s, status=DeliveryStatus.QUEUED) for s in subscribers
    )
    return mailing


@pytest.mark.parametrize("mailings", [1, 5])
def test_the_mailing_list_shows_progress_in_a_fixed_number_of_queries(
    mailings, admin_client, django_assert_num_queries
):
    for _ in range(mailings):
        mailing = mailing_with_progress(4)
    Delivery.objects.filter(mailing=mailing, pk__in=mailing.deliveries.values("pk")[:3]).update(
        status=DeliveryStatus.SENT, sent_at="2026-01-01T00:00:00Z"
    )
    admin_client.get(MAILINGS_URL)
    # session, user, filtered count, total count, the page of mailings with their per-status
    # counts and who requested them (one query with joins).
    with django_assert_num_queries(5):
        response = admin_client.get(MAILINGS_URL)
    assert "ส่งแล้ว 3 จาก 4" in response.content.decode()


def test_the_delivery_list_filters_a_mailing_by_status(admin_client):
    mailing = mailing_with_progress(3)
    Delivery.objects.filter(pk=mailing.deliveries.first().pk).update(status=DeliveryStatus.BOUNCED)
    response = admin_client.get(
        reverse("admin:subscriptions_delivery_changelist"),
        {"mailing__id__exact": mailing.pk, "status__exact": "bounced"},
    )
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 1


@pytest.mark.parametrize("recipients", [2, 20])
def test_the_delivery_list_runs_a_fixed_number_of_queries(
    recipients, admin_client, django_assert_num_queries
):
    mailing_with_progress(recipients)
    url = reverse("admin:subscriptions_delivery_changelist")
    admin_client.get(url)
    # session, user, filtered count, total count, the page of deliveries with their subscribers
    # and mailings (one query with joins), the facet counts of the status filter and of the
    # mailing filter, and the mailings listed in that filter.
    with django_assert_num_queries(8):
        response = admin_client.get(url)
    assert len(response.context["cl"].result_list) == recipients


def test_a_mailing_being_sent_cannot_be_deleted(admin_client):
    mailing = mailing_with_progress(1)
    response = admin_client.get(reverse("admin:subscriptions_mailing_delete", args=[mailing.pk]))
    assert response.status_code == 403


def test_the_news_admin_action_opens_the_send_page_for_one_item(admin_user):
    item = NewsItemFactory()
    request = RequestFactory().post("/")
    request.user = admin_user
    model_admin = site._registry.get(NewsItem)
    response = send_by_email(model_admin, request, NewsItem.objects.filter(pk=item.pk))
    assert response.status_code == 302
    assert response["Location"] == f"{ADD_MAILING_URL}?news_item={item.pk}"
