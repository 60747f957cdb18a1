"""The admin's calendar in Debian's Chromium: its caption, a picked day and "today" in B.E."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.groups.factories import SmallGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def admin_page(browser, live_server, admin_user):
    context = browser.new_context(locale="th-TH")
    page = context.new_page()
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    yield page
    context.close()
    assert errors == []


def first_day_column(page) -> int:
    """The weekday column (0 = the calendar's first) of day 1 in the open calendar."""
    return page.evaluate(
        """() => {
            const cells = [...document.querySelectorAll('#calendarin0 tbody tr:nth-child(2) td')];
            return cells.findIndex(cell => cell.textContent.trim() === '1');
        }"""
    )


def test_the_calendar_reads_and_writes_the_buddhist_era(admin_page, live_server):
    small_group = SmallGroupFactory(founded_on=datetime.date(2026, 12, 2))
    admin_page.goto(f"{live_server.url}/admin/groups/smallgroup/{small_group.pk}/change/")
    date_input = admin_page.locator("#id_founded_on")
    expect(date_input).to_have_value("02/12/2569")
    today = timezone.localdate()
    thai_months = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
                   "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]  # fmt: skip

    # An empty input opens on this month, captioned in B.E.; a picked day is written in B.E.
    date_input.fill("")
    admin_page.locator("#calendarlink0").click()
    caption = admin_page.locator("#calendarin0 caption")
    expect(caption).to_have_text(f"{thai_months[today.month - 1]} {today.year + 543}")
    admin_page.locator("#calendarin0 tbody a", has_text="15").first.click()
    expect(date_input).to_have_value(f"15/{today.month:02d}/{today.year + 543}")

    # A B.E. date already typed opens the calendar on that month of the C.E. year: 1 June 2025
    # (2568) is a Sunday, the calendar's first column; 1 June 2568 C.E. would be a Wednesday.
    date_input.fill("02/06/2568")
    admin_page.locator("#calendarlink0").click()
    expect(caption).to_have_text("มิถุนายน 2568")
    assert first_day_column(admin_page) == 0
    admin_page.keyboard.press("Escape")

    # "วันนี้" (today) fills in today's date in B.E.
    admin_page.locator(".datetimeshortcuts a", has_text="วันนี้").first.click()
    expect(date_input).to_have_value(f"{today.day:02d}/{today.month:02d}/{today.year + 543}")
