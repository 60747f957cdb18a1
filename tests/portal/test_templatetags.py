"""Template helpers: Buddhist Era dates, text blocks, responsive images and public names."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from core.templatetags.thai_dates import buddhist_era_years, format_date, format_datetime
from members.models import Title
from portal.templatetags.portal_tags import member_name, render_text_blocks, responsive_image
from tests.portal.factories import NewsItemFactory, uploaded_image

UTC = datetime.UTC
BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


def test_thai_date_is_in_the_buddhist_era():
    with translation.override("th"):
        assert format_date(datetime.date(2026, 11, 25)) == "25 พฤศจิกายน 2569"
        assert format_date(datetime.date(2026, 11, 25), short=True) == "25 พ.ย. 2569"


def test_english_date_is_in_the_common_era():
    with translation.override("en"):
        assert format_date(datetime.date(2026, 11, 25)) == "25 November 2026"
        assert format_date(datetime.date(2026, 11, 25), short=True) == "25 Nov 2026"


def test_aware_datetimes_are_dated_in_bangkok():
    # 16:59 UTC is 23:59 in Bangkok on the same day; 17:00 UTC is already the next day there.
    with translation.override("th"):
        assert format_date(datetime.datetime(2026, 12, 31, 16, 59, tzinfo=UTC)) == "31 ธันวาคม 2569"
        assert format_date(datetime.datetime(2026, 12, 31, 17, 0, tzinfo=UTC)) == "1 มกราคม 2570"


def test_datetime_shows_the_local_time():
    moment = datetime.datetime(2026, 11, 25, 14, 30, tzinfo=BANGKOK)
    with translation.override("th"):
        assert format_datetime(moment) == "25 พฤศจิกายน 2569 เวลา 14:30 น."
    with translation.override("en"):
        assert format_datetime(moment) == "25 November 2026 at 14:30"


def test_thai_date_filter_in_a_template_and_nothing_for_no_date():
    template = Template("{% load thai_dates %}[{{ day|thai_date }}][{{ none|thai_date }}]")
    with translation.override("th"):
        rendered = template.render(Context({"day": datetime.date(2024, 1, 16), "none": None}))
    assert rendered == "[16 มกราคม 2567][]"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2025", "2568"),
        ("พฤศจิกายน 2025", "พฤศจิกายน 2568"),
        ("1800", "2343"),
        ("2199", "2742"),
        # Not C.E. years: outside the range, or part of a longer number.
        ("1799", "1799"),
        ("2200", "2200"),
        ("12025", "12025"),
        ("25 พฤศจิกายน", "25 พฤศจิกายน"),
    ],
)
def test_date_hierarchy_labels_get_buddhist_era_years(label, expected):
    assert buddhist_era_years(label) == expected


def test_date_hierarchy_labels_stay_common_era_in_english():
    with translation.override("en"):
        assert buddhist_era_years("November 2025") == "November 2025"


def test_text_blocks_make_headings_paragraphs_lists_and_tables():
    html = render_text_blocks(
        "## หัวข้อ\nย่อหน้าแรก\nบรรทัดสอง\n\n- หนึ่ง\n- สอง\n\n1. แรก\n2. ที่สอง\n\n"
        "| ก | ข |\n| --- | --- |\n| 1 | 2 |"
    )
    assert "<h2>หัวข้อ</h2>" in html
    assert "<p>ย่อหน้าแรก<br>บรรทัดสอง</p>" in html
    assert "<ul><li>หนึ่ง</li><li>สอง</li></ul>" in html
    assert "<ol><li>แรก</li><li>ที่สอง</li></ol>" in html
    assert '<th scope="col">ก</th>' in html and "<td>2</td>" in html
    assert "---" not in html


def test_text_blocks_escape_everything_typed():
    html = render_text_blocks('<script>alert(1)</script>\n\n- <b>x</b>\n\n| <i> | "q" |')
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_responsive_image_has_srcset_size_and_lazy_loading():
    item = NewsItemFactory(image=uploaded_image(width=1600, height=1000), image_alt="ครูกับนักเรียน")
    html = responsive_image(item, sizes="100vw")
    assert "400w" in html and "1200w" in html
    assert 'width="1200" height="750"' in html
    assert 'loading="lazy"' in html and 'alt="ครูกับนักเรียน"' in html
    eager = responsive_image(item, eager=True)
    assert 'fetchpriority="high"' in eager and "lazy" not in eager


@pytest.mark.django_db
def test_responsive_image_of_an_item_without_image_is_empty():
    assert responsive_image(NewsItemFactory()) == ""


def test_member_name_is_title_and_names_in_each_language():
    class Member:
        title = Title.MRS
        first_name = "สมศรี"
        last_name = "ใจดี"

    with translation.override("th"):
        assert member_name(Member()) == "นางสมศรี ใจดี"
    with translation.override("en"):
        assert member_name(Member()).endswith(" สมศรี ใจดี")
