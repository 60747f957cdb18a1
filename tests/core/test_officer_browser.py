"""In Chromium, as an officer works: an ID typed as printed on the card and a date typed in the
Buddhist Era are stored as meant, and the change shows in the record's history with who made it."""

import datetime

import pytest
from playwright.sync_api import expect

from members.models import Member
from tests.groups.factories import SmallGroupFactory, fill_small_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def officer_page(browser, live_server, admin_user):
    context = browser.new_context(locale="th-TH")
    page = context.new_page()
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", admin_user.username)
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    yield page
    context.close()
    assert errors == []


def pick(page, field_id: str, term: str) -> None:
    """Choose in one of the admin's autocomplete pickers by typing, as an officer does."""
    page.locator(f"#{field_id} + .select2").click()
    page.locator(".select2-search__field").fill(term)
    # The options of the typed term, once the server has answered.
    page.locator(".select2-results__option", has_text=term).first.click()


def test_an_officer_adds_a_member_as_printed_on_the_card_and_in_the_buddhist_era(
    officer_page, live_server, admin_user
):
    small_group = SmallGroupFactory()
    fill_small_group(small_group, 5)
    page = officer_page
    page.goto(f"{live_server.url}/admin/members/member/add/")
    page.fill("#id_member_number", "KPP09001")
    page.select_option("#id_title", "นาง")
    page.fill("#id_first_name", "สมศรี")
    page.fill("#id_last_name", "ใจดี")
    page.fill("#id_national_id", "3-6201-01205-67-7")
    expect(page.locator("#id_national_id")).to_have_value("3-6201-01205-67-7")  # not cut
    pick(page, "id_pay_unit", small_group.pay_unit.name)
    page.fill("#id_joined_on", "2/12/2569")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    member = Member.objects.get(member_number="KPP09001")
    assert member.national_id == "3620101205677"
    assert member.joined_on == datetime.date(2026, 12, 2)

    # The same officer finds the member by the ID as printed, and puts them in a small group
    # with a B.E. date typed in the inline.
    page.goto(f"{live_server.url}/admin/members/member/?q=3-6201-01205-67-7")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    page.goto(f"{live_server.url}/admin/groups/smallgroup/{small_group.pk}/change/")
    row = page.locator("#memberships-group tr.form-row:not(.has_original):not(.empty-form)").first
    member_select = row.locator("select[name$='-member']").get_attribute("id")
    pick(page, member_select, "KPP09001")
    row.locator("input[name$='-started_on']").fill("2/12/2569")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    place = member.small_group_memberships.get()
    assert (place.small_group_id, place.started_on) == (small_group.pk, datetime.date(2026, 12, 2))

    # The member's history says who added the member, with the date in B.E.
    page.goto(f"{live_server.url}/admin/members/member/{member.pk}/history/")
    history = page.locator("#change-history")
    expect(history).to_contain_text(admin_user.username)
    expect(history).to_contain_text("2 ธันวาคม 2569")
