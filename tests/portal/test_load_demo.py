"""`manage.py load_demo`: the demo roster, the bulk data set, and the programme rules on both."""

import datetime
import io
import random
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F

from groups import services
from groups.models import (
    SMALL_GROUP_MAX_MEMBERS,
    SMALL_GROUP_MIN_MEMBERS,
    Committee,
    CommitteeSeat,
    LargeGroup,
    Position,
    SmallGroup,
    SmallGroupMembership,
    large_group_name,
)
from loans.models import Repayment
from members.models import Member, MemberStatus, PayUnit, Title
from members.validators import validate_national_id
from networks.models import District, Level, Network
from portal.demo import bulk, names, rosters
from portal.management.commands.load_demo import parse_member_count
from tests.factories import TEST_ACTOR
from tests.members.factories import MemberFactory

DOMAIN_DISTRICTS = {
    "เมืองกำแพงเพชร",
    "ไทรงาม",
    "คลองลาน",
    "ขาณุวรลักษบุรี",
    "คลองขลุง",
    "พรานกระต่าย",
    "ลานกระบือ",
    "ทรายทองวัฒนา",
    "ปางศิลาทอง",
    "บึงสามัคคี",
    "โกสัมพีนคร",
}
ELECTED_POSITIONS = {
    Position.CHAIR,
    Position.VICE_CHAIR,
    Position.REGISTRAR,
    Position.TREASURER,
    Position.SECRETARY,
    Position.MEMBER,
}


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out, **options)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def assert_programme_rules() -> None:
    """Every rule of DOMAIN.md that the roster data can break, checked on all of it."""
    small_groups = list(SmallGroup.objects.with_counts())
    assert small_groups
    assert max(group.member_count for group in small_groups) <= SMALL_GROUP_MAX_MEMBERS
    # Complete groups hold 5 to 10; the rest are the ones the queryset calls incomplete.
    incomplete = set(SmallGroup.objects.incomplete().values_list("pk", flat=True))
    assert incomplete
    for group in small_groups:
        assert group.is_complete == (group.pk not in incomplete)
        assert group.is_complete == (group.active_member_count >= SMALL_GROUP_MIN_MEMBERS)

    memberships = SmallGroupMembership.objects.all()
    assert memberships.exists()
    assert not memberships.exclude(member__pay_unit=F("small_group__pay_unit")).exists()
    assert not SmallGroup.objects.exclude(pay_unit__area=F("large_group__area")).exists()
    assert not SmallGroup.objects.exclude(pay_unit__district=F("large_group__district")).exists()
    current = memberships.filter(ended_on__isnull=True)
    assert not current.exclude(member__status=MemberStatus.ACTIVE).exists()
    for large_group in LargeGroup.objects.all():
        numbers = sorted(large_group.small_groups.values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))

    for district in District.objects.filter(large_groups__isnull=False).distinct():
        groups = list(district.large_groups.order_by("number"))
        assert [group.number for group in groups] == list(range(1, len(groups) + 1))
        for group in groups:
            assert group.name == large_group_name(district.name, group.number, len(groups))

    under_size = set(LargeGroup.objects.under_size().values_list("pk", flat=True))
    approved = set(
        LargeGroup.objects.filter(approval_date__isnull=False).values_list("pk", flat=True)
    )
    assert under_size == approved
    assert not LargeGroup.objects.flagged().exists()

    national_ids = list(Member.objects.values_list("national_id", flat=True))
    for national_id in national_ids:
        validate_national_id(national_id)
    assert len(set(national_ids)) == len(national_ids)

    assert Member.objects.exclude(status=MemberStatus.ACTIVE).exists()
    for owner_filter in ({"large_group__isnull": False}, {"network__level": Level.PROVINCE}):
        for committee in Committee.objects.filter(**owner_filter):
            positions = set(committee.seats.current().values_list("position", flat=True))
            assert ELECTED_POSITIONS <= positions
    assert Committee.objects.filter(large_group__isnull=False).count() == LargeGroup.objects.count()


# The default demo ---------------------------------------------------------------------------


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for every test of the class, inside a transaction rolled back at the
    end (as TestCase.setUpTestData does), since loading takes a few seconds."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield run()
        transaction.set_rollback(True)


