"""Every write path of the roster admins (networks, members, groups) reaches its service and is
recorded as the officer's: each form, inline, action and delete page, driven through the admin
as a browser would, with the service spied on and the history row checked.

`CASES` holds the cases by path; `test_every_admin_path_has_a_case` fails when an admin of these
apps offers a path (a new inline, a new action) that has none.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from groups.models import (
    Committee,
    CommitteeSeat,
    LargeGroup,
    Position,
    SmallGroup,
    SmallGroupMembership,
)
from members.models import Member, MemberStatus, PayUnit
from networks.models import District, Level, Network
from tests.groups.factories import (
    CommitteeFactory,
    CommitteeSeatFactory,
    LargeGroupFactory,
    SmallGroupFactory,
    fill_small_group,
)
from tests.loans.factories import LoanFactory
from tests.members.factories import MemberFactory, PayUnitFactory, valid_national_id
from tests.networks.factories import AreaFactory, DistrictFactory, ProvinceFactory
from tests.write_paths import (
    action_data,
    add_row,
    add_url,
    admin_paths,
    assert_changed_by,
    change_url,
    changelist_url,
    delete_url,
    form_data,
    history_rows,
    messages_of,
    row_of,
    set_row,
    spies,
    spy,
)

pytestmark = pytest.mark.django_db

ROSTER_APPS = {"networks", "members", "groups"}
JOINED = datetime.date(2016, 2, 1)


def saved(response):
    """The admin accepted the form and went on (a 200 is the form shown again with errors)."""
    assert response.status_code == 302, response.context and response.context.get("errors")
    return response


def shown_again(response):
    assert response.status_code == 200
    assert response.context["errors"], "the form should come back with the service's errors"
    return response.content.decode()


def post_form(client, url, change=None, **fields):
    """GET the page, change some fields of its main form, POST it as the browser would."""
    data = form_data(client.get(url))
    data.update({name: "" if value is None else str(value) for name, value in fields.items()})
    if change:
        change(data)
    return client.post(url, data)


def history_count(model, pk) -> int:
    return history_rows(model, pk).count()


# --- Forms: add and change through the service ---------------------------------------------


def network_add_and_change(client, user):
    province = ProvinceFactory()
    with spy("networks.services.create_network") as create:
        saved(
            post_form(
                client,
                add_url(Network),
                name="เครือข่ายพัฒนาชีวิตครู สพป.กำแพงเพชร เขต 9",
                short_name="สพป.กพ. เขต 9",
                level=Level.AREA,
                parent=province.pk,
            )
        )
    network = Network.objects.get(short_name="สพป.กพ. เขต 9")
    assert create.call_count == 1
    assert_changed_by(user, Network, network.pk, history_type="+")

    with spy("networks.services.update_network") as update:
        saved(post_form(client, change_url(network), short_name="สพป.กพ. เขต 10"))
    assert update.call_count == 1
    assert update.call_args.kwargs["short_name"] == "สพป.กพ. เขต 10"
    network.refresh_from_db()
    assert network.short_name == "สพป.กพ. เขต 10"
    assert_changed_by(user, Network, network.pk, history_type="~")


def district_add_and_change(client, user):
    province = ProvinceFactory()
    with spy("networks.services.create_district") as create:
        saved(post_form(client, add_url(District), name="ไทรงาม", province=province.pk))
    district = District.objects.get(name="ไทรงาม")
    assert create.call_count == 1
    assert_changed_by(user, District, district.pk, history_type="+")

    with spy("networks.services.update_district") as update:
        saved(post_form(client, change_url(district), name="คลองลาน"))
    assert update.call_count == 1
    district.refresh_from_db()
    assert district.name == "คลองลาน"
    assert_changed_by(user, District, district.pk, history_type="~")


def pay_unit_add_and_change(client, user):
    area = AreaFactory()
    with spy("members.services.create_pay_unit") as create:
        saved(post_form(client, add_url(PayUnit), name="โรงเรียนบ้านทดสอบ", area=area.pk))
    pay_unit = PayUnit.objects.get(name="โรงเรียนบ้านทดสอบ")
    assert create.call_count == 1
    assert pay_unit.code is None
    assert_changed_by(user, PayUnit, pay_unit.pk, history_type="+")

    with spy("members.services.update_pay_unit") as update:
        saved(post_form(client, change_url(pay_unit), code="1062010001"))
    assert update.call_count == 1
    pay_unit.refresh_from_db()
    assert pay_unit.code == "1062010001"
    assert_changed_by(user, PayUnit, pay_unit.pk, history_type="~")


def member_add_and_change(client, user):
    pay_unit = PayUnitFactory()
    with spy("members.services.create_member") as create:
        saved(
            post_form(
                client,
                add_url(Member),
                member_number="KPP90001",
                title="นาย",
                first_name="สมชาย",
                last_name="ใจดี",
                national_id=valid_national_id(90001),
                pay_unit=pay_unit.pk,
                joined_on="1/2/2559",
            )
        )
    member = Member.objects.get(member_number="KPP90001")
    assert create.call_count == 1
    assert member.joined_on == JOINED
    assert_changed_by(user, Member, member.pk, history_type="+")

    with spies("members.services.update_member", "groups.services.change_member_status") as spied:
        saved(post_form(client, change_url(member), last_name="ใจงาม"))
    assert spied["update_member"].call_count == 1
    assert spied["change_member_status"].call_count == 0
    member.refresh_from_db()
    assert member.last_name == "ใจงาม"
    assert_changed_by(user, Member, member.pk, history_type="~")


def member_status_change_ends_the_place(client, user):
    (member,) = fill_small_group(SmallGroupFactory(), 1)
    with spies("members.services.update_member", "groups.services.change_member_status") as spied:
        saved(post_form(client, change_url(member), status=MemberStatus.RESIGNED))
    assert spied["update_member"].call_count == 0
    assert spied["change_member_status"].call_count == 1
    membership = member.small_group_memberships.get()
    assert membership.ended_on is not None
    assert_changed_by(user, Member, member.pk)
    assert_changed_by(user, SmallGroupMembership, membership.pk)


def large_group_add_and_change(client, user):
    first = LargeGroupFactory()
    with spy("groups.services.create_large_group") as create:
        saved(
            post_form(
                client,
                add_url(LargeGroup),
                area=first.area_id,
                district=first.district_id,
                founded_on="10/1/2567",
            )
        )
    second = LargeGroup.objects.exclude(pk=first.pk).get()
    assert create.call_count == 1
    assert second.number == 2
    assert_changed_by(user, LargeGroup, second.pk, history_type="+")
    # The first group was renamed "… กลุ่มใหญ่ที่ 1" by the same service, as the officer.
    assert_changed_by(user, LargeGroup, first.pk, history_type="~")

    with spy("groups.services.update_large_group") as update:
        saved(
            post_form(
                client,
                change_url(second),
                approval_date="20/6/2567",
                approval_reference="มติ 2/2567",
            )
        )
    assert update.call_count == 1
    second.refresh_from_db()
    assert second.has_provincial_approval
    assert_changed_by(user, LargeGroup, second.pk, history_type="~")


def small_group_add_and_change(client, user):
    large_group = LargeGroupFactory()
    pay_unit = PayUnitFactory(area=large_group.area)
    with spy("groups.services.create_small_group") as create:
        saved(
            post_form(
                client,
                add_url(SmallGroup),
                large_group=large_group.pk,
                pay_unit=pay_unit.pk,
                founded_on="1/2/2559",
            )
        )
    small_group = SmallGroup.objects.get()
    assert create.call_count == 1
    assert small_group.number == 1
    assert_changed_by(user, SmallGroup, small_group.pk, history_type="+")

    with spy("groups.services.update_small_group") as update:
        saved(post_form(client, change_url(small_group), founded_on="1/3/2559"))
    assert update.call_count == 1
    small_group.refresh_from_db()
    assert small_group.founded_on == datetime.date(2016, 3, 1)
    assert_changed_by(user, SmallGroup, small_group.pk, history_type="~")


def committee_add_and_change(client, user):
    large_group, other = LargeGroupFactory.create_batch(2)
    with spy("groups.services.create_committee") as create:
        saved(post_form(client, add_url(Committee), large_group=large_group.pk))
    committee = Committee.objects.get()
    assert create.call_count == 1
    assert_changed_by(user, Committee, committee.pk, history_type="+")

    with spy("groups.services.update_committee") as update:
        saved(post_form(client, change_url(committee), large_group=other.pk))
    assert update.call_count == 1
    committee.refresh_from_db()
    assert committee.large_group == other
    assert_changed_by(user, Committee, committee.pk, history_type="~")


def read_only(model, make):
    """A record changed only on its parent's page: its own page is for reading and history."""

    def case(client, user):
        obj = make()
        before = history_count(model, obj.pk)
        assert client.get(change_url(obj)).status_code == 200
        assert client.post(change_url(obj), {}).status_code == 403
        assert client.get(add_url(model)).status_code == 403
        assert history_count(model, obj.pk) == before

    case.__name__ = f"{model._meta.model_name}_is_read_only"
    return case


