"""Each roster record's history page shows a change made in the admin: who made it and each
field, old → new, in the words officers read. Places and seats, which are changed on their
group's or committee's page, are a link away from that page and from the member's."""

import datetime

import pytest

from groups.models import Position
from tests.groups.factories import (
    CommitteeFactory,
    CommitteeSeatFactory,
    LargeGroupFactory,
    SmallGroupFactory,
    fill_small_group,
)
from tests.members.factories import MemberFactory, PayUnitFactory
from tests.networks.factories import AreaFactory, DistrictFactory
from tests.write_paths import change_url, form_data, history_url, row_of, set_row

pytestmark = pytest.mark.django_db


def post_change(client, obj, **fields):
    data = form_data(client.get(change_url(obj)))
    data.update({name: str(value) for name, value in fields.items()})
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    return data


def history_page(client, obj) -> str:
    response = client.get(history_url(obj))
    assert response.status_code == 200
    return response.content.decode()


def change(field: str, old: str, new: str) -> str:
    """One changed field as the history page lists it."""
    return f"<strong>{field}:</strong> {old} → {new}"


def assert_shown(page: str, user, *changes: str) -> None:
    assert user.get_username() in page
    assert "ผู้ใช้" in page  # the kind of actor: a person, not an import or a task
    for item in changes:
        assert item in page, item


def test_member_history_shows_a_name_change_by_the_officer(admin_client, admin_user):
    member = MemberFactory(last_name="ใจดี")
    post_change(admin_client, member, last_name="ใจงาม")
    assert_shown(history_page(admin_client, member), admin_user, change("นามสกุล", "ใจดี", "ใจงาม"))


def test_member_history_shows_a_status_change(admin_client, admin_user):
    (member,) = fill_small_group(SmallGroupFactory(), 1)
    post_change(admin_client, member, status="resigned")
    assert_shown(
        history_page(admin_client, member),
        admin_user,
        change("สถานะ", "ปกติ", "ลาออกจากโครงการ"),
    )


def test_pay_unit_history_shows_the_change(admin_client, admin_user):
    pay_unit = PayUnitFactory(name="โรงเรียนบ้านเก่า")
    post_change(admin_client, pay_unit, name="โรงเรียนบ้านใหม่")
    assert_shown(
        history_page(admin_client, pay_unit),
        admin_user,
        change("ชื่อหน่วยงาน", "โรงเรียนบ้านเก่า", "โรงเรียนบ้านใหม่"),
    )


def test_network_and_district_history_show_the_change(admin_client, admin_user):
    area = AreaFactory(short_name="เขตเก่า")
    district = DistrictFactory(name="อำเภอเก่า")
    post_change(admin_client, area, short_name="เขตใหม่")
    post_change(admin_client, district, name="อำเภอใหม่")
    assert_shown(history_page(admin_client, area), admin_user, change("ชื่อย่อ", "เขตเก่า", "เขตใหม่"))
    assert_shown(
        history_page(admin_client, district),
        admin_user,
        change("ชื่ออำเภอ", "อำเภอเก่า", "อำเภอใหม่"),
    )


def test_large_group_history_shows_the_approval(admin_client, admin_user):
    group = LargeGroupFactory()
    post_change(admin_client, group, approval_date="20/6/2567", approval_reference="มติ 2/2567")
    assert_shown(
        history_page(admin_client, group),
        admin_user,
        change("วันที่คณะกรรมการจังหวัดอนุมัติ", "—", "20 มิถุนายน 2567"),
        change("เลขที่/อ้างอิงมติอนุมัติ", "—", "มติ 2/2567"),
    )


def test_small_group_history_shows_the_change_in_buddhist_era_dates(admin_client, admin_user):
    small_group = SmallGroupFactory(founded_on=datetime.date(2016, 1, 10))
    post_change(admin_client, small_group, founded_on="1/3/2559")
    assert_shown(
        history_page(admin_client, small_group),
        admin_user,
        change("วันที่จัดตั้ง", "10 มกราคม 2559", "1 มีนาคม 2559"),
    )


def test_a_place_ended_on_the_group_page_shows_in_its_history_linked_from_both_pages(
    admin_client, admin_user
):
    small_group = SmallGroupFactory()
    (member,) = fill_small_group(small_group, 1)
    membership = member.small_group_memberships.get()
    page = admin_client.get(change_url(small_group))
    data = form_data(page)
    set_row(data, "memberships", row_of(data, "memberships", membership.pk), ended_on="31/3/2561")
    assert admin_client.post(change_url(small_group), data).status_code == 302

    # The place's history is linked from the small group's page and from the member's.
    assert history_url(membership) in page.content.decode()
    assert history_url(membership) in admin_client.get(change_url(member)).content.decode()
    assert_shown(
        history_page(admin_client, membership),
        admin_user,
        change("วันที่ออกจากกลุ่ม", "—", "31 มีนาคม 2561"),
    )


def test_committee_history_shows_a_change_of_owner(admin_client, admin_user):
    committee = CommitteeFactory()
    old, new = committee.large_group, LargeGroupFactory()
    post_change(admin_client, committee, large_group=new.pk)
    assert_shown(
        history_page(admin_client, committee), admin_user, change("กลุ่มใหญ่", old.name, new.name)
    )


def test_a_seat_ended_on_the_committee_page_shows_in_its_history(admin_client, admin_user):
    seat = CommitteeSeatFactory(position=Position.TREASURER, term_end=None)
    committee = seat.committee
    page = admin_client.get(change_url(committee))
    data = form_data(page)
    set_row(data, "seats", row_of(data, "seats", seat.pk), term_end="31/12/2568")
    assert admin_client.post(change_url(committee), data).status_code == 302

    assert history_url(seat) in page.content.decode()
    assert_shown(
        history_page(admin_client, seat),
        admin_user,
        change("สิ้นสุดวาระ", "—", "31 ธันวาคม 2568"),
    )


def test_a_deleted_record_keeps_its_history_page(admin_client, admin_user):
    member = MemberFactory()
    url = history_url(member)
    assert admin_client.post(change_url(member).replace("/change/", "/delete/"), {"post": "yes"})
    page = admin_client.get(url).content.decode()
    assert admin_user.get_username() in page
    assert "ลบ" in page