@pytest.mark.usefixtures("db")
class TestDefaultDemo:
    def test_loads_and_reports_what_it_made(self, demo):
        assert "โหลดข้อมูลสาธิตแล้ว" in demo
        assert LargeGroup.objects.count() == len(rosters.DEMO_LARGE_GROUPS) == 15
        assert 800 <= Member.objects.count() <= 1000
        assert f"สมาชิก {Member.objects.count()} คน" in demo

    def test_programme_rules_hold(self, demo):
        assert_programme_rules()

    def test_no_stored_date_lies_after_2200(self, demo):
        from tests.conftest import stored_dates_after

        # The demo's loans, repayments and news are all there to be checked.
        assert Repayment.objects.exists()
        assert stored_dates_after(2200) == []

    def test_hierarchy_from_nation_to_areas(self, demo):
        province = Network.objects.get(name="เครือข่ายพัฒนาชีวิตครูจังหวัดกำแพงเพชร")
        assert province.level == Level.PROVINCE
        assert province.parent.level == Level.REGION
        assert province.parent.short_name == "ภาคเหนือ"
        assert province.parent.parent.level == Level.NATION
        assert province.parent.parent.parent is None
        areas = Network.objects.areas()
        assert {area.short_name for area in areas} == {
            "สพป.กพ. เขต 1",
            "สพป.กพ. เขต 2",
            "สพม. เขต 41",
        }
        assert all(area.parent == province and area.office_name for area in areas)
        for network in Network.objects.all():
            network.full_clean()
        assert set(province.districts.values_list("name", flat=True)) == DOMAIN_DISTRICTS

    def test_every_district_has_a_large_group_and_some_have_two(self, demo):
        per_district = {
            district.name: district.large_groups.count() for district in District.objects.all()
        }
        assert min(per_district.values()) >= 1
        assert sorted(name for name, count in per_district.items() if count == 2) == [
            "ขาณุวรลักษบุรี",
            "คลองขลุง",
            "พรานกระต่าย",
            "เมืองกำแพงเพชร",
        ]
        names = LargeGroup.objects.filter(district__name="คลองขลุง").values_list("name", flat=True)
        assert sorted(names) == [
            "เครือข่ายพัฒนาชีวิตครูอำเภอคลองขลุง กลุ่มใหญ่ที่ 1",
            "เครือข่ายพัฒนาชีวิตครูอำเภอคลองขลุง กลุ่มใหญ่ที่ 2",
        ]
        assert LargeGroup.objects.get(district__name="ไทรงาม").name == "เครือข่ายพัฒนาชีวิตครูอำเภอไทรงาม"

    def test_one_large_group_under_fifty_with_approval(self, demo):
        (group,) = LargeGroup.objects.under_size()
        assert group.active_member_count < 50
        assert group.approval_date and group.approval_reference
        assert all(
            other.active_member_count >= 50
            for other in LargeGroup.objects.with_counts().exclude(pk=group.pk)
        )

    def test_incomplete_small_groups_are_not_complete(self, demo):
        incomplete = list(SmallGroup.objects.incomplete())
        assert len(incomplete) == 3
        assert all(
            0 < group.active_member_count < 5 and not group.is_complete for group in incomplete
        )
        assert (
            SmallGroup.objects.with_counts().filter(member_count=SMALL_GROUP_MAX_MEMBERS).exists()
        )

    def test_members_who_left_have_their_group_place_ended(self, demo):
        left = Member.objects.exclude(status=MemberStatus.ACTIVE)
        assert left.count() == sum(len(plan.leavers) for plan in rosters.DEMO_LARGE_GROUPS)
        for member in left:
            (membership,) = member.small_group_memberships.all()
            assert membership.ended_on is not None

    def test_members_look_real(self, demo):
        male = {thai for thai, _roman in names.MALE_FIRST_NAMES}
        female = {thai for thai, _roman in names.FEMALE_FIRST_NAMES}
        members = list(Member.objects.all())
        for member in members:
            if member.title == Title.DOCTOR:
                continue
            if member.first_name in male:
                assert member.title in {Title.MR, Title.ACTING_SUB_LIEUTENANT}
            else:
                assert member.first_name in female
                assert member.title in {Title.MRS, Title.MISS}
            assert re.fullmatch(r"08\d-\d{3}-\d{4}", member.phone)
        assert len({member.member_number for member in members}) == len(members)
        emails = [member.email for member in members if member.email]
        assert 0 < len(emails) < len(members)
        assert all(email.split("@")[1] in names.EMAIL_DOMAINS for email in emails)

    def test_pay_units_are_schools_of_one_area_and_district(self, demo):
        for unit in PayUnit.objects.all():
            assert unit.name.startswith("โรงเรียน")
            assert unit.area.level == Level.AREA and unit.district is not None

    def test_namesakes_and_twin_schools_are_kept_and_read_apart(self, demo):
        # Kept on purpose: the pickers and messages must tell them apart (choice_label).
        twin_names = PayUnit.objects.values("name").annotate(count=Count("pk")).filter(count__gte=2)
        assert twin_names.exists()
        for row in twin_names:
            units = list(PayUnit.objects.labelled().filter(name=row["name"]))
            assert len({unit.district_id for unit in units}) == len(units)
            assert len({unit.choice_label for unit in units}) == len(units)
        # Three or more members of one title and name, in the same pay unit or not.
        names = ("title", "first_name", "last_name")
        shared = Member.objects.values(*names).annotate(count=Count("pk")).filter(count__gte=3)
        assert shared.exists()
        for row in shared:
            people = list(Member.objects.labelled().filter(**{name: row[name] for name in names}))
            assert len({str(member) for member in people}) == 1
            assert len({member.choice_label for member in people}) == len(people)

    def test_committees_for_province_areas_and_every_large_group(self, demo):
        owners = Committee.objects.values_list("network__level", flat=True)
        assert sorted(level for level in owners if level) == [
            Level.PROVINCE,
            Level.AREA,
            Level.AREA,
            Level.AREA,
        ]
        for committee in Committee.objects.all():
            positions = [seat.position for seat in committee.seats.current()]
            assert ELECTED_POSITIONS <= set(positions)
            assert positions.count(Position.CHAIR) == 1
        province = Committee.objects.get(network__level=Level.PROVINCE)
        assert province.seats.filter(position=Position.CHAIR).count() == 2  # the previous term's

    def test_every_roster_record_has_its_history_written_by_the_demo(self, demo):
        # Every record went through a service as the demo actor, members (written in bulk)
        # included: each has a first version, and no version names anyone else.
        from core.history import historical_model
        from core.models import ActorKind

        for model in (Network, District, PayUnit, Member, LargeGroup, SmallGroup):
            history = historical_model(model).objects
            created = history.filter(history_type="+").values_list("id", flat=True)
            assert set(created) == set(model.objects.values_list("pk", flat=True)), model
            assert set(history.values_list("history_actor_kind", "history_actor")) == {
                (ActorKind.DEMO, "load_demo")
            }, model
        for model in (SmallGroupMembership, Committee, CommitteeSeat):
            kinds = historical_model(model).objects.values_list("history_actor_kind", flat=True)
            assert set(kinds) == {ActorKind.DEMO}, model

    def test_second_run_changes_nothing(self, demo, django_assert_num_queries):
        before = row_counts()
        # Is a demo member there? Then the member and large group counts for the message;
        # whether any loan exists (the demo loans skip themselves); and, in one savepoint,
        # whether each part of the site's content exists (two pages, partner links, news,
        # showcase): 4 + 7.
        with django_assert_num_queries(11):
            output = run()
        assert row_counts() == before
        assert "มีอยู่แล้ว" in output

    def test_bulk_refuses_to_mix_with_the_demo(self, demo):
        before = row_counts()
        with pytest.raises(CommandError, match="ใช้ฐานข้อมูลเปล่า"):
            run("--members", "2000")
        assert row_counts() == before


