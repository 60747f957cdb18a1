"""Writes to committees and their seats; the one-chair rule is checked under the committee's lock."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core import writes
from core.audit import Actor, service
from members.models import Member
from networks.models import Network

from ..models import Committee, CommitteeSeat, LargeGroup

COMMITTEE_FIELDS = frozenset({"network", "large_group"})
# A seat is one member's term in one position: another member is another seat.
SEAT_FIELDS = frozenset({"position", "position_title", "term_start", "term_end"})


@service
def committee_for(*, actor: Actor, owner: Network | LargeGroup) -> Committee:
    """The committee of a network or a large group, opened on first use."""
    field = "network" if isinstance(owner, Network) else "large_group"
    committee = Committee.objects.filter(**{field: owner}).first()
    if committee is None:
        committee = create_committee(actor=actor, **{field: owner})
    return committee


@service
def create_committee(
    *, actor: Actor, network: Network | None = None, large_group: LargeGroup | None = None
) -> Committee:
    committee = Committee(network=network, large_group=large_group)
    committee.full_clean()
    committee.save()
    return committee


@service
def update_committee(*, actor: Actor, committee: Committee, **fields) -> Committee:
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    writes.assign(committee, fields, editable=COMMITTEE_FIELDS)
    committee.full_clean()
    committee.save()
    return committee


def committee_deletion_refusal(committee: Committee) -> ValidationError | None:
    return writes.deletion_refusal(
        committee,
        how=_("กรรมการของคณะนี้เคยอนุมัติเงินกู้ไว้ ประวัติจึงต้องอยู่ต่อ: บันทึกวันสิ้นสุดวาระของกรรมการแทนการลบ"),
    )


@service
def delete_committee(*, actor: Actor, committee: Committee) -> None:
    """Delete a committee opened by mistake, with its seats (each seat's history kept)."""
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    if refusal := committee_deletion_refusal(committee):
        raise refusal
    committee.delete()


def lock_committee(committee_id: int) -> Committee:
    # Closed chair terms have no database constraint: the lock serialises two appointments.
    return Committee.objects.select_for_update().get(pk=committee_id)


@service
def appoint_committee_seat(
    *,
    actor: Actor,
    committee: Committee,
    member: Member,
    position: str,
    term_start: datetime.date,
    term_end: datetime.date | None = None,
    position_title: str = "",
) -> CommitteeSeat:
    """Seat a member on a committee; a second chair with an overlapping term is refused."""
    lock_committee(committee.pk)
    seat = CommitteeSeat(
        committee=committee,
        member=member,
        position=position,
        position_title=position_title,
        term_start=term_start,
        term_end=term_end,
    )
    seat.full_clean()
    seat.save()
    return seat


@service
def update_committee_seat(*, actor: Actor, seat: CommitteeSeat, **fields) -> CommitteeSeat:
    """Correct a seat's position or term; the chair rule holds as for a new seat."""
    lock_committee(seat.committee_id)
    seat = CommitteeSeat.objects.select_for_update().get(pk=seat.pk)
    writes.assign(seat, fields, editable=SEAT_FIELDS)
    seat.full_clean()
    seat.save()
    return seat


@service
def end_committee_seat(
    *, actor: Actor, seat: CommitteeSeat, term_end: datetime.date
) -> CommitteeSeat:
    """End a member's term on a day (the seat stays as the committee's history)."""
    return update_committee_seat(actor=actor, seat=seat, term_end=term_end)


def seat_deletion_refusal(seat: CommitteeSeat) -> ValidationError | None:
    return writes.deletion_refusal(
        seat,
        how=_("กรรมการในตำแหน่งนี้เคยอนุมัติเงินกู้ ประวัติจึงต้องอยู่ต่อ: บันทึกวันสิ้นสุดวาระแทนการลบ"),
    )


@service
def delete_committee_seat(*, actor: Actor, seat: CommitteeSeat) -> None:
    """Delete a seat entered by mistake; one that approved a loan is refused."""
    lock_committee(seat.committee_id)
    seat = CommitteeSeat.objects.select_for_update().get(pk=seat.pk)
    if refusal := seat_deletion_refusal(seat):
        raise refusal
    seat.delete()