def a_membership():
    fill_small_group(SmallGroupFactory(), 1)
    return SmallGroupMembership.objects.get()


def a_seat():
    return CommitteeSeatFactory()


# --- Deleting: the delete page and "delete selected", each through the service --------------


def deletes(model, *, service: str, free, protected, hint: str) -> dict:
    """The delete page and the delete-selected action of `model`: a record nothing points to is
    deleted through `service` as the officer; one that others point to is refused with the
    service's message, which says what to do instead (`hint`), before any confirmation page."""
    label = model._meta.label

    def delete_page(client, user):
        obj = free()
        confirm = client.get(delete_url(obj))
        assert confirm.status_code == 200
        with spy(service) as spied:
            response = client.post(delete_url(obj), {"post": "yes"})
        assert response.status_code == 302
        assert spied.call_count == 1
        assert not model.objects.filter(pk=obj.pk).exists()
        assert_changed_by(user, model, obj.pk, history_type="-")

    def delete_page_refused(client, user):
        obj = protected()
        before = history_count(model, obj.pk)
        for response in (
            client.get(delete_url(obj)),
            client.post(delete_url(obj), {"post": "yes"}),
        ):
            assert response.status_code == 302
            assert response.url == change_url(obj)
            assert any(hint in message for message in messages_of(response)), messages_of(response)
        assert model.objects.filter(pk=obj.pk).exists()
        assert history_count(model, obj.pk) == before

    def delete_selected(client, user):
        objects = [free(), free()]
        url = changelist_url(model)
        confirm = client.post(url, action_data("delete_selected", objects, confirmed=False))
        assert confirm.status_code == 200  # Django's "are you sure?" page
        with spy(service) as spied:
            response = client.post(url, action_data("delete_selected", objects))
        assert response.status_code == 302
        assert spied.call_count == 2
        assert not model.objects.filter(pk__in=[obj.pk for obj in objects]).exists()
        for obj in objects:
            assert_changed_by(user, model, obj.pk, history_type="-")

    def delete_selected_refused(client, user):
        objects = [free(), protected()]
        url = changelist_url(model)
        with spy(service) as spied:
            response = client.post(url, action_data("delete_selected", objects))
        assert response.status_code == 302
        assert spied.call_count == 0
        assert any(hint in message for message in messages_of(response))
        # All or nothing: the free one is kept too.
        assert model.objects.filter(pk__in=[obj.pk for obj in objects]).count() == 2

    return {
        (label, "delete", "view"): [delete_page, delete_page_refused],
        (label, "action", "delete_selected"): [delete_selected, delete_selected_refused],
    }


