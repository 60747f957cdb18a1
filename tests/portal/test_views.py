"""Every public page answers with its content, in Thai and in English; what is not public is 404."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from groups import services as group_services
from networks import services as network_services
from networks.models import Level
from portal.models import PublicationStatus, ShowcaseCategory
from tests.factories import TEST_ACTOR
from tests.networks.factories import AreaFactory
from tests.portal.factories import (
    NewsItemFactory,
    PageFactory,
    ShowcaseImageFactory,
    ShowcaseItemFactory,
    Site,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return Site(size=3)


def html(response) -> str:
    return response.content.decode()


def test_home_shows_latest_news_featured_work_partners_and_every_section(client, site):
    page = html(client.get(reverse("portal:home")))
    assert site.news[0].title in page
    assert site.showcase[0].title in page
    assert site.partner_links[0].url in page
    for name in ["about", "services", "committee_index", "showcase_index", "news_list"]:
        assert f'href="{reverse(f"portal:{name}")}"' in page


def test_home_in_english_uses_english_titles_and_interface(client, site):
    page = html(client.get("/en/"))
    assert '<html lang="en">' in page
    assert site.news[0].title_en in page
    assert "Latest news" in page


def test_language_switcher_links_the_same_page_in_the_other_language(client, site):
    item = site.news[0]
    page = html(client.get(reverse("portal:news_detail", args=[item.pk])))
    assert f'href="/en/news/{item.pk}/" hreflang="en"' in page
    english = html(client.get(f"/en/news/{item.pk}/"))
    assert f'href="/news/{item.pk}/" hreflang="th"' in english
    assert f'hreflang="en" href="http://testserver/en/news/{item.pk}/"' in english


@pytest.mark.parametrize("name", ["about", "services"])
def test_fixed_pages_show_their_text(client, name):
    page = PageFactory(slug=name, title=f"หน้า {name}", body="## หัวข้อหนึ่ง\nเนื้อความของหน้า")
    response = client.get(reverse(f"portal:{name}"))
    assert response.status_code == 200
    assert page.title in html(response)
    assert "<h2>หัวข้อหนึ่ง</h2>" in html(response)


def test_fixed_page_not_written_yet_still_answers_and_is_not_indexed(client):
    response = client.get(reverse("portal:about"))
    assert response.status_code == 200
    assert 'content="noindex"' in html(response)


def test_other_pages_by_slug_and_unknown_slug_is_404(client):
    PageFactory(slug="contact", title="ติดต่อเรา")
    assert "ติดต่อเรา" in html(client.get(reverse("portal:page", args=["contact"])))
    assert client.get(reverse("portal:page", args=["nothing"])).status_code == 404


def test_english_page_without_english_text_shows_thai_marked_as_thai(client):
    PageFactory(slug="about", body="เนื้อหาภาษาไทย", body_en="")
    page = html(client.get("/en/about/"))
    assert '<div lang="th">' in page
    assert "This content is available in Thai only" in page or "Thai only" in page


def test_news_list_is_paginated_newest_first(client):
    now = timezone.now()
    items = [
        NewsItemFactory(published_at=now - datetime.timedelta(days=day)) for day in range(1, 11)
    ]
    first = html(client.get(reverse("portal:news_list")))
    assert items[0].title in first and items[8].title in first
    assert items[9].title not in first
    second = html(client.get(reverse("portal:news_list") + "?page=2"))
    assert items[9].title in second
    assert client.get(reverse("portal:news_list") + "?page=3").status_code == 404
    assert client.get(reverse("portal:news_list") + "?page=abc").status_code == 404


def test_news_item_page_shows_date_in_buddhist_era(client):
    item = NewsItemFactory(
        published_at=timezone.make_aware(datetime.datetime(2026, 11, 25, 9, 0)),
        body="## รายละเอียด\nข้อความข่าว",
    )
    page = html(client.get(item.get_absolute_url()))
    assert item.title in page and "25 พฤศจิกายน 2569" in page and "<h2>รายละเอียด</h2>" in page
    english = html(client.get(f"/en/news/{item.pk}/"))
    assert "25 November 2026" in english


def test_draft_and_scheduled_news_are_not_public(client):
    draft = NewsItemFactory(status=PublicationStatus.DRAFT)
    scheduled = NewsItemFactory(published_at=timezone.now() + datetime.timedelta(hours=1))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    listing = html(client.get(reverse("portal:news_list")))
    assert draft.title not in listing and scheduled.title not in listing


def test_news_cover_image_is_served_in_renditions(client):
    item = NewsItemFactory(with_image=True)
    page = html(client.get(item.get_absolute_url()))
    rendition = item.rendition_list()[0]["url"]
    assert rendition in page
    assert client.get(rendition).status_code == 200


def test_media_is_not_served_when_a_front_server_does_it(client, settings):
    item = NewsItemFactory(with_image=True)
    settings.SERVE_MEDIA = False
    assert client.get(item.rendition_list()[0]["url"]).status_code == 404


def test_showcase_index_shows_three_categories_with_their_newest_work(client):
    for category in ShowcaseCategory.values:
        ShowcaseItemFactory.create_batch(4, category=category)
    page = html(client.get(reverse("portal:showcase_index")))
    for category in ShowcaseCategory:
        assert str(category.label) in page
    assert page.count('class="card h-100 content-card"') == 9


def test_showcase_category_lists_only_its_category(client):
    income = ShowcaseItemFactory(category=ShowcaseCategory.INCOME)
    teaching = ShowcaseItemFactory(category=ShowcaseCategory.TEACHING)
    page = html(client.get(reverse("portal:showcase_category", args=["income"])))
    assert income.title in page and teaching.title not in page
    assert client.get("/showcase/gardening/").status_code == 404


def test_showcase_item_page_shows_title_member_group_description_and_images(client, site):
    item = site.showcase[0]
    page = html(client.get(item.get_absolute_url()))
    assert item.title in page and item.description in page
    assert item.member.first_name in page and item.member.last_name in page
    for image in item.images.all():
        assert image.rendition_list()[0]["url"] in page
        assert f'alt="{image.image_alt}"' in page


def test_showcase_item_shows_its_large_group(client):
    from tests.groups.factories import SmallGroupFactory, fill_small_group

    small_group = SmallGroupFactory()
    member = fill_small_group(small_group, 1)[0]
    item = ShowcaseItemFactory(member=member, large_group=small_group.large_group)
    ShowcaseImageFactory(item=item)
    assert small_group.large_group.name in html(client.get(item.get_absolute_url()))


def test_unpublished_showcase_item_is_404(client):
    item = ShowcaseItemFactory(status=PublicationStatus.DRAFT)
    assert client.get(item.get_absolute_url()).status_code == 404


def test_committee_index_links_the_province_every_area_and_the_large_groups(client, site):
    page = html(client.get(reverse("portal:committee_index")))
    for network in [site.province, *site.areas]:
        assert reverse("portal:network_committee", args=[network.pk]) in page
    assert reverse("portal:large_groups") in page


def test_provincial_committee_page_lists_names_and_positions(client, site):
    page = html(client.get(reverse("portal:network_committee", args=[site.province.pk])))
    assert "คณะกรรมการเครือข่ายจังหวัด" in page
    assert "ประธานกรรมการ" in page and "เลขานุการ" in page
    seat = site.province.committee.seats.select_related("member").first()
    assert f"{seat.member.first_name} {seat.member.last_name}" in page


def test_area_committee_page_lists_its_large_groups(client, site):
    area = site.areas[0]
    page = html(client.get(reverse("portal:network_committee", args=[area.pk])))
    for group in site.large_groups:
        assert (group.name in page) == (group.area_id == area.pk)


def test_only_province_and_area_networks_have_committee_pages(client, site):
    region = network_services.create_network(
        actor=TEST_ACTOR, level=Level.REGION, name="เครือข่ายภาคเหนือตอนล่าง"
    )
    assert client.get(reverse("portal:network_committee", args=[region.pk])).status_code == 404
    assert client.get(reverse("portal:network_committee", args=[999_999])).status_code == 404
    area = site.areas[0]
    assert client.get(reverse("portal:network_committee", args=[area.pk])).status_code == 200


def test_ended_seats_are_not_shown(client, site):
    seat = site.province.committee.seats.first()
    group_services.end_committee_seat(
        actor=TEST_ACTOR, seat=seat, term_end=timezone.localdate() - datetime.timedelta(days=1)
    )
    page = html(client.get(reverse("portal:network_committee", args=[site.province.pk])))
    assert seat.member.first_name not in page


def test_large_groups_page_lists_every_group_by_area_and_district_with_committee(client, site):
    page = html(client.get(reverse("portal:large_groups")))
    for group in site.large_groups:
        assert group.name in page
        assert group.district.name in page
        for seat in group.committee.seats.select_related("member"):
            assert seat.member.first_name in page
    for area in site.areas:
        assert area.name in page


def test_area_with_no_groups_is_not_listed_on_the_large_groups_page(client, site):
    empty = AreaFactory(parent=site.province)
    assert empty.level == Level.AREA
    assert empty.name not in html(client.get(reverse("portal:large_groups")))


def test_not_found_page_is_in_the_sites_style(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in html(response)
    assert 'class="site-header"' in html(response)
    english = html(client.get("/en/no-such-page/"))
    assert "Page not found" in english
    # A missing page has no Thai version: the switcher offers the Thai home page.
    assert 'href="/" hreflang="th"' in english


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text and "Sitemap: http://testserver/sitemap.xml" in text


def test_favicon_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.ico")


BOX = 'class="subscription-box'


def test_every_public_page_has_the_signup_box_once_in_both_languages(client, site):
    # As on the network's first site: "ต้องการรับข่าว โปรดฝากอีเมลไว้" on every page.
    urls = site.public_urls() + ["/no-such-page/"]
    urls += ["/en" + url for url in urls if not url.startswith(("/sitemap", "/robots"))]
    pages = 0
    for url in urls:
        response = client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue  # feeds, sitemap.xml, robots.txt
        pages += 1
        page = html(response)
        assert page.count(BOX) == 1, url
        english = url.startswith("/en/")
        signup = "/en/news-mail/" if english else "/news-mail/"
        assert f'<form method="post" action="{signup}" novalidate>' in page, url
        assert 'name="csrfmiddlewaretoken"' in page, url
        heading = "Get our news by e-mail" if english else "ต้องการรับข่าว โปรดฝากอีเมลไว้"
        assert heading in page, url
    assert pages >= 2 * 15


def test_the_news_mail_pages_leave_the_box_out(client):
    # The signup page is that form already; the others are about the subscription themselves.
    for url in [reverse("subscriptions:signup"), reverse("subscriptions:signup_done")]:
        page = html(client.get(url))
        assert BOX not in page, url
        assert 'class="site-header"' in page, url
    assert html(client.get("/news-mail/")).count('name="email"') == 1
