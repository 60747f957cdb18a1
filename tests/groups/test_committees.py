"""Committees: one owner each, one chair at a time, named "other" positions, sound terms."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from groups import services
from groups.models import Committee, CommitteeSeat, Position
from tests.factories import TEST_ACTOR
from tests.groups.factories import CommitteeFactory, CommitteeSeatFactory, LargeGroupFactory
from tests.members.factories import MemberFactory
from tests.networks.factories import AreaFactory

pytestmark = pytest.mark.django_db

D = datetime.date
FIRST_TERM_START = D(2022, 1, 1)


def constraint_message(name):
    constraint = next(c for c in CommitteeSeat._meta.constraints if c.name == name)
    return str(constraint.violation_error_message)


def appoint(
    committee, position=Position.CHAIR, term_start=FIRST_TERM_START, term_end=None, **fields
):
    return services.appoint_committee_seat(
        actor=TEST_ACTOR,
        committee=committee,
        member=fields.pop("member", None) or MemberFactory(),
        position=position,
        term_start=term_start,
        term_end=term_end,
        **fields,
    )


def error_codes(excinfo):
    error = excinfo.value
    if hasattr(error, "error_dict"):
        return [item.code for items in error.error_dict.values() for item in items]
    return [item.code for item in error.error_list]


# --- One chair at a time --------------------------------------------------------------------

# The sitting chair's term in the next two tests: 1 Jan 2022 to 31 Dec 2023, both days included.
SITTING = (D(2022, 1, 1), D(2023, 12, 31))


@pytest.mark.parametrize(
    ("term_start", "term_end"),
    [
        (D(2024, 1, 1), D(2025, 12, 31)),  # starts the day after the sitting chair's term ends
        (D(2024, 1, 1), None),  # the same, with no end date yet
        (D(2020, 1, 1), D(2021, 12, 31)),  # ends the day before the sitting chair's term starts
    ],
)
def test_chair_terms_that_follow_each_other_are_accepted(term_start, term_end):
    committee = CommitteeFactory()
    appoint(committee, term_start=SITTING[0], term_end=SITTING[1])

    appoint(committee, term_start=term_start, term_end=term_end)

    assert committee.seats.filter(position=Position.CHAIR).count() == 2


@pytest.mark.parametrize(
    ("term_start", "term_end"),
    [
        (D(2023, 12, 31), D(2025, 12, 31)),  # shares the sitting chair's last day
        (D(2020, 1, 1), D(2022, 1, 1)),  # shares the sitting chair's first day
        (D(2022, 6, 1), D(2022, 12, 31)),  # inside the sitting term
        (D(2021, 1, 1), D(2024, 12, 31)),  # around the sitting term
        (D(2023, 1, 1), None),  # open, starting during the sitting term
        (D(2020, 1, 1), None),  # open, starting before it
    ],
)
def test_overlapping_chair_terms_are_refused(term_start, term_end):
    committee = CommitteeFactory()
    sitting = appoint(committee, term_start=SITTING[0], term_end=SITTING[1])

    with pytest.raises(ValidationError) as excinfo:
        appoint(committee, term_start=term_start, term_end=term_end)

    assert error_codes(excinfo) == ["chair_overlap"]
    assert (
        excinfo.value.error_dict[NON_FIELD_ERRORS][0].params["member"]
        == sitting.member.choice_label
    )
    assert list(committee.seats.all()) == [sitting]


def test_chair_with_an_open_term_blocks_every_later_chair():
    committee = CommitteeFactory()
    appoint(committee, term_start=D(2024, 1, 1))

    with pytest.raises(ValidationError) as excinfo:
        appoint(committee, term_start=D(2030, 1, 1), term_end=D(2031, 12, 31))

    assert error_codes(excinfo) == ["chair_overlap"]


def test_earlier_chair_ending_the_day_before_an_open_term_is_accepted():
    committee = CommitteeFactory()
    appoint(committee, term_start=D(2024, 1, 1))

    appoint(committee, term_start=D(2022, 1, 1), term_end=D(2023, 12, 31))


def test_earlier_chair_ending_on_the_first_day_of_an_open_term_is_refused():
    committee = CommitteeFactory()
    appoint(committee, term_start=D(2024, 1, 1))

    with pytest.raises(ValidationError):
        appoint(committee, term_start=D(2022, 1, 1), term_end=D(2024, 1, 1))


def test_closing_the_chairs_open_term_lets_the_next_chair_in():
    committee = CommitteeFactory()
    sitting = appoint(committee, term_start=D(2022, 1, 1))
    sitting.term_end = D(2023, 12, 31)
    sitting.full_clean()  # its own seat is no clash
    services.end_committee_seat(actor=TEST_ACTOR, seat=sitting, term_end=D(2023, 12, 31))

    appoint(committee, term_start=D(2024, 1, 1))

    assert committee.seats.filter(position=Position.CHAIR, term_end__isnull=True).count() == 1


def test_chairs_of_different_committees_do_not_clash():
    appoint(CommitteeFactory(), term_start=D(2022, 1, 1))

    appoint(CommitteeFactory(), term_start=D(2022, 1, 1))


@pytest.mark.parametrize("position", [Position.VICE_CHAIR, Position.MEMBER, Position.TREASURER])
def test_other_positions_may_be_held_by_several_at_once(position):
    committee = CommitteeFactory()
    appoint(committee, position=position)

    appoint(committee, position=position)

    assert committee.seats.filter(position=position).count() == 2


def test_a_vice_chair_does_not_clash_with_the_chair():
    committee = CommitteeFactory()
    appoint(committee, position=Position.CHAIR)

    appoint(committee, position=Position.VICE_CHAIR)


def test_database_refuses_a_second_open_chair():
    committee = CommitteeFactory()
    CommitteeSeatFactory(committee=committee, position=Position.CHAIR, term_end=None)

    with pytest.raises(IntegrityError):
        CommitteeSeatFactory(committee=committee, position=Position.CHAIR, term_end=None)


def test_database_accepts_an_open_chair_after_a_closed_one():
    committee = CommitteeFactory()
    CommitteeSeatFactory(committee=committee, position=Position.CHAIR)

    CommitteeSeatFactory(
        committee=committee, position=Position.CHAIR, term_start=D(2026, 1, 1), term_end=None
    )


def test_overlap_message_is_thai_and_names_the_sitting_chair():
    committee = CommitteeFactory()
    sitting = appoint(committee)

    with pytest.raises(ValidationError) as excinfo:
        appoint(committee)

    message = excinfo.value.messages[0]
    assert str(sitting.member) in message
    assert "ประธาน" in message


# --- "Other" positions need a title -------------------------------------------------------


@pytest.mark.parametrize("title", ["", "   "])
def test_other_position_without_a_title_is_refused(title):
    committee = CommitteeFactory()

    with pytest.raises(ValidationError) as excinfo:
        appoint(committee, position=Position.OTHER, position_title=title)

    assert list(excinfo.value.error_dict) == ["position_title"]
    assert not committee.seats.exists()


def test_other_position_without_a_title_says_why_by_code():
    with pytest.raises(ValidationError) as excinfo:
        appoint(CommitteeFactory(), position=Position.OTHER, position_title="")

    assert error_codes(excinfo) == ["position_title"]


def test_other_position_with_a_title_is_accepted_and_shown_by_it():
    seat = appoint(CommitteeFactory(), position=Position.OTHER, position_title="ที่ปรึกษา")

    assert seat.title == "ที่ปรึกษา"
    assert str(seat).startswith("ที่ปรึกษา: ")


def test_named_position_is_shown_by_its_label_whatever_the_title_field_says():
    seat = appoint(CommitteeFactory(), position=Position.TREASURER, position_title="ไม่ใช้")

    assert seat.title == str(Position.TREASURER.label)


def test_database_refuses_an_other_position_without_a_title():
    with pytest.raises(IntegrityError):
        CommitteeSeatFactory(position=Position.OTHER, position_title="")


# --- Terms ------------------------------------------------------------------------------------


def test_term_ending_before_it_starts_is_refused():
    seat = CommitteeSeatFactory.build(
        committee=CommitteeFactory(),
        member=MemberFactory(),
        term_start=D(2024, 1, 1),
        term_end=D(2023, 12, 31),
    )

    with pytest.raises(ValidationError) as excinfo:
        seat.full_clean()
    assert excinfo.value.message_dict[NON_FIELD_ERRORS] == [
        constraint_message("seat_term_ends_after_start")
    ]

    with pytest.raises(IntegrityError):
        seat.save()


def test_chair_term_ending_before_it_starts_gets_only_the_term_message():
    committee = CommitteeFactory()
    appoint(committee, term_start=D(2020, 1, 1))

    with pytest.raises(ValidationError) as excinfo:
        appoint(committee, term_start=D(2024, 1, 1), term_end=D(2023, 12, 31))

    assert excinfo.value.messages == [constraint_message("seat_term_ends_after_start")]


def test_one_day_term_is_accepted():
    appoint(
        CommitteeFactory(),
        position=Position.MEMBER,
        term_start=D(2024, 1, 1),
        term_end=D(2024, 1, 1),
    )


def test_current_seats_include_the_first_and_last_day_of_the_term():
    seat = CommitteeSeatFactory(term_start=D(2024, 1, 1), term_end=D(2025, 12, 31))
    open_seat = CommitteeSeatFactory(
        committee=seat.committee, term_start=D(2025, 6, 1), term_end=None
    )
    current = CommitteeSeat.objects.current

    assert list(current(on=D(2023, 12, 31))) == []
    assert list(current(on=D(2024, 1, 1))) == [seat]
    assert set(current(on=D(2025, 12, 31))) == {seat, open_seat}
    assert list(current(on=D(2026, 1, 1))) == [open_seat]


def test_seats_are_listed_in_position_order():
    committee = CommitteeFactory()
    for position in reversed(Position.values):
        CommitteeSeatFactory(committee=committee, position=position, position_title="ที่ปรึกษา")

    listed = committee.seats.in_position_order().values_list("position", flat=True)

    assert list(listed) == Position.values


# --- Owners ---------------------------------------------------------------------------------


def test_committee_of_a_large_group_and_of_a_network_are_opened_once():
    large_group = LargeGroupFactory()
    network = AreaFactory()

    group_committee = services.committee_for(actor=TEST_ACTOR, owner=large_group)
    network_committee = services.committee_for(actor=TEST_ACTOR, owner=network)

    assert services.committee_for(actor=TEST_ACTOR, owner=large_group) == group_committee
    assert services.committee_for(actor=TEST_ACTOR, owner=network) == network_committee
    assert group_committee.owner == large_group
    assert network_committee.owner == network
    assert list(Committee.objects.for_large_groups()) == [group_committee]
    assert list(Committee.objects.for_networks()) == [network_committee]


@pytest.mark.parametrize("owners", ["neither", "both"])
def test_committee_has_exactly_one_owner(owners):
    committee = Committee()
    if owners == "both":
        committee.large_group = LargeGroupFactory()
        committee.network = AreaFactory()
    constraint = next(
        c for c in Committee._meta.constraints if c.name == "committee_has_exactly_one_owner"
    )

    with pytest.raises(ValidationError) as excinfo:
        committee.full_clean()
    assert excinfo.value.messages == [str(constraint.violation_error_message)]

    with pytest.raises(IntegrityError), transaction.atomic():
        committee.save()


# --- Changing, ending and deleting seats ------------------------------------------------------


def test_a_chairs_term_changed_to_overlap_another_is_refused():
    committee = CommitteeFactory()
    appoint(committee, term_start=D(2024, 1, 1))
    earlier = appoint(committee, term_start=D(2020, 1, 1), term_end=D(2023, 12, 31))

    with pytest.raises(ValidationError) as excinfo:
        services.update_committee_seat(actor=TEST_ACTOR, seat=earlier, term_end=D(2024, 6, 30))

    assert error_codes(excinfo) == ["chair_overlap"]
    earlier.refresh_from_db()
    assert earlier.term_end == D(2023, 12, 31)


def test_a_vice_chair_made_chair_is_held_to_the_chair_rule():
    committee = CommitteeFactory()
    appoint(committee, term_start=D(2024, 1, 1))
    vice = appoint(committee, position=Position.VICE_CHAIR, term_start=D(2024, 1, 1))

    with pytest.raises(ValidationError):
        services.update_committee_seat(actor=TEST_ACTOR, seat=vice, position=Position.CHAIR)


def test_ending_a_term_keeps_the_seat_as_history():
    seat = appoint(CommitteeFactory(), position=Position.TREASURER, term_start=D(2024, 1, 1))

    ended = services.end_committee_seat(actor=TEST_ACTOR, seat=seat, term_end=D(2025, 12, 31))

    assert ended.term_end == D(2025, 12, 31)
    assert CommitteeSeat.objects.current(on=D(2026, 1, 1)).filter(pk=seat.pk).count() == 0


def test_a_seat_cannot_pass_to_another_member():
    seat = appoint(CommitteeFactory(), position=Position.MEMBER)

    with pytest.raises(TypeError, match="member"):
        services.update_committee_seat(actor=TEST_ACTOR, seat=seat, member=MemberFactory())


def test_a_seat_that_approved_a_loan_is_not_deleted():
    from tests.loans.factories import LoanFactory

    seat = appoint(CommitteeFactory(), position=Position.CHAIR)
    LoanFactory(committee_approved_by=seat)

    with pytest.raises(ValidationError, match="บันทึกวันสิ้นสุดวาระแทนการลบ"):
        services.delete_committee_seat(actor=TEST_ACTOR, seat=seat)
    with pytest.raises(ValidationError, match="บันทึกวันสิ้นสุดวาระของกรรมการแทนการลบ"):
        services.delete_committee(actor=TEST_ACTOR, committee=seat.committee)

    assert CommitteeSeat.objects.filter(pk=seat.pk).exists()


def test_deleting_a_committee_deletes_its_seats_each_with_its_history():
    from core.history import historical_model

    committee = CommitteeFactory()
    seat = appoint(committee, position=Position.MEMBER)

    services.delete_committee(actor=TEST_ACTOR, committee=committee)

    assert not Committee.objects.filter(pk=committee.pk).exists()
    row = historical_model(CommitteeSeat).objects.filter(id=seat.pk).order_by("-history_id")[0]
    assert (row.history_type, row.history_actor) == ("-", TEST_ACTOR.name)


def test_a_second_committee_for_one_owner_is_refused():
    committee = CommitteeFactory()

    with pytest.raises(ValidationError) as excinfo:
        services.create_committee(actor=TEST_ACTOR, large_group=committee.large_group)

    assert "large_group" in excinfo.value.error_dict
