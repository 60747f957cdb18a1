"""The roster admin goes through the programme's rules and answers with form errors, not 500s."""

import datetime

import pytest
from django.urls import reverse

from groups.models import CommitteeSeat, LargeGroup, Position, SmallGroup, SmallGroupMembership
from members.models import MemberStatus
from tests.groups.factories import (
    CommitteeFactory,
    LargeGroupFactory,
    SmallGroupFactory,
    fill_small_group,
)
from tests.members.factories import MemberFactory, PayUnitFactory
from tests.networks.factories import AreaFactory, DistrictFactory

pytestmark = pytest.mark.django_db


def inline_post_data(prefix, rows, initial, extra_fields=None):
    """Management-form and row fields for an inline formset POST."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = "" if value is None else value
    data.update(extra_fields or {})
    return data


def small_group_post(small_group, new_members):
    rows = [
        {
            "id": membership.pk,
            "small_group": small_group.pk,
            "member": membership.member_id,
            "started_on": membership.started_on.isoformat(),
            "ended_on": membership.ended_on.isoformat() if membership.ended_on else None,
        }
        for membership in small_group.memberships.order_by("pk")
    ]
    initial = len(rows)
    rows += [
        {"small_group": small_group.pk, "member": member.pk, "started_on": "2024-05-01"}
        for member in new_members
    ]
    return inline_post_data(
        "memberships",
        rows,
        initial,
        {
            "large_group": small_group.large_group_id,
            "pay_unit": small_group.pay_unit_id,
            "founded_on": small_group.founded_on.isoformat(),
        },
    )


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def test_admin_adds_the_tenth_member_to_a_small_group(admin_client):
    small_group = SmallGroupFactory()
    fill_small_group(small_group, 9)
    tenth = MemberFactory(pay_unit=small_group.pay_unit)

    response = admin_client.post(change_url(small_group), small_group_post(small_group, [tenth]))

    assert response.status_code == 302
    assert small_group.memberships.filter(ended_on__isnull=True).count() == 10


def test_admin_refuses_the_eleventh_member_with_a_form_error(admin_client):
    small_group = SmallGroupFactory()
    fill_small_group(small_group, 10)
    eleventh = MemberFactory(pay_unit=small_group.pay_unit)

    response = admin_client.post(change_url(small_group), small_group_post(small_group, [eleventh]))

    assert response.status_code == 200
    assert "ครบ 10 คนแล้ว" in response.content.decode() or "ไม่เกิน 10 คน" in response.content.decode()
    assert small_group.memberships.count() == 10


def test_admin_refuses_two_new_members_that_together_pass_ten(admin_client):
    small_group = SmallGroupFactory()
    fill_small_group(small_group, 9)
    newcomers = MemberFactory.create_batch(2, pay_unit=small_group.pay_unit)

    response = admin_client.post(change_url(small_group), small_group_post(small_group, newcomers))

    assert response.status_code == 200
    assert "ไม่เกิน 10 คน" in response.content.decode()
    assert small_group.memberships.count() == 9


def test_admin_refuses_a_member_of_another_pay_unit(admin_client):
    small_group = SmallGroupFactory()
    stranger = MemberFactory(pay_unit=PayUnitFactory(area=small_group.large_group.area))

    response = admin_client.post(change_url(small_group), small_group_post(small_group, [stranger]))

    assert response.status_code == 200
    assert "ต้องสังกัดหน่วยงานเดียวกัน" in response.content.decode()
    assert not SmallGroupMembership.objects.filter(member=stranger).exists()


def test_admin_refuses_a_member_already_in_another_small_group(admin_client):
    first = SmallGroupFactory()
    (member,) = fill_small_group(first, 1)
    second = SmallGroupFactory(large_group=first.large_group, pay_unit=first.pay_unit)

    response = admin_client.post(change_url(second), small_group_post(second, [member]))

    assert response.status_code == 200
    assert "อยู่ในกลุ่มย่อยอื่นแล้ว" in response.content.decode()
    assert SmallGroupMembership.objects.filter(member=member).count() == 1


def test_admin_marks_a_small_group_of_four_incomplete(admin_client):
    small_group = SmallGroupFactory()
    fill_small_group(small_group, 3)
    fourth = MemberFactory(pay_unit=small_group.pay_unit)

    response = admin_client.post(
        change_url(small_group), small_group_post(small_group, [fourth]), follow=True
    )

    assert "ยังไม่ครบ 5 คน" in response.content.decode()
    assert SmallGroup.objects.incomplete().filter(pk=small_group.pk).exists()


def test_admin_add_large_group_takes_the_next_number_and_renames_the_first(admin_client):
    first = LargeGroupFactory()
    data = {
        "area": first.area_id,
        "district": first.district_id,
        "founded_on": "2024-01-10",
        "approval_date": "",
        "approval_reference": "",
        **inline_post_data("small_groups", [], 0),
    }

    response = admin_client.post(reverse("admin:groups_largegroup_add"), data)

    assert response.status_code == 302
    second = LargeGroup.objects.exclude(pk=first.pk).get()
    first.refresh_from_db()
    assert second.number == 2
    assert first.name.endswith("กลุ่มใหญ่ที่ 1")
    assert second.name.endswith("กลุ่มใหญ่ที่ 2")


def test_admin_large_group_approval_needs_date_and_reference(admin_client):
    area = AreaFactory()
    district = DistrictFactory(province=area.parent)
    data = {
        "area": area.pk,
        "district": district.pk,
        "founded_on": "2024-01-10",
        "approval_date": "2024-02-01",
        "approval_reference": "",
        **inline_post_data("small_groups", [], 0),
    }

    response = admin_client.post(reverse("admin:groups_largegroup_add"), data)

    assert response.status_code == 200
    assert "กรอกเลขที่หรืออ้างอิงมติ" in response.content.decode()
    assert not LargeGroup.objects.exists()


def test_admin_refuses_a_second_chair_in_the_same_submission(admin_client):
    committee = CommitteeFactory()
    first, second = MemberFactory.create_batch(2)
    rows = [
        {"position": Position.CHAIR, "member": member.pk, "term_start": "2024-01-01"}
        for member in (first, second)
    ]
    data = inline_post_data(
        "seats", rows, 0, {"large_group": committee.large_group_id, "network": ""}
    )

    response = admin_client.post(change_url(committee), data)

    assert response.status_code == 200
    assert "ประธานได้ครั้งละหนึ่งคน" in response.content.decode()
    assert not CommitteeSeat.objects.exists()


def test_admin_status_change_to_deceased_ends_the_small_group_place(admin_client):
    small_group = SmallGroupFactory()
    (member,) = fill_small_group(small_group, 1)
    data = {
        "member_number": member.member_number,
        "title": member.title,
        "first_name": member.first_name,
        "last_name": member.last_name,
        "national_id": member.national_id,
        "pay_unit": member.pay_unit_id,
        "phone": "",
        "email": "",
        "status": MemberStatus.DECEASED,
        "joined_on": member.joined_on.isoformat(),
        **inline_post_data("small_group_memberships", [], 0),
    }

    response = admin_client.post(change_url(member), data)

    assert response.status_code == 302
    membership = SmallGroupMembership.objects.get(member=member)
    assert membership.ended_on is not None


def test_admin_member_form_reports_a_wrong_check_digit(admin_client):
    pay_unit = PayUnitFactory()
    data = {
        "member_number": "X0001",
        "title": "นาย",
        "first_name": "สมชาย",
        "last_name": "ใจดี",
        "national_id": "1101700230706",  # valid would end in 5
        "pay_unit": pay_unit.pk,
        "status": MemberStatus.ACTIVE,
        "joined_on": "2024-01-01",
        **inline_post_data("small_group_memberships", [], 0),
    }

    response = admin_client.post(reverse("admin:members_member_add"), data)

    assert response.status_code == 200
    assert "เลขตรวจสอบ" in response.content.decode()


def large_groups_with_members(count):
    for _index in range(count):
        fill_small_group(SmallGroupFactory(), 2)


# Each changelist's queries, fixed whatever the number of rows (member counts and the current
# group are annotated, not fetched per row):
CHANGELIST_QUERIES = {
    # session + user, count and page of groups, the filters' choices (networks, areas,
    # districts) and the total count
    "admin:groups_largegroup_changelist": 8,
    # session, user, area and district choice lists, filtered and total counts, and the page
    # with both member counts annotated
    "admin:groups_smallgroup_changelist": 7,
    # session, user, two filter choice lists (areas, districts), the span of joining years, the
    # count of at most eleven pages (core.paginator: no total count) and the page with the
    # current group as a subquery
    "admin:members_member_changelist": 7,
}


@pytest.mark.parametrize("size", [2, 6])
@pytest.mark.parametrize("url_name", CHANGELIST_QUERIES)
def test_roster_changelist_runs_a_fixed_number_of_queries(
    admin_client, django_assert_num_queries, size, url_name
):
    large_groups_with_members(size)
    with django_assert_num_queries(CHANGELIST_QUERIES[url_name]):
        response = admin_client.get(reverse(url_name))
    assert response.status_code == 200


def test_flagged_filter_lists_under_size_groups_without_approval(admin_client):
    flagged = LargeGroupFactory()
    approved = LargeGroupFactory(
        approval_date=datetime.date(2024, 3, 1), approval_reference="มติ 1/2567"
    )

    response = admin_client.get(reverse("admin:groups_largegroup_changelist"), {"size": "flagged"})

    content = response.content.decode()
    assert flagged.name in content
    assert approved.name not in content
