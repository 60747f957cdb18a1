"""Rules that must hold when several PostgreSQL connections write at the same moment.

Each thread gets its own database connection (Django keeps one per thread) and closes it at the
end. Two kinds of test: several threads released together by a barrier, as the issue asks; and a
step-by-step one where the first writer holds its transaction open until the second connection is
seen waiting on a lock (or has finished), so the outcome does not depend on scheduling luck.
"""

import datetime
import threading
import time
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from core.audit import acting
from groups import services
from groups.models import LargeGroup, Position, SmallGroupMembership
from tests.factories import TEST_ACTOR
from tests.groups.factories import CommitteeFactory, SmallGroupFactory, fill_small_group
from tests.members.factories import MemberFactory
from tests.networks.factories import AreaFactory, DistrictFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# A guard against a hung test, never a measurement: nothing here asserts how long anything took.
WAIT = 30
JOINED = datetime.date(2016, 2, 1)


def error_codes(error):
    if hasattr(error, "error_dict"):
        return [item.code for items in error.error_dict.values() for item in items]
    return [item.code for item in error.error_list]


def current_count(small_group):
    return small_group.memberships.filter(ended_on__isnull=True).count()


def run_at_once(calls):
    """Run each call in its own thread and connection, all released by one barrier.

    Returns what each call returned, or the exception it raised, in the order given.
    """
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def worker(index, call):
        try:
            connection.ensure_connection()  # connect first, so the calls themselves collide
            barrier.wait(timeout=WAIT)
            outcomes[index] = call()
        except Exception as error:  # the outcome is what the test inspects
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * WAIT)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def lock_wait_of(pid):
    """The statement backend `pid` is running while it waits on a lock, else None."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT query FROM pg_stat_activity WHERE pid = %s AND wait_event_type = 'Lock'", [pid]
        )
        row = cursor.fetchone()
    return row[0] if row else None


def second_while_first_is_open(first, second):
    """Run `first` in a transaction left open until `second` (another connection) is seen
    waiting on a lock or has finished; then commit `first` and let `second` go on.

    Returns (first's outcome, second's outcome, the statement second waited in or None).
    """
    written, release = threading.Event(), threading.Event()
    outcomes, second_pid = {}, []

    def run_first():
        try:
            with transaction.atomic():
                outcomes["first"] = first()
                written.set()
                release.wait(WAIT)
        except Exception as error:
            outcomes["first"] = error
        finally:
            written.set()
            connection.close()

    def run_second():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                second_pid.append(cursor.fetchone()[0])
            outcomes["second"] = second()
        except Exception as error:
            outcomes["second"] = error
        finally:
            connection.close()

    first_thread = threading.Thread(target=run_first)
    first_thread.start()
    assert written.wait(WAIT)
    assert not isinstance(outcomes.get("first"), Exception), outcomes.get("first")

    second_thread = threading.Thread(target=run_second)
    second_thread.start()
    waited_in = None
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if second_pid:
            waited_in = lock_wait_of(second_pid[0])
        if waited_in or ("second" in outcomes and not second_thread.is_alive()):
            break
        time.sleep(0.01)
    release.set()
    first_thread.join(WAIT)
    second_thread.join(WAIT)
    assert not first_thread.is_alive() and not second_thread.is_alive()
    return outcomes["first"], outcomes["second"], waited_in


# --- The ten-member cap ----------------------------------------------------------------------


@pytest.mark.parametrize(("already", "expected_to_join"), [(9, 1), (7, 3)])
def test_parallel_additions_through_the_service_stop_at_ten(already, expected_to_join):
    group = SmallGroupFactory()
    fill_small_group(group, already)
    newcomers = MemberFactory.create_batch(6, pay_unit=group.pay_unit)

    outcomes = run_at_once(
        [
            partial(
                services.add_member_to_small_group,
                actor=TEST_ACTOR,
                member=member,
                small_group=group,
                started_on=JOINED,
            )
            for member in newcomers
        ]
    )

    joined = [item for item in outcomes if isinstance(item, SmallGroupMembership)]
    refused = [item for item in outcomes if not isinstance(item, SmallGroupMembership)]
    assert len(joined) == expected_to_join
    assert [type(item) for item in refused] == [ValidationError] * (6 - expected_to_join)
    assert all(error_codes(error) == ["small_group_full"] for error in refused)
    assert current_count(group) == 10


def test_parallel_raw_inserts_past_the_service_stop_at_ten():
    # No service, no Python count, no lock taken by the caller: only the database trigger.
    group = SmallGroupFactory()
    fill_small_group(group, 9)
    newcomers = MemberFactory.create_batch(6, pay_unit=group.pay_unit)

    outcomes = run_at_once(
        [
            partial(
                raw_create,
                member=member,
                small_group=group,
                started_on=JOINED,
            )
            for member in newcomers
        ]
    )

    joined = [item for item in outcomes if isinstance(item, SmallGroupMembership)]
    refused = [item for item in outcomes if not isinstance(item, SmallGroupMembership)]
    assert len(joined) == 1
    assert [type(item) for item in refused] == [IntegrityError] * 5
    assert all("small_group_full" in str(error) for error in refused)
    assert current_count(group) == 10


def raw_create(**fields):
    """A place written straight to the table, past the service, as these tests of the database's
    own guard mean to (attributed to the tests, since every historical row names its actor)."""
    with acting(TEST_ACTOR):
        return SmallGroupMembership.objects.create(**fields)


def raw_insert(group):
    member = MemberFactory(pay_unit=group.pay_unit)
    return raw_create(member=member, small_group=group, started_on=JOINED)


def test_second_raw_insert_waits_for_the_first_and_is_refused_at_eleven():
    # Without the trigger's row lock the second connection would count nine committed rows
    # (the tenth is not committed yet), go through without waiting, and make eleven.
    group = SmallGroupFactory()
    fill_small_group(group, 9)
    member = MemberFactory(pay_unit=group.pay_unit)

    first, second, waited_in = second_while_first_is_open(
        partial(raw_insert, group),
        partial(raw_create, member=member, small_group=group, started_on=JOINED),
    )

    assert isinstance(first, SmallGroupMembership)
    assert waited_in is not None
    assert isinstance(second, IntegrityError)
    assert "small_group_full" in str(second)
    assert current_count(group) == 10


def test_second_service_call_waits_at_the_group_lock_before_counting():
    # The service locks the small group before it counts, so the second officer's count sees
    # the first one's member and the refusal comes from the count (with its Thai message),
    # not from the trigger after a wasted insert.
    group = SmallGroupFactory()
    fill_small_group(group, 9)
    first_member, second_member = MemberFactory.create_batch(2, pay_unit=group.pay_unit)
    add = partial(
        services.add_member_to_small_group, actor=TEST_ACTOR, small_group=group, started_on=JOINED
    )

    first, second, waited_in = second_while_first_is_open(
        partial(add, member=first_member), partial(add, member=second_member)
    )

    assert isinstance(first, SmallGroupMembership)
    assert waited_in is not None
    assert "FOR UPDATE" in waited_in
    assert waited_in.lstrip().upper().startswith("SELECT")
    assert isinstance(second, ValidationError)
    assert error_codes(second) == ["small_group_full"]
    assert second.__cause__ is None  # refused by the count, not by the trigger
    assert current_count(group) == 10


def test_same_member_added_to_two_groups_at_once_gets_a_clear_refusal():
    # Nothing locks the member. What serialises the two calls is that the service's
    # select_for_update() with select_related("pay_unit") locks the pay unit row too, and every
    # group the member may join has the member's pay unit. If that lock were narrowed
    # (of=("self",)), the second insert would hit the one-current-group index: a raw
    # IntegrityError instead of this message.
    first_group = SmallGroupFactory()
    second_group = SmallGroupFactory(
        large_group=first_group.large_group, pay_unit=first_group.pay_unit
    )
    member = MemberFactory(pay_unit=first_group.pay_unit)
    add = partial(
        services.add_member_to_small_group, actor=TEST_ACTOR, member=member, started_on=JOINED
    )

    first, second, waited_in = second_while_first_is_open(
        partial(add, small_group=first_group), partial(add, small_group=second_group)
    )

    assert waited_in is not None
    assert isinstance(first, SmallGroupMembership)
    assert isinstance(second, ValidationError), repr(second)
    assert error_codes(second) == ["member_already_in_group"]


# --- Numbering of large groups --------------------------------------------------------------


def test_two_large_groups_opening_in_one_district_at_once_get_numbers_one_and_two():
    district = DistrictFactory(name="ขาณุวรลักษบุรี")
    area = AreaFactory(parent=district.province)
    create = partial(
        services.create_large_group,
        actor=TEST_ACTOR,
        area=area,
        district=district,
        founded_on=JOINED,
    )

    first, second, waited_in = second_while_first_is_open(create, create)

    # Without the district lock both would take number 1 and the second would crash on the
    # unique (district, number) constraint.
    assert waited_in is not None
    assert (first.number, second.number) == (1, 2)
    prefix = "เครือข่ายพัฒนาชีวิตครูอำเภอขาณุวรลักษบุรี กลุ่มใหญ่ที่ "
    assert list(LargeGroup.objects.order_by("number").values_list("name", flat=True)) == [
        f"{prefix}1",
        f"{prefix}2",
    ]


def test_large_groups_opening_in_one_district_together_are_numbered_in_turn():
    district = DistrictFactory(name="คลองขลุง")
    area = AreaFactory(parent=district.province)
    create = partial(
        services.create_large_group,
        actor=TEST_ACTOR,
        area=area,
        district=district,
        founded_on=JOINED,
    )

    outcomes = run_at_once([create] * 4)

    assert [type(item) for item in outcomes] == [LargeGroup] * 4
    assert sorted(group.number for group in outcomes) == [1, 2, 3, 4]
    assert list(LargeGroup.objects.order_by("number").values_list("name", flat=True)) == [
        f"เครือข่ายพัฒนาชีวิตครูอำเภอคลองขลุง กลุ่มใหญ่ที่ {number}" for number in (1, 2, 3, 4)
    ]


# --- One chair at a time --------------------------------------------------------------------


def test_two_overlapping_chairs_appointed_at_once_seat_only_one():
    # Closed terms have no database constraint, so the committee lock is what keeps this out.
    committee = CommitteeFactory()
    first_member, second_member = MemberFactory.create_batch(2)
    appoint = partial(
        services.appoint_committee_seat,
        actor=TEST_ACTOR,
        committee=committee,
        position=Position.CHAIR,
        term_end=datetime.date(2025, 12, 31),
    )

    first, second, waited_in = second_while_first_is_open(
        partial(appoint, member=first_member, term_start=datetime.date(2024, 1, 1)),
        partial(appoint, member=second_member, term_start=datetime.date(2025, 1, 1)),
    )

    assert waited_in is not None
    assert isinstance(second, ValidationError), repr(second)
    assert error_codes(second) == ["chair_overlap"]
    assert list(committee.seats.all()) == [first]
