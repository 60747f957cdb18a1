"""The public site in Debian's Chromium: the menu on a phone, news, showcase, languages, search.

Run with `make test PYTEST_ARGS="tests/portal/test_browser.py"`; Chromium is /usr/bin/chromium
(installed by .ci/run). Screenshots of the home page are written to screenshots/.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.portal.factories import NewsItemFactory, PageFactory, ShowcaseImageFactory, Site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
SEARCH_SENTENCE = "สมาชิกกลุ่มย่อยร่วมกันปลูกผักปลอดสารพิษขายที่ตลาดนัดทุกวันเสาร์"


@pytest.fixture
def site(live_server):
    site = Site(size=3)
    PageFactory(slug="about", title="เกี่ยวกับเรา", title_en="About us")
    site.search_item = NewsItemFactory(
        title="ตลาดนัดผลผลิตของสมาชิก", title_en="Members' produce market", body=SEARCH_SENTENCE
    )
    for item in site.showcase:
        ShowcaseImageFactory(item=item)
    return site


@pytest.fixture
def open_page(browser, live_server):
    """A page at a viewport, failing the test on any console error or failed request."""
    contexts, problems = [], []

    def open_(path="/", viewport=PHONE):
        context = browser.new_context(viewport=viewport, locale="th-TH")
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: problems.append(message.text) if message.type == "error" else None,
        )
        # A navigation cancels the requests still loading (ERR_ABORTED): not a fault of the page.
        page.on(
            "requestfailed",
            lambda request: (
                None
                if "ERR_ABORTED" in (request.failure or "")
                else problems.append(f"failed: {request.url} {request.failure}")
            ),
        )
        page.on(
            "response",
            lambda response: (
                problems.append(f"{response.status}: {response.url}")
                if response.status >= 400
                else None
            ),
        )
        page.goto(live_server.url + path)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert problems == []


def open_menu(page):
    # The phone menu is Bootstrap's collapse: its stylesheet and deferred script must be there
    # first. A click while they were still loading (seen under xdist on a busy machine) opened
    # an unstyled menu that collapsed under the pointer, and the link click went nowhere.
    page.wait_for_load_state()
    toggler = page.get_by_role("button", name=re.compile("เปิดเมนู|Open the menu"))
    if toggler.is_visible():
        toggler.click()
        expect(page.locator("#site-menu")).to_be_visible()


def test_walking_the_menu_on_a_phone_reaches_every_section(site, open_page):
    page = open_page("/")
    expect(page.locator("h1")).to_contain_text("เครือข่ายพัฒนาชีวิตครูจังหวัดกำแพงเพชร")
    for name, heading in [
        ("เกี่ยวกับเรา", "เกี่ยวกับเรา"),
        ("บริการสมาชิก", "บริการสมาชิก"),
        ("ข่าว", "ข่าว"),
    ]:
        open_menu(page)
        page.locator("#site-menu").get_by_role("link", name=name, exact=True).click()
        expect(page.locator("h1")).to_have_text(heading)
    for menu, item, heading in [
        ("คณะกรรมการ", "คณะกรรมการเครือข่ายจังหวัด", "คณะกรรมการเครือข่ายจังหวัด"),
        ("คณะกรรมการ", "เครือข่ายกลุ่มใหญ่", "เครือข่ายกลุ่มใหญ่"),
        ("ผลงานดีเด่น", "การเพิ่มรายได้", "การเพิ่มรายได้"),
        ("ผลงานดีเด่น", "ผลงานดีเด่นของสมาชิกทั้งหมด", "ผลงานดีเด่นของสมาชิก"),
    ]:
        open_menu(page)
        page.locator("#site-menu").get_by_role("button", name=menu).or_(
            page.locator("#site-menu").get_by_role("link", name=menu, exact=True)
        ).first.click()
        page.locator("#site-menu .dropdown-menu.show").get_by_role(
            "link", name=item, exact=True
        ).click()
        expect(page.locator("h1")).to_have_text(heading)


def test_opening_a_news_item_from_the_list(site, open_page):
    page = open_page("/news/", DESKTOP)
    item = site.news[0]
    page.get_by_role("link", name=item.title).click()
    expect(page).to_have_url(re.compile(rf"/news/{item.pk}/$"))
    expect(page.locator("h1")).to_have_text(item.title)
    expect(page.locator("article img").first).to_be_visible()


def test_opening_a_showcase_item_shows_member_group_and_images(site, open_page):
    item = site.showcase[0]
    page = open_page("/showcase/")
    page.get_by_role("link", name=item.title).first.click()
    expect(page.locator("h1")).to_have_text(item.title)
    expect(page.locator(".work-facts")).to_contain_text(item.member.first_name)
    images = page.locator(".work-gallery img")
    expect(images).to_have_count(item.images.count())
    # decode() settles once the file has arrived and been decoded, and rejects if it is broken:
    # reading `complete` straight away raced the download.
    assert images.first.evaluate("image => image.decode().then(() => image.naturalWidth)") > 0
    assert images.last.get_attribute("loading") == "lazy"


def test_switching_language_keeps_the_page(site, open_page):
    item = site.news[0]
    page = open_page(f"/news/{item.pk}/")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(rf"/en/news/{item.pk}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(item.title_en)
    open_menu(page)
    expect(page.locator("#site-menu")).to_contain_text("About us")
    page.get_by_role("link", name="ไทย").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("h1")).to_have_text(item.title)


def test_searching_a_thai_word_from_the_middle_of_a_sentence(site, open_page):
    page = open_page("/", DESKTOP)
    page.get_by_role("searchbox", name="ค้นหาข่าวและผลงาน").fill("ปลอดสารพิษ")
    page.get_by_role("searchbox", name="ค้นหาข่าวและผลงาน").press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    expect(page.get_by_role("link", name=site.search_item.title)).to_be_visible()
    expect(page.get_by_role("link", name=site.news[0].title)).to_have_count(0)


@pytest.mark.parametrize("path", ["/", "/en/", "/committees/large-groups/", "/en/showcase/"])
def test_pages_fit_phone_and_desktop_widths_in_both_languages(site, open_page, path):
    # 1200 px is the narrowest width with the full menu on one line; English labels are longer.
    for viewport in [PHONE, {"width": 1200, "height": 900}]:
        page = open_page(path, viewport)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{path} scrolls sideways at {viewport['width']}px"


def test_not_found_page_keeps_the_sites_menu(site, browser, live_server):
    # Not through open_page: the 404 answer is what this test looks at, not a problem.
    page = browser.new_page(viewport=DESKTOP)
    response = page.goto(live_server.url + "/no-such-page/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("ไม่พบหน้าที่ต้องการ")
    expect(page.get_by_role("navigation", name="เมนูหลัก")).to_be_visible()
    page.close()


@pytest.fixture
def demo_site(live_server):
    """The demo content on a small roster: what a new user sees after `make demo`."""
    from django.utils import timezone

    from portal.demo_content import build_demo_content
    from tests.groups.factories import SmallGroupFactory, fill_small_group

    fill_small_group(SmallGroupFactory(), 10)
    build_demo_content(today=timezone.localdate())


def test_home_page_screenshots_at_phone_and_desktop_widths(demo_site, open_page):
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, viewport in [("home-375.png", PHONE), ("home-1280.png", DESKTOP)]:
        page = open_page("/", viewport)
        expect(page.locator("h1")).to_contain_text("เครือข่ายพัฒนาชีวิตครู")
        # Lazy images below the fold load as the page scrolls: bring them in first.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=SCREENSHOTS / name, full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"horizontal scrolling at {viewport['width']}px"
        assert (SCREENSHOTS / name).stat().st_size > 10_000