def cannot_delete(model, make):
    def case(client, user):
        obj = make()
        assert client.get(delete_url(obj)).status_code == 403
        assert client.post(delete_url(obj), {"post": "yes"}).status_code == 403
        assert model.objects.filter(pk=obj.pk).exists()

    case.__name__ = f"{model._meta.model_name}_cannot_be_deleted_alone"
    return {(model._meta.label, "delete", "view"): [case]}


def committee_with_a_seat():
    return CommitteeSeatFactory().committee


def committee_whose_seat_approved_a_loan():
    seat = CommitteeSeatFactory()
    LoanFactory(committee_approved_by=seat, borrower__pay_unit__area=seat.committee.owner.area)
    return seat.committee


def member_in_a_group():
    return fill_small_group(SmallGroupFactory(), 1)[0]


def small_group_with_a_member():
    small_group = SmallGroupFactory()
    fill_small_group(small_group, 1)
    return small_group


def committee_delete_keeps_each_seats_history(client, user):
    committee = committee_with_a_seat()
    seat = committee.seats.get()
    with spy("groups.services.delete_committee") as spied:
        saved(client.post(delete_url(committee), {"post": "yes"}))
    assert spied.call_count == 1
    assert_changed_by(user, CommitteeSeat, seat.pk, history_type="-")


