"""Editing the site in admin: uploads checked with a message, renditions made, publishing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import NewsItem, PublicationStatus, ShowcaseItem
from tests.members.factories import MemberFactory
from tests.portal.factories import (
    NewsItemFactory,
    PageFactory,
    PartnerLinkFactory,
    ShowcaseImageFactory,
    uploaded_image,
)

pytestmark = pytest.mark.django_db


def news_form(**overrides):
    data = {
        "title": "ข่าวจากผู้ดูแล",
        "summary": "สรุป",
        "body": "เนื้อหา",
        "status": PublicationStatus.PUBLISHED,
        "published_at_0": "2026-11-20",
        "published_at_1": "09:00:00",
        "image_alt": "ภาพการประชุม",
        "image_alt_en": "",
        "title_en": "",
        "summary_en": "",
        "body_en": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("model", ["page", "newsitem", "showcaseitem", "partnerlink"])
def test_admin_lists_and_forms_open(admin_client, model):
    PageFactory()
    NewsItemFactory(with_image=True)
    ShowcaseImageFactory()
    PartnerLinkFactory()
    assert admin_client.get(reverse(f"admin:portal_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:portal_{model}_add")).status_code == 200


def test_uploading_news_image_makes_renditions(admin_client):
    response = admin_client.post(
        reverse("admin:portal_newsitem_add"),
        news_form(image=uploaded_image("meeting.jpg", 1600, 900, "JPEG")),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = NewsItem.objects.get()
    assert sorted(item.renditions) == ["1200", "400"]
    assert item.author is not None


def test_wrong_file_type_is_refused_with_a_message_and_nothing_saved(admin_client):
    response = admin_client.post(
        reverse("admin:portal_newsitem_add"),
        news_form(image=uploaded_image("anim.gif", image_format="GIF")),
    )
    assert response.status_code == 200
    assert "JPEG, PNG หรือ WebP" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(
        reverse("admin:portal_newsitem_add"),
        news_form(image=SimpleUploadedFile("notes.jpg", b"just text")),
    )
    assert response.status_code == 200
    assert "ไม่ใช่ภาพที่เปิดได้" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_oversized_upload_is_refused_with_the_limit(admin_client, settings):
    settings.PORTAL_IMAGE_MAX_BYTES = 1024
    response = admin_client.post(
        reverse("admin:portal_newsitem_add"),
        news_form(image=uploaded_image("big.png", 800, 800)),
    )
    assert response.status_code == 200
    assert "เกินกว่าที่รับได้" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_news_list_shows_scheduled_items_as_scheduled(admin_client):
    NewsItemFactory(published_at=timezone.now() + datetime.timedelta(days=2))
    page = admin_client.get(reverse("admin:portal_newsitem_changelist")).content.decode()
    assert "ตั้งเวลาเผยแพร่" in page


def test_publish_and_withdraw_actions(admin_client):
    draft = NewsItemFactory(status=PublicationStatus.DRAFT)
    url = reverse("admin:portal_newsitem_changelist")
    admin_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.PUBLISHED
    admin_client.post(url, {"action": "withdraw", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.DRAFT


def test_showcase_item_with_inline_images_gets_renditions(admin_client):
    member = MemberFactory()
    response = admin_client.post(
        reverse("admin:portal_showcaseitem_add"),
        {
            "title": "ผลงานใหม่",
            "category": "teaching",
            "member": member.pk,
            "large_group": "",
            "summary": "สรุป",
            "description": "รายละเอียด",
            "status": PublicationStatus.PUBLISHED,
            "published_at_0": "2026-11-20",
            "published_at_1": "09:00:00",
            "title_en": "",
            "summary_en": "",
            "description_en": "",
            "images-TOTAL_FORMS": "1",
            "images-INITIAL_FORMS": "0",
            "images-MIN_NUM_FORMS": "0",
            "images-MAX_NUM_FORMS": "1000",
            "images-0-image": uploaded_image("work.png", 900, 600),
            "images-0-image_alt": "นักเรียนทำกิจกรรม",
            "images-0-image_alt_en": "",
            "images-0-position": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    image = ShowcaseItem.objects.get().images.get()
    assert sorted(image.renditions) == ["400", "900"]
