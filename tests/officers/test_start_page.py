"""The officer's start page above the admin's app list (officers.start): their groups at a
glance, the monitor's latest word, what falls due, in a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.audit import Actor
from groups import services as group_services
from loans.thresholds import MonitorStatus
from officers import roles
from officers import services as officer_services
from officers.start import BLOCKS_SHOWN, due, next_members_meeting, start_page
from tests.factories import TEST_ACTOR
from tests.groups.factories import LargeGroupFactory, SmallGroupFactory, fill_small_group
from tests.loans.factories import LargeGroupSnapshotFactory
from tests.members.factories import MemberFactory
from tests.networks.factories import AreaFactory
from tests.officers.factories import officer

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 15)
FIRST, LAST = datetime.date(2025, 3, 1), datetime.date(2025, 3, 31)


def index(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.content.decode()


def join(small_group, on):
    member = MemberFactory(pay_unit=small_group.pay_unit)
    return group_services.add_member_to_small_group(
        actor=TEST_ACTOR, member=member, small_group=small_group, started_on=on
    )


def leave(membership, on):
    return group_services.end_membership(actor=TEST_ACTOR, membership=membership, ended_on=on)


def only_block(user, today=TODAY):
    page = start_page(user, today=today)
    assert len(page.blocks) == 1
    return page.blocks[0]


# Whose groups -------------------------------------------------------------------------------


def test_a_registrar_sees_their_group_and_not_another(client, admin_user):
    mine, theirs = LargeGroupFactory(), LargeGroupFactory()
    fill_small_group(SmallGroupFactory(large_group=mine), 7)
    fill_small_group(SmallGroupFactory(large_group=theirs), 3)
    user = officer(actor_user=admin_user, large_group=mine)

    block = only_block(user)
    assert (block.id, block.active_members, block.small_groups) == (mine.pk, 7, 1)
    html = index(client, user)
    assert 'id="officer-start"' in html
    assert mine.name in html
    assert theirs.name not in html
    # The app list is still there, below.
    assert html.index('id="officer-start"') < html.index('id="content-main"')


def test_a_user_without_a_place_sees_no_start_page(client, admin_user):
    LargeGroupFactory()
    user = officer(actor_user=admin_user, large_group=LargeGroupFactory())
    for place in user.officer_places.all():
        officer_services.delete_assignment(actor=Actor.of(admin_user), assignment=place)
    user = type(user).objects.get(pk=user.pk)
    assert start_page(user, today=TODAY) is None
    assert 'id="officer-start"' not in index(client, user)


def test_more_than_ten_places_show_ten_blocks_and_a_link_to_the_list(client, admin_user):
    groups = LargeGroupFactory.create_batch(BLOCKS_SHOWN + 2)
    user = officer(actor_user=admin_user, places=[{"large_group": group} for group in groups])
    page = start_page(user, today=TODAY)
    assert len(page.blocks) == BLOCKS_SHOWN
    assert page.more_groups == 2
    html = index(client, user)
    assert "และกลุ่มใหญ่อื่นอีก 2 กลุ่ม" in html
    assert reverse("admin:groups_largegroup_changelist") in html


# Small groups -------------------------------------------------------------------------------


def test_incomplete_and_full_small_groups_on_both_sides_of_the_lines(client, admin_user):
    group = LargeGroupFactory()
    sizes = {}
    for size in (4, 5, 9, 10):
        small_group = SmallGroupFactory(large_group=group)
        fill_small_group(small_group, size)
        sizes[size] = small_group
    user = officer(actor_user=admin_user, large_group=group)

    block = only_block(user)
    incomplete = [link.url for link in block.incomplete.items]
    full = [link.url for link in block.full.items]
    change = "admin:groups_smallgroup_change"
    assert incomplete == [reverse(change, args=[sizes[4].pk])]
    assert full == [reverse(change, args=[sizes[10].pk])]
    assert block.active_members == 28
    html = index(client, user)
    assert reverse(change, args=[sizes[4].pk]) in html
    assert reverse(change, args=[sizes[10].pk]) in html
    assert reverse(change, args=[sizes[5].pk]) not in html
    assert reverse(change, args=[sizes[9].pk]) not in html


# Joined and left this month -----------------------------------------------------------------


def test_joined_this_month_counts_the_first_and_the_last_day_only(admin_user):
    group = LargeGroupFactory()
    small_group = SmallGroupFactory(large_group=group)
    before = join(small_group, FIRST - datetime.timedelta(days=1))
    first = join(small_group, FIRST)
    last = join(small_group, LAST)
    after = join(small_group, LAST + datetime.timedelta(days=1))
    user = officer(actor_user=admin_user, large_group=group)

    block = only_block(user)
    names = [change.member.name for change in block.joined.items]
    assert names == [first.member.full_name, last.member.full_name]
    assert before.member.full_name not in names and after.member.full_name not in names
    assert [change.on for change in block.joined.items] == [FIRST, LAST]
    assert block.joined.items[0].member.url == reverse(
        "admin:members_member_change", args=[first.member_id]
    )
    assert block.left.items == []


def test_left_this_month_counts_the_first_and_the_last_day_only(admin_user):
    group = LargeGroupFactory()
    small_group = SmallGroupFactory(large_group=group)
    places = [join(small_group, datetime.date(2020, 1, 1)) for _ in range(4)]
    days = [
        FIRST - datetime.timedelta(days=1),
        FIRST,
        LAST,
        LAST + datetime.timedelta(days=1),
    ]
    for place, day in zip(places, days, strict=True):
        leave(place, day)
    user = officer(actor_user=admin_user, large_group=group)

    block = only_block(user)
    assert [change.member.name for change in block.left.items] == [
        places[1].member.full_name,
        places[2].member.full_name,
    ]
    assert block.joined.items == []
    # A month later, the same rows are last month's news.
    assert only_block(user, today=datetime.date(2025, 4, 30)).left.items[0].on == days[3]


def test_roster_changes_are_shown_with_links_on_the_page(client, admin_user):
    group = LargeGroupFactory()
    small_group = SmallGroupFactory(large_group=group)
    today = timezone.localdate()
    joined = join(small_group, today.replace(day=1))
    user = officer(actor_user=admin_user, large_group=group)
    html = index(client, user)
    assert joined.member.full_name in html
    assert reverse("admin:members_member_change", args=[joined.member_id]) in html


# What falls due -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "meeting"),
    [
        (datetime.date(2026, 12, 10), datetime.date(2027, 1, 1)),
        (datetime.date(2026, 12, 31), datetime.date(2027, 1, 1)),
        (datetime.date(2027, 1, 1), datetime.date(2027, 1, 1)),  # during January: this month
        (datetime.date(2027, 1, 31), datetime.date(2027, 1, 1)),
        (datetime.date(2027, 2, 1), datetime.date(2027, 7, 1)),
        (datetime.date(2027, 6, 30), datetime.date(2027, 7, 1)),
        (datetime.date(2027, 7, 20), datetime.date(2027, 7, 1)),  # during July: this month
        (datetime.date(2027, 8, 1), datetime.date(2028, 1, 1)),
    ],
)
def test_the_next_members_meeting(today, meeting):
    assert next_members_meeting(today) == meeting
    assert due(today).meeting_this_month == (meeting.month == today.month)


def test_the_meeting_is_named_in_the_buddhist_era():
    assert due(datetime.date(2026, 12, 10)).meeting_text == "ประชุมสมาชิกเดือนมกราคม 2570"
    assert due(datetime.date(2026, 6, 1)).meeting_text == "ประชุมสมาชิกเดือนกรกฎาคม 2569"


@pytest.mark.parametrize(
    ("today", "due_on", "days_left"),
    [
        (datetime.date(2026, 2, 10), datetime.date(2026, 2, 28), 18),
        (datetime.date(2028, 2, 1), datetime.date(2028, 2, 29), 28),  # a leap year
        (datetime.date(2026, 12, 31), datetime.date(2026, 12, 31), 0),
    ],
)
def test_the_month_end_report_is_due_on_the_last_day_of_the_month(today, due_on, days_left):
    item = due(today)
    assert (item.report_due_on, item.report_days_left) == (due_on, days_left)
    assert (
        item.report_text
        == "รายงานประจำเดือน" + {2: "กุมภาพันธ์", 12: "ธันวาคม"}[today.month] + f" {today.year + 543}"
    )


# The monitor's word -------------------------------------------------------------------------


def test_only_a_provisional_month_is_shown_as_provisional(client, admin_user):
    group = LargeGroupFactory()
    LargeGroupSnapshotFactory(
        large_group=group, month=datetime.date(2025, 6, 1), missing_loans=2, month_missing_loans=3
    )
    user = officer(actor_user=admin_user, large_group=group)

    word = only_block(user).monitor
    assert word.row.month == datetime.date(2025, 6, 1)
    assert word.provisional
    html = index(client, user)
    assert 'class="loans-provisional-badge"' in html
    assert "ยังไม่ครบ: ขาด 2 สัญญา" in html
    assert "ผลเดือนมิถุนายน 2568" in html


def test_the_latest_complete_month_wins_over_a_later_provisional_one(client, admin_user):
    group = LargeGroupFactory()
    # Complete May: 3 defaulters of 200 is 1.5%, a stop; provisional June: all repaid.
    LargeGroupSnapshotFactory(large_group=group, month=datetime.date(2025, 5, 1), defaulters=3)
    LargeGroupSnapshotFactory(
        large_group=group, month=datetime.date(2025, 6, 1), month_missing_loans=3
    )
    user = officer(actor_user=admin_user, large_group=group)

    word = only_block(user).monitor
    assert (word.row.month, word.provisional, word.status) == (
        datetime.date(2025, 5, 1),
        False,
        MonitorStatus.STOP,
    )
    # 1 cure brings 2 of 200 (1.0%, not a stop); 2 cures bring 1 of 200 (0.5%, not a slow-down).
    assert [(cure.count, cure.leaves) for cure in word.cures] == [
        (1, MonitorStatus.STOP),
        (2, MonitorStatus.SLOW_DOWN),
    ]
    html = index(client, user)
    assert 'class="loans-provisional-badge"' not in html
    assert "ต้องแก้ไขผู้ผิดนัดอย่างน้อย 1 คน จึงพ้นสถานะ “หยุดการขยายโครงการ” (ไม่เกินร้อยละ 1.0)" in html
    assert "ต้องแก้ไขผู้ผิดนัดอย่างน้อย 2 คน จึงพ้นสถานะ “ชะลอการขยายโครงการ” (ไม่เกินร้อยละ 0.5)" in html
    link = reverse("admin:loans_monitor_large_group", args=[group.pk]) + "?month=2025-05"
    assert link in html


def test_a_slow_down_needs_only_its_own_cures_and_a_watch_none(admin_user):
    slow, watch = LargeGroupFactory(), LargeGroupFactory()
    month = datetime.date(2025, 5, 1)
    LargeGroupSnapshotFactory(large_group=slow, month=month, defaulters=2)  # 1.0%: slow-down
    LargeGroupSnapshotFactory(large_group=watch, month=month, defaulters=1, on_time_borrowers=199)
    # 1 of 200 is 0.5%, not over it: watch
    user = officer(actor_user=admin_user, places=[{"large_group": slow}, {"large_group": watch}])

    words = {block.id: block.monitor for block in start_page(user, today=TODAY).blocks}
    assert words[slow.pk].status == MonitorStatus.SLOW_DOWN
    assert [(cure.count, cure.leaves) for cure in words[slow.pk].cures] == [
        (1, MonitorStatus.SLOW_DOWN)
    ]
    assert words[watch.pk].status == MonitorStatus.WATCH
    assert words[watch.pk].cures == []


# Officers of an area or the province --------------------------------------------------------


def area_with_groups(count: int, *, members: int = 3):
    area = AreaFactory()
    groups = []
    for _ in range(count):
        group = LargeGroupFactory(area=area)
        fill_small_group(SmallGroupFactory(large_group=group), members)
        groups.append(group)
    return area, groups


def test_an_area_officer_sees_a_summary_not_the_groups(client, admin_user):
    area, groups = area_with_groups(3)
    group_services.update_large_group(
        actor=TEST_ACTOR,
        group=groups[0],
        approval_date=datetime.date(2024, 1, 10),
        approval_reference="มติ 1/2567",
    )
    fill_small_group(SmallGroupFactory(large_group=groups[1]), 6)
    month = datetime.date(2025, 5, 1)
    LargeGroupSnapshotFactory(large_group=groups[0], month=month, defaulters=3)  # stop
    LargeGroupSnapshotFactory(large_group=groups[1], month=month, defaulters=0)  # eligible
    other_area, others = area_with_groups(1)
    LargeGroupSnapshotFactory(large_group=others[0], month=month, defaulters=3)
    user = officer(actor_user=admin_user, role=roles.VIEWER, network=area)

    page = start_page(user, today=TODAY)
    assert page.blocks == []
    [summary] = page.summaries
    assert (summary.id, summary.large_groups) == (area.pk, 3)
    assert summary.flagged == 2  # under 50 members; the first has the committee's approval
    assert summary.with_incomplete == 3  # each has a small group of 3
    assert [(item.status, item.count) for item in summary.statuses] == [
        (MonitorStatus.STOP, 1),
        (MonitorStatus.ELIGIBLE, 1),
    ]
    assert [word.row.id for word in page.worst] == [groups[0].pk]
    html = index(client, user)
    assert area.name in html
    assert others[0].name not in html
    assert other_area.name not in html


def test_a_provincial_officer_sees_one_summary_of_every_area_under_it(admin_user):
    area, _groups = area_with_groups(2)
    AreaFactory(parent=area.parent)  # an area without groups
    area_with_groups(1)  # another area of the same province
    user = officer(actor_user=admin_user, role=roles.PROVINCIAL_ADMIN, network=area.parent)

    [summary] = start_page(user, today=TODAY).summaries
    assert (summary.id, summary.large_groups) == (area.parent.pk, 3)


def test_a_superuser_sees_the_summary_of_the_province(client, admin_user):
    area, groups = area_with_groups(2)
    page = start_page(admin_user, today=TODAY)
    assert page.blocks == []
    assert [(summary.id, summary.large_groups) for summary in page.summaries] == [
        (area.parent.pk, 2)
    ]
    assert area.parent.name in index(client, admin_user)


# Queries ------------------------------------------------------------------------------------


def busy_group(size: int):
    """A large group of `size` small groups of 7, each with a member who joined this month and
    one who left, and a month of the monitor."""
    today = timezone.localdate()
    group = LargeGroupFactory()
    for _ in range(size):
        small_group = SmallGroupFactory(large_group=group)
        fill_small_group(small_group, 6)
        join(small_group, today.replace(day=1))
        leave(join(small_group, datetime.date(2020, 1, 1)), today.replace(day=1))
    SmallGroupFactory(large_group=group)  # an empty one: incomplete
    LargeGroupSnapshotFactory(large_group=group, month=datetime.date(2025, 5, 1), defaulters=3)
    return group


# The admin's index for a registrar of one group: the session and the user (2); the places
# behind scope_of(), with their roles, permissions and content types (4); the monitor's months
# (1); the start page's groups with counts, flagged small groups, this month's memberships, the
# monitor's rows (4); the user's permissions for the app list (2: own and through places); the
# recent actions in the sidebar (1).
FRAME = 2 + 4 + 2 + 1
REGISTRAR_INDEX_QUERIES = FRAME + 1 + 4


@pytest.mark.parametrize("size", [1, 8])
def test_a_registrar_index_runs_a_fixed_number_of_queries(
    client, admin_user, django_assert_num_queries, size
):
    group = busy_group(size)
    user = officer(actor_user=admin_user, large_group=group)
    client.force_login(user)
    with django_assert_num_queries(REGISTRAR_INDEX_QUERIES):
        response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    block = response.context["start"].blocks[0]
    assert (block.joined.total, block.left.total, block.incomplete.total) == (size, size, 1)
    assert block.monitor.status == MonitorStatus.STOP


# The admin's index for a provincial officer: the same frame as a registrar's; the networks at
# and below the province place (1: Network.objects.at_or_below); the
# monitor's months (1); the networks summarised, the large groups counted by area, the
# statuses by area, the worst groups (4).
PROVINCE_INDEX_QUERIES = FRAME + 1 + 1 + 4


@pytest.mark.parametrize("size", [1, 6])
def test_a_provincial_index_runs_a_fixed_number_of_queries(
    client, admin_user, django_assert_num_queries, size
):
    area, groups = area_with_groups(size, members=size)
    for group in groups:
        LargeGroupSnapshotFactory(large_group=group, month=datetime.date(2025, 5, 1), defaulters=3)
    area_with_groups(size)
    user = officer(actor_user=admin_user, role=roles.PROVINCIAL_ADMIN, network=area.parent)
    client.force_login(user)
    with django_assert_num_queries(PROVINCE_INDEX_QUERIES):
        response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    [summary] = response.context["start"].summaries
    assert summary.large_groups == 2 * size