# --- Inlines ------------------------------------------------------------------------------


def member_page_places_are_read_only(client, user):
    small_group = SmallGroupFactory()
    (member,) = fill_small_group(small_group, 1)
    membership = member.small_group_memberships.get()
    before = history_count(SmallGroupMembership, membership.pk)
    page = client.get(change_url(member))
    content = page.content.decode()
    assert "small_group_memberships-0-DELETE" not in content
    assert change_url(membership).replace("/change/", "/history/") in content
    data = form_data(page)
    # A hand-made POST naming the place's fields changes nothing either.
    data["small_group_memberships-0-ended_on"] = "2018-03-31"
    with spies(
        "groups.services.end_membership",
        "groups.services.update_membership",
        "groups.services.add_member_to_small_group",
    ) as spied:
        saved(client.post(change_url(member), data))
    assert all(service.call_count == 0 for service in spied.values())
    membership.refresh_from_db()
    assert membership.is_current
    assert history_count(SmallGroupMembership, membership.pk) == before


def small_group_inline_add_change_delete(client, user):
    large_group = LargeGroupFactory()
    kept, removed = SmallGroupFactory.create_batch(2, large_group=large_group)
    pay_unit = PayUnitFactory(area=large_group.area)
    data = form_data(client.get(change_url(large_group)))
    set_row(data, "small_groups", row_of(data, "small_groups", kept.pk), founded_on="1/3/2559")
    set_row(data, "small_groups", row_of(data, "small_groups", removed.pk), DELETE="on")
    add_row(data, "small_groups", pay_unit=pay_unit.pk, founded_on="1/4/2559")
    with spies(
        "groups.services.create_small_group",
        "groups.services.update_small_group",
        "groups.services.delete_small_group",
    ) as spied:
        saved(client.post(change_url(large_group), data))
    assert [spied[name].call_count for name in spied] == [1, 1, 1]
    kept.refresh_from_db()
    assert kept.founded_on == datetime.date(2016, 3, 1)
    assert not SmallGroup.objects.filter(pk=removed.pk).exists()
    added = SmallGroup.objects.get(pay_unit=pay_unit)
    # Deletions come first: the number of the group deleted (the last one) is free again.
    assert added.number == 2
    assert_changed_by(user, SmallGroup, kept.pk, history_type="~")
    assert_changed_by(user, SmallGroup, removed.pk, history_type="-")
    assert_changed_by(user, SmallGroup, added.pk, history_type="+")


def small_group_inline_refuses_to_delete_a_group_with_members(client, user):
    small_group = small_group_with_a_member()
    large_group = small_group.large_group
    data = form_data(client.get(change_url(large_group)))
    set_row(data, "small_groups", 0, DELETE="on")
    content = shown_again(client.post(change_url(large_group), data))
    assert "บันทึกวันที่ออกจากกลุ่ม" in content
    assert SmallGroup.objects.filter(pk=small_group.pk).exists()


def membership_inline_adds_through_the_service(client, user):
    small_group = SmallGroupFactory()
    fill_small_group(small_group, 4)
    newcomer = MemberFactory(pay_unit=small_group.pay_unit)
    data = form_data(client.get(change_url(small_group)))
    add_row(data, "memberships", member=newcomer.pk, started_on="1/5/2567")
    with spy("groups.services.add_member_to_small_group") as spied:
        saved(client.post(change_url(small_group), data))
    assert spied.call_count == 1
    membership = SmallGroupMembership.objects.get(member=newcomer)
    assert membership.small_group == small_group
    assert membership.started_on == datetime.date(2024, 5, 1)
    assert_changed_by(user, SmallGroupMembership, membership.pk, history_type="+")


def membership_inline_refuses_a_retired_member_on_the_row(client, user):
    small_group = SmallGroupFactory()
    fill_small_group(small_group, 5)
    retired = MemberFactory(pay_unit=small_group.pay_unit, status=MemberStatus.RETIRED)
    data = form_data(client.get(change_url(small_group)))
    row = add_row(data, "memberships", member=retired.pk, started_on="1/5/2567")
    response = client.post(change_url(small_group), data)
    content = shown_again(response)
    assert "จึงเข้ากลุ่มย่อยไม่ได้ ต้องเป็นสมาชิกสถานะปกติ" in content
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "memberships"
    )
    assert formset.forms[row].errors, "the refusal belongs to the retired member's row"
    assert not SmallGroupMembership.objects.filter(member=retired).exists()


