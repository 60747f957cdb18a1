"""Every write to the group rosters: one function per change, each in one transaction and
attributed to its actor (`actor=`, core.audit). Callers import this package; the modules below
are its halves."""

from .committees import (
    appoint_committee_seat,
    committee_deletion_refusal,
    committee_for,
    create_committee,
    delete_committee,
    delete_committee_seat,
    end_committee_seat,
    seat_deletion_refusal,
    update_committee,
    update_committee_seat,
)
from .rosters import (
    add_member_to_small_group,
    change_member_status,
    create_large_group,
    create_small_group,
    delete_large_group,
    delete_small_group,
    end_membership,
    is_small_group_full_violation,
    large_group_deletion_refusal,
    refresh_large_group_names,
    small_group_deletion_refusal,
    update_large_group,
    update_membership,
    update_small_group,
)

__all__ = [
    "add_member_to_small_group",
    "appoint_committee_seat",
    "change_member_status",
    "committee_deletion_refusal",
    "committee_for",
    "create_committee",
    "create_large_group",
    "create_small_group",
    "delete_committee",
    "delete_committee_seat",
    "delete_large_group",
    "delete_small_group",
    "end_committee_seat",
    "end_membership",
    "is_small_group_full_violation",
    "large_group_deletion_refusal",
    "refresh_large_group_names",
    "seat_deletion_refusal",
    "small_group_deletion_refusal",
    "update_committee",
    "update_committee_seat",
    "update_large_group",
    "update_membership",
    "update_small_group",
]
