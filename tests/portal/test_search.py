"""Search over published news and showcase: Thai words inside sentences, English in any case."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import PublicationStatus
from portal.selectors import SEARCH_MAX_LENGTH, clean_search_query, search
from tests.members.factories import MemberFactory
from tests.portal.factories import NewsItemFactory, ShowcaseItemFactory

pytestmark = pytest.mark.django_db


def search_page(client, text) -> str:
    return client.get(reverse("portal:search"), {"q": text}).content.decode()


def test_a_thai_word_from_the_middle_of_a_sentence_is_found(client):
    item = NewsItemFactory(body="สมาชิกกลุ่มย่อยร่วมกันปลูกผักปลอดสารพิษขายที่ตลาดนัดทุกวันเสาร์")
    other = NewsItemFactory(body="ประชุมคณะกรรมการประจำเดือน")
    page = search_page(client, "ปลอดสารพิษ")
    assert item.title in page and other.title not in page


def test_showcase_descriptions_and_member_names_are_searched(client):
    work = ShowcaseItemFactory(description="ครูทำปุ๋ยหมักจากใบไม้ในโรงเรียนเพื่อลดรายจ่าย")
    by_name = ShowcaseItemFactory(member=MemberFactory(first_name="ประภาพร"))
    assert work.title in search_page(client, "ปุ๋ยหมัก")
    assert by_name.title in search_page(client, "ประภาพร")


def test_english_search_is_case_insensitive(client):
    item = NewsItemFactory(title_en="Savings Training for New Members")
    assert item.title in search_page(client, "savings TRAINING")


def test_every_word_must_match(client):
    both = NewsItemFactory(body="อบรมการออมเงินสำหรับครู")
    one = NewsItemFactory(body="อบรมการสอนคณิตศาสตร์")
    page = search_page(client, "อบรม ออมเงิน")
    assert both.title in page and one.title not in page


def test_drafts_and_scheduled_items_are_not_found(client):
    NewsItemFactory(title="ข่าวฉบับร่างลับ", status=PublicationStatus.DRAFT)
    NewsItemFactory(title="ข่าวตั้งเวลาลับ", published_at=timezone.now() + datetime.timedelta(days=1))
    ShowcaseItemFactory(title="ผลงานร่างลับ", status=PublicationStatus.DRAFT)
    page = search_page(client, "ลับ")
    assert "ข่าวฉบับร่างลับ" not in page
    assert "ข่าวตั้งเวลาลับ" not in page
    assert "ผลงานร่างลับ" not in page
    assert "ไม่พบข่าวหรือผลงาน" in page


def test_like_wildcards_are_matched_literally():
    percent = NewsItemFactory(body="ลดดอกเบี้ยลง 50% ต่อปี")
    NewsItemFactory(body="ดอกเบี้ย 50 บาท")
    assert search(query="50%").news == [percent]
    assert search(query="_").news == []


def test_one_character_is_too_short_and_two_are_enough(client):
    NewsItemFactory(title="ข่าว ก ข")
    assert "พิมพ์อย่างน้อย 2 ตัวอักษร" in search_page(client, "ก")
    assert "พิมพ์อย่างน้อย" not in search_page(client, "กข")


def test_query_is_trimmed_and_capped_in_length(client):
    assert clean_search_query("  ครู   ออม  ") == "ครู ออม"
    long_text = "ก" * (SEARCH_MAX_LENGTH + 50)
    assert len(clean_search_query(long_text)) == SEARCH_MAX_LENGTH
    page = search_page(client, long_text)
    assert "ไม่เกิน 100 ตัวอักษร" in page


def test_search_text_is_escaped_on_the_page(client):
    page = search_page(client, "<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_results_are_capped_and_say_there_are_more(client):
    NewsItemFactory.create_batch(21, body="กิจกรรมจิตอาสา")
    results = search(query="จิตอาสา")
    assert len(results.news) == 20 and results.news_more
    assert not search(query="ไม่มีคำนี้แน่นอน").news_more


def test_empty_search_shows_the_form_only(client):
    response = client.get(reverse("portal:search"))
    assert response.status_code == 200
    assert "ไม่พบ" not in response.content.decode()