def membership_inline_ends_a_place_with_an_end_date(client, user):
    small_group = SmallGroupFactory()
    leaving, _staying = fill_small_group(small_group, 2)
    membership = leaving.small_group_memberships.get()
    data = form_data(client.get(change_url(small_group)))
    set_row(data, "memberships", row_of(data, "memberships", membership.pk), ended_on="31/3/2561")
    with spies("groups.services.end_membership", "groups.services.update_membership") as spied:
        saved(client.post(change_url(small_group), data))
    assert spied["end_membership"].call_count == 1
    assert spied["update_membership"].call_count == 0
    membership.refresh_from_db()
    assert membership.ended_on == datetime.date(2018, 3, 31)
    # The member's record is untouched: leaving a group is not leaving the programme.
    assert Member.objects.get(pk=leaving.pk).status == MemberStatus.ACTIVE
    assert_changed_by(user, SmallGroupMembership, membership.pk, history_type="~")


def membership_inline_corrects_dates_through_the_service(client, user):
    small_group = SmallGroupFactory()
    (member,) = fill_small_group(small_group, 1)
    membership = member.small_group_memberships.get()
    data = form_data(client.get(change_url(small_group)))
    set_row(data, "memberships", row_of(data, "memberships", membership.pk), started_on="1/3/2559")
    with spies("groups.services.end_membership", "groups.services.update_membership") as spied:
        saved(client.post(change_url(small_group), data))
    assert spied["update_membership"].call_count == 1
    assert spied["end_membership"].call_count == 0
    membership.refresh_from_db()
    assert membership.started_on == datetime.date(2016, 3, 1)
    assert_changed_by(user, SmallGroupMembership, membership.pk, history_type="~")


def membership_inline_has_no_delete_box_and_no_delete_link(client, user):
    small_group = SmallGroupFactory()
    (member,) = fill_small_group(small_group, 1)
    page = client.get(change_url(small_group))
    content = page.content.decode()
    assert "memberships-0-DELETE" not in content
    assert delete_url(member) not in content
    assert "delete-related" not in content
    # Even a hand-made DELETE changes nothing: neither the place nor the member is deleted.
    data = form_data(page)
    data["memberships-0-DELETE"] = "on"
    saved(client.post(change_url(small_group), data))
    assert member.small_group_memberships.get().is_current
    assert Member.objects.filter(pk=member.pk).exists()


def seat_inline_appoints_updates_ends_and_deletes(client, user):
    committee = CommitteeFactory()
    chair = CommitteeSeatFactory(committee=committee, position=Position.CHAIR, term_end=None)
    treasurer = CommitteeSeatFactory(committee=committee, position=Position.TREASURER)
    mistaken = CommitteeSeatFactory(committee=committee, position=Position.MEMBER)
    newcomer = MemberFactory()
    data = form_data(client.get(change_url(committee)))
    set_row(data, "seats", row_of(data, "seats", chair.pk), term_end="31/12/2567")
    set_row(data, "seats", row_of(data, "seats", treasurer.pk), position=Position.SECRETARY)
    set_row(data, "seats", row_of(data, "seats", mistaken.pk), DELETE="on")
    # The next chair, from the day after the sitting chair's term ends (in the same submission).
    add_row(data, "seats", position=Position.CHAIR, member=newcomer.pk, term_start="1/1/2568")
    with spies(
        "groups.services.appoint_committee_seat",
        "groups.services.update_committee_seat",
        "groups.services.end_committee_seat",
        "groups.services.delete_committee_seat",
    ) as spied:
        saved(client.post(change_url(committee), data))
    assert {name: service.call_count for name, service in spied.items()} == {
        "appoint_committee_seat": 1,
        "update_committee_seat": 1,
        "end_committee_seat": 1,
        "delete_committee_seat": 1,
    }
    chair.refresh_from_db()
    treasurer.refresh_from_db()
    assert chair.term_end == datetime.date(2024, 12, 31)
    assert treasurer.position == Position.SECRETARY
    assert not CommitteeSeat.objects.filter(pk=mistaken.pk).exists()
    new_chair = CommitteeSeat.objects.get(member=newcomer)
    for seat, kind in [(chair, "~"), (treasurer, "~"), (mistaken, "-"), (new_chair, "+")]:
        assert_changed_by(user, CommitteeSeat, seat.pk, history_type=kind)


