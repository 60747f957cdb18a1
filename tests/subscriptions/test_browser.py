"""The whole path in Chromium against the live server: sign up in the box, read the confirmation
mail, confirm, an officer sends a news item from admin, the mail arrives, one-click unsubscribe.

Mails go to Django's locmem outbox (the live server runs in this process); tasks run with the
immediate backend, right after the commit of the request that queues them.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from portal.subscriptions.models import Subscriber, SubscriberStatus

from .factories import NewsItemFactory
from .support import links_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, settings, immediate_tasks, mailoutbox):
    settings.NEWSLETTER_SITE_URL = live_server.url
    # The live server speaks plain HTTP: cookies marked Secure would never come back.
    settings.CSRF_COOKIE_SECURE = settings.SESSION_COOKIE_SECURE = False
    return live_server


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="th-TH")
    page = context.new_page()
    yield page
    context.close()


def test_sign_up_confirm_receive_news_and_unsubscribe_with_one_click(
    site, page, admin_user, playwright
):
    item = NewsItemFactory(title="ประชุมใหญ่สามัญประจำปี", title_en="Annual general meeting")
    # 1. The box on the news page.
    page.goto(site.url + "/news/")
    box = page.locator(".subscription-box")
    expect(box).to_contain_text("เราใช้อีเมลของท่านเพื่อส่งข่าวของเครือข่ายเท่านั้น")
    box.locator("input[name=email]").fill("Somsri@Example.com")
    box.get_by_label("ชื่อ (ไม่บังคับ)").fill("สมศรี")
    box.locator("input[name=language][value=en]").check()
    box.get_by_role("button", name="ฝากอีเมลรับข่าว").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("โปรดตรวจอีเมลของท่าน")

    # 2. The confirmation mail, in the language chosen.
    [confirmation] = mail.outbox
    assert confirmation.to == ["somsri@example.com"]
    assert confirmation.subject.startswith("Confirm")
    [confirm_link] = links_in(confirmation, "/confirm/")
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING

    # 3. Opening the link asks; the button confirms.
    page.goto(confirm_link)
    expect(page.locator("main")).to_contain_text("somsri@example.com")
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING
    page.get_by_role("button").filter(has_text=re.compile("Confirm", re.I)).click()
    # The answer's own heading: the form page has a heading too, so waiting for "a heading"
    # would let the database check below run before the POST.
    expect(page.get_by_role("heading", level=1)).to_have_text("Subscription confirmed")
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED

    # 4. An officer sends the published news item from admin.
    page.goto(site.url + "/admin/login/?next=/admin/subscriptions/mailing/add/")
    page.locator("#id_username").fill(admin_user.username)
    page.locator("#id_password").fill("password")
    page.locator("input[type=submit]").click()
    page.locator("#id_news_item").select_option(str(item.pk))
    page.get_by_role("button", name="ส่งข่าวนี้ทางอีเมล").or_(
        page.locator("input[type=submit][value='ส่งข่าวนี้ทางอีเมล']")
    ).click()
    expect(page.locator(".messagelist")).to_contain_text("ประชุมใหญ่สามัญประจำปี")
    expect(page.locator("#content")).to_contain_text("ส่งแล้ว 1 จาก 1")

    # 5. The news mail: English, a link to the item, one-click unsubscribe headers.
    news = mail.outbox[-1]
    assert news.to == ["somsri@example.com"]
    assert news.subject == "Annual general meeting"
    assert f"{site.url}/en/news/{item.pk}/" in news.body
    headers = news.message()
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = headers["List-Unsubscribe"].strip("<>")

    # 6. A link scanner opening the URL unsubscribes nobody.
    scanner = playwright.request.new_context()
    assert scanner.get(unsubscribe_url).ok
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED

    # 7. The mail program's one-click POST, with no cookie and no login, unsubscribes.
    response = scanner.post(
        unsubscribe_url,
        data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.ok
    scanner.dispose()
    assert Subscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED

    # 8. The person's own browser on the same link sees that it is done: in English, no button.
    page.goto(unsubscribe_url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main")).to_contain_text("somsri@example.com")
    expect(page.locator("main form")).to_have_count(0)
