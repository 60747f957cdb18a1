"""The news feeds and sitemap.xml list what is public, in both languages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import PublicationStatus
from tests.portal.factories import NewsItemFactory, PageFactory, ShowcaseItemFactory, Site

pytestmark = pytest.mark.django_db


def test_rss_feed_lists_published_news_only(client):
    item = NewsItemFactory(title="ข่าวในฟีด")
    NewsItemFactory(title="ข่าวร่าง", status=PublicationStatus.DRAFT)
    NewsItemFactory(title="ข่าวอนาคต", published_at=timezone.now() + datetime.timedelta(days=1))
    response = client.get(reverse("portal:news_feed"))
    assert response["Content-Type"].startswith("application/rss+xml")
    text = response.content.decode()
    assert "ข่าวในฟีด" in text and f"/news/{item.pk}/" in text
    assert "ข่าวร่าง" not in text and "ข่าวอนาคต" not in text
    assert "<language>th</language>" in text


def test_english_feed_has_english_titles_and_links(client):
    item = NewsItemFactory(title_en="News in the feed")
    text = client.get("/en/news/feed/").content.decode()
    assert "News in the feed" in text and f"/en/news/{item.pk}/" in text
    assert "<language>en</language>" in text


def test_atom_feed(client):
    NewsItemFactory(title="ข่าวอะตอม")
    response = client.get(reverse("portal:news_atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "ข่าวอะตอม" in response.content.decode()


def test_sitemap_lists_public_pages_in_both_languages(client):
    site = Site(size=2)
    hidden = NewsItemFactory(status=PublicationStatus.DRAFT)
    PageFactory(slug="contact")
    text = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver/news/{site.news[0].pk}/" in text
    assert f"http://testserver/en/news/{site.news[0].pk}/" in text
    assert f"http://testserver/showcase/{site.showcase[0].pk}/" in text
    assert f"/committees/{site.province.pk}/" in text
    assert "http://testserver/pages/contact/" in text
    assert 'hreflang="x-default"' in text
    assert f"/news/{hidden.pk}/" not in text
    unpublished = ShowcaseItemFactory(status=PublicationStatus.DRAFT)
    assert f"/showcase/{unpublished.pk}/" not in client.get("/sitemap.xml").content.decode()