def seat_inline_holds_the_chair_rule_on_the_row(client, user):
    committee = CommitteeFactory()
    sitting = CommitteeSeatFactory(committee=committee, position=Position.CHAIR, term_end=None)
    data = form_data(client.get(change_url(committee)))
    add_row(
        data, "seats", position=Position.CHAIR, member=MemberFactory().pk, term_start="1/1/2568"
    )
    content = shown_again(client.post(change_url(committee), data))
    assert "ประธานได้ครั้งละหนึ่งคน" in content
    assert str(sitting.member) in content
    assert list(committee.seats.all()) == [sitting]


def seat_inline_refuses_to_delete_a_seat_that_approved_a_loan(client, user):
    committee = committee_whose_seat_approved_a_loan()
    seat = committee.seats.get()
    data = form_data(client.get(change_url(committee)))
    set_row(data, "seats", row_of(data, "seats", seat.pk), DELETE="on")
    content = shown_again(client.post(change_url(committee), data))
    assert "บันทึกวันสิ้นสุดวาระแทนการลบ" in content
    assert CommitteeSeat.objects.filter(pk=seat.pk).exists()


# --- The table ------------------------------------------------------------------------------

CASES = {
    ("networks.Network", "form", "save"): [network_add_and_change],
    ("networks.District", "form", "save"): [district_add_and_change],
    ("members.PayUnit", "form", "save"): [pay_unit_add_and_change],
    ("members.Member", "form", "save"): [
        member_add_and_change,
        member_status_change_ends_the_place,
    ],
    ("members.Member", "inline", "MembershipHistoryInline"): [member_page_places_are_read_only],
    ("groups.LargeGroup", "form", "save"): [large_group_add_and_change],
    ("groups.LargeGroup", "inline", "SmallGroupInline"): [
        small_group_inline_add_change_delete,
        small_group_inline_refuses_to_delete_a_group_with_members,
    ],
    ("groups.SmallGroup", "form", "save"): [small_group_add_and_change],
    ("groups.SmallGroup", "inline", "MembershipInline"): [
        membership_inline_adds_through_the_service,
        membership_inline_refuses_a_retired_member_on_the_row,
        membership_inline_ends_a_place_with_an_end_date,
        membership_inline_corrects_dates_through_the_service,
        membership_inline_has_no_delete_box_and_no_delete_link,
    ],
    ("groups.Committee", "form", "save"): [committee_add_and_change],
    ("groups.Committee", "inline", "CommitteeSeatInline"): [
        seat_inline_appoints_updates_ends_and_deletes,
        seat_inline_holds_the_chair_rule_on_the_row,
        seat_inline_refuses_to_delete_a_seat_that_approved_a_loan,
    ],
    ("groups.SmallGroupMembership", "form", "save"): [
        read_only(SmallGroupMembership, a_membership)
    ],
    ("groups.CommitteeSeat", "form", "save"): [read_only(CommitteeSeat, a_seat)],
    **deletes(
        Network,
        service="networks.services.delete_network",
        free=AreaFactory,
        protected=lambda: PayUnitFactory().area,
        hint="ย้ายเครือข่ายย่อย",
    ),
    **deletes(
        District,
        service="networks.services.delete_district",
        free=DistrictFactory,
        protected=lambda: LargeGroupFactory().district,
        hint="ย้ายกลุ่มใหญ่และหน่วยงานสังกัด",
    ),
    **deletes(
        PayUnit,
        service="members.services.delete_pay_unit",
        free=PayUnitFactory,
        protected=lambda: MemberFactory().pay_unit,
        hint="ย้ายสมาชิกและกลุ่มย่อย",
    ),
    **deletes(
        Member,
        service="members.services.delete_member",
        free=MemberFactory,
        protected=member_in_a_group,
        hint="เปลี่ยนสถานะของสมาชิก",
    ),
    **deletes(
        LargeGroup,
        service="groups.services.delete_large_group",
        free=LargeGroupFactory,
        protected=lambda: SmallGroupFactory().large_group,
        hint="ลบกลุ่มย่อยและคณะกรรมการ",
    ),
    **deletes(
        SmallGroup,
        service="groups.services.delete_small_group",
        free=SmallGroupFactory,
        protected=small_group_with_a_member,
        hint="บันทึกวันที่ออกจากกลุ่มของสมาชิกทุกคน",
    ),
    **deletes(
        Committee,
        service="groups.services.delete_committee",
        free=committee_with_a_seat,
        protected=committee_whose_seat_approved_a_loan,
        hint="บันทึกวันสิ้นสุดวาระ",
    ),
    **cannot_delete(SmallGroupMembership, a_membership),
    **deletes(
        CommitteeSeat,
        service="groups.services.delete_committee_seat",
        free=a_seat,
        protected=lambda: committee_whose_seat_approved_a_loan().seats.get(),
        hint="บันทึกวันสิ้นสุดวาระแทนการลบ",
    ),
}
CASES[("groups.Committee", "delete", "view")].append(committee_delete_keeps_each_seats_history)