def test_demo_is_the_same_every_time():
    """Seeded: the same seed draws the same people and group sizes."""
    first, second = names.PersonMaker(random.Random(7)), names.PersonMaker(random.Random(7))
    assert [first.person(joined_from=2000, joined_to=2024) for _ in range(50)] == [
        second.person(joined_from=2000, joined_to=2024) for _ in range(50)
    ]
    assert rosters.small_group_sizes(84, random.Random(1)) == rosters.small_group_sizes(
        84, random.Random(1)
    )


# Building blocks ------------------------------------------------------------------------------


@pytest.mark.parametrize("total", [5, 9, 10, 11, 13, 42, 80, 84, 161])
def test_small_group_sizes_are_five_to_ten_and_add_up(total):
    sizes = rosters.small_group_sizes(total, random.Random(total))
    assert sum(sizes) == total
    assert all(SMALL_GROUP_MIN_MEMBERS <= size <= SMALL_GROUP_MAX_MEMBERS for size in sizes)


def test_fewer_than_five_members_cannot_make_a_small_group():
    with pytest.raises(ValueError):
        rosters.small_group_sizes(4, random.Random(0))


def test_national_ids_are_valid_and_distinct_within_a_district():
    ids = [
        names.national_id(first_digit=digit, district_code=district, number=number)
        for district in (1, 11)
        for number in range(2000)
        for digit in (3,)
    ]
    for national_id in ids:
        validate_national_id(national_id)
    assert len(set(ids)) == len(ids)
    assert names.national_id(first_digit=1, district_code=1, number=9_999_999)
    with pytest.raises(ValueError):
        names.national_id(first_digit=1, district_code=1, number=10_000_000)


