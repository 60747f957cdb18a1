"""The demo content: written once, in Thai and English, with pictures, linked to roster members."""

import datetime

import pytest
from django.utils import translation

from portal.demo_content import build_demo_content, pictures
from portal.models import NewsItem, Page, PartnerLink, ShowcaseImage, ShowcaseItem
from tests.groups.factories import SmallGroupFactory, fill_small_group
from tests.portal.conftest import image_bytes

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def small_pictures(monkeypatch):
    # The real drawings take seconds; their content does not matter to these tests.
    monkeypatch.setattr(
        "portal.demo_content.picture", lambda scene, seed: image_bytes(150, 100, "JPEG")
    )


def test_without_members_it_writes_pages_links_and_news_but_no_showcase(small_pictures):
    result = build_demo_content(today=TODAY)
    assert result.showcase == 0 and not ShowcaseItem.objects.exists()
    assert set(Page.objects.values_list("slug", flat=True)) == {"about", "services"}
    assert PartnerLink.objects.count() == 4
    assert NewsItem.objects.published(now=None).count() >= 8
    assert NewsItem.objects.drafts().exists() and NewsItem.objects.scheduled().exists()


def test_with_members_it_adds_showcase_in_three_categories_with_images(small_pictures):
    small_group = SmallGroupFactory()
    fill_small_group(small_group, 10)
    result = build_demo_content(today=TODAY)
    assert result.showcase == 9
    assert set(ShowcaseItem.objects.values_list("category", flat=True)) == {
        "income",
        "academic",
        "teaching",
    }
    assert ShowcaseItem.objects.featured().count() == 3
    assert all(
        item.large_group_id == small_group.large_group_id for item in ShowcaseItem.objects.all()
    )
    assert all(image.renditions for image in ShowcaseImage.objects.all())


def test_running_it_again_changes_nothing(small_pictures):
    fill_small_group(SmallGroupFactory(), 10)
    build_demo_content(today=TODAY)
    counts = (NewsItem.objects.count(), ShowcaseItem.objects.count(), Page.objects.count())
    again = build_demo_content(today=TODAY)
    assert (again.pages, again.news, again.showcase, again.partner_links) == (0, 0, 0, 0)
    assert counts == (NewsItem.objects.count(), ShowcaseItem.objects.count(), Page.objects.count())


def test_news_dates_follow_the_given_day(small_pictures):
    build_demo_content(today=TODAY)
    newest = NewsItem.objects.published(now=None).latest_first().first()
    assert newest is not None
    assert newest.published_at.date() <= TODAY


def test_content_is_written_in_both_languages(small_pictures):
    build_demo_content(today=TODAY)
    about = Page.objects.get(slug="about")
    with translation.override("en"):
        assert about.local.title == "About us"
    assert "0.5" in about.body and "0.5%" in about.body_en
    assert all(item.title_en for item in NewsItem.objects.all())


@pytest.mark.parametrize("scene", sorted(pictures.SCENES))
def test_every_picture_scene_draws_a_jpeg(scene):
    data = pictures.picture(scene, seed=1)
    assert data[:3] == b"\xff\xd8\xff"
