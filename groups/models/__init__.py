"""Large groups, small groups, memberships and committees: the roster below the networks."""

from .committees import Committee, CommitteeSeat, Position
from .rosters import (
    LARGE_GROUP_MIN_MEMBERS,
    LARGE_GROUP_NAME_PREFIX,
    SMALL_GROUP_MAX_MEMBERS,
    SMALL_GROUP_MIN_MEMBERS,
    LargeGroup,
    SmallGroup,
    SmallGroupMembership,
    large_group_name,
    small_group_full_error,
)

__all__ = [
    "LARGE_GROUP_MIN_MEMBERS",
    "LARGE_GROUP_NAME_PREFIX",
    "SMALL_GROUP_MAX_MEMBERS",
    "SMALL_GROUP_MIN_MEMBERS",
    "Committee",
    "CommitteeSeat",
    "LargeGroup",
    "Position",
    "SmallGroup",
    "SmallGroupMembership",
    "large_group_name",
    "small_group_full_error",
]