@pytest.mark.parametrize("members", [100, 2000, 7999, 8000, 1_000_000])
def test_large_group_sizes_add_up_with_one_in_a_hundred_under_fifty(members):
    sizes = bulk.large_group_sizes(members)
    assert sum(sizes) == members
    under = [index for index, size in enumerate(sizes) if size < 50]
    assert under == [index for index in range(len(sizes)) if index % 100 == 10]
    assert max(sizes) < 2 * bulk.MEMBERS_PER_LARGE_GROUP


def test_apportion_sums_exactly():
    assert bulk.apportion(10, [22, 8, 9]) == [6, 2, 2]
    assert sum(bulk.apportion(12_345, [22, 8, 9, 15, 11, 11, 6, 4, 5, 4, 5])) == 12_345


# Arguments -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("100", 100),
        ("2000", 2000),
        ("1,000,000", 1_000_000),
        ("1_000_000", 1_000_000),
        ("2000000", 2_000_000),
        (" +250 ", 250),
        ("๑๐๐", 100),  # Thai digits
    ],
)
def test_member_count_accepted(text, count):
    assert parse_member_count(text) == count


def test_member_count_with_two_signs_is_not_a_number():
    with pytest.raises(CommandError, match="จำนวนเต็ม"):
        parse_member_count("--5")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0", "จำนวนบวก"),
        ("-5", "จำนวนบวก"),
        ("abc", "จำนวนเต็ม"),
        ("1.5", "จำนวนเต็ม"),
        ("1e6", "จำนวนเต็ม"),
        ("", "จำนวนเต็ม"),
        ("99", "อย่างน้อย 100 คน"),
        ("2000001", "สูงสุด 2,000,000 คน"),
        ("99999999999", "สูงสุด 2,000,000 คน"),
    ],
)
def test_bad_member_count_is_refused_in_thai_and_writes_nothing(db, text, message):
    before = row_counts()
    with pytest.raises(CommandError, match=message):
        run("--members", text)
    assert row_counts() == before


# The bulk data set -----------------------------------------------------------------------------


def test_bulk_builds_the_members_asked_for_and_keeps_the_rules(db):
    output = run("--members", "2000")
    assert Member.objects.count() == 2000
    assert LargeGroup.objects.count() == 2000 // bulk.MEMBERS_PER_LARGE_GROUP
    assert District.objects.filter(large_groups__isnull=False).distinct().count() == 11
    assert "2,000 / 2,000" in output and "ใช้เวลาทั้งหมด" in output
    assert_programme_rules()


def test_bulk_second_run_changes_nothing(db, django_assert_num_queries):
    run("--members", "2000")
    before = row_counts()
    # Is a bulk member there? Then the member count for the message.
    with django_assert_num_queries(2):
        output = run("--members", "2000")
    assert row_counts() == before
    assert "มีอยู่แล้ว" in output


def test_demo_refuses_to_mix_with_bulk_data(db):
    run("--members", "200")
    before = row_counts()
    with pytest.raises(CommandError, match="ใช้ฐานข้อมูลเปล่า"):
        run()
    assert row_counts() == before


def test_after_bulk_the_services_and_the_cap_still_work(db):
    """Ids were handed out by the loader: new rows must still get free ids, and the trigger
    still refuses an eleventh member."""
    run("--members", "2000")
    full = SmallGroup.objects.with_counts().filter(member_count=SMALL_GROUP_MAX_MEMBERS).first()
    newcomer = MemberFactory(pay_unit=full.pay_unit)
    assert newcomer.pk > Member.objects.exclude(pk=newcomer.pk).order_by("-pk").first().pk
    with pytest.raises(ValidationError, match="ครบ 10 คน"):
        services.add_member_to_small_group(
            actor=TEST_ACTOR,
            member=newcomer,
            small_group=full,
            started_on=datetime.date(2025, 1, 1),
        )
    open_group = SmallGroup.objects.with_counts().filter(member_count__lt=10).first()
    other = MemberFactory(pay_unit=open_group.pay_unit)
    services.add_member_to_small_group(
        actor=TEST_ACTOR, member=other, small_group=open_group, started_on=datetime.date(2025, 1, 1)
    )
    assert open_group.memberships.filter(member=other).exists()