def named(path, case):
    return pytest.param(case, id=f"{path[0]}:{path[1]}:{path[2]}:{case.__name__}")


@pytest.mark.parametrize(
    "case", [named(path, case) for path, cases in CASES.items() for case in cases]
)
def test_write_path_reaches_its_service_as_the_officer(admin_client, admin_user, case):
    case(admin_client, admin_user)


def test_every_admin_path_has_a_case(admin_user):
    offered = admin_paths(ROSTER_APPS, admin_user)
    assert offered - set(CASES) == set(), "an admin path of the rosters has no write-path case"
    assert set(CASES) - offered == set(), "a case names a path no admin offers any more"


def test_the_table_covers_every_roster_admin(admin_user):
    from django.contrib import admin

    registered = {model._meta.label for model in admin.site._registry}
    roster = {label for label in registered if label.split(".")[0] in ROSTER_APPS}
    assert roster == {path[0] for path in CASES}


# --- One submission, all or nothing ----------------------------------------------------------


def test_a_refused_row_rolls_back_the_rows_saved_before_it(admin_client, admin_user):
    small_group = SmallGroupFactory()
    leaving, *_others = fill_small_group(small_group, 6)
    membership = leaving.small_group_memberships.get()
    joining = MemberFactory(pay_unit=small_group.pay_unit)
    retired = MemberFactory(pay_unit=small_group.pay_unit, status=MemberStatus.RETIRED)
    before = history_count(SmallGroupMembership, membership.pk)
    data = form_data(admin_client.get(change_url(small_group)))
    data["founded_on"] = "1/3/2559"
    set_row(data, "memberships", row_of(data, "memberships", membership.pk), ended_on="31/3/2561")
    add_row(data, "memberships", member=joining.pk, started_on="1/5/2567")
    add_row(data, "memberships", member=retired.pk, started_on="1/5/2567")
    with spies(
        "groups.services.update_small_group",
        "groups.services.end_membership",
        "groups.services.add_member_to_small_group",
    ) as spied:
        content = shown_again(admin_client.post(change_url(small_group), data))

    # The group's date, the end of one place and the new member were each written by their
    # service before the retired member was refused ...
    assert spied["update_small_group"].call_count == 1
    assert spied["end_membership"].call_count == 1
    assert spied["add_member_to_small_group"].call_count == 2
    assert "ต้องเป็นสมาชิกสถานะปกติ" in content
    # ... and the refusal took all of them back.
    small_group.refresh_from_db()
    membership.refresh_from_db()
    assert small_group.founded_on == datetime.date(2016, 1, 10)
    assert membership.is_current
    assert not SmallGroupMembership.objects.filter(member=joining).exists()
    assert history_count(SmallGroupMembership, membership.pk) == before
    # The form comes back as typed, to fix and send again.
    assert 'value="31/3/2561"' in content


def test_a_refusal_of_the_page_form_lands_on_its_field(admin_client, admin_user, monkeypatch):
    # A rule only the service holds (here a stand-in) comes back on the field it names.
    from members import services

    def refuse(*, actor, pay_unit, **fields):
        raise ValidationError({"name": ValidationError("ชื่อนี้ใช้ไม่ได้: ทดสอบ")})

    monkeypatch.setattr(services, "update_pay_unit", refuse)
    pay_unit = PayUnitFactory(name="โรงเรียนเดิม")
    response = post_form(admin_client, change_url(pay_unit), name="โรงเรียนใหม่")
    shown_again(response)
    assert response.context["adminform"].form.errors["name"] == ["ชื่อนี้ใช้ไม่ได้: ทดสอบ"]
    pay_unit.refresh_from_db()
    assert pay_unit.name == "โรงเรียนเดิม"
