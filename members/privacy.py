"""Who sees a member's full national ID, phone and e-mail in the admin (core.privacy masks them
everywhere else)."""

from core.privacy import log_full_id_view

FULL_ID_PERMISSION = "officers.view_full_national_id"


def can_see_full_id(user) -> bool:
    """The member's own page shows the full ID to holders of the permission (superusers hold
    every permission; an officer's comes from a current place, officers.backends)."""
    return bool(user and user.is_active and user.has_perm(FULL_ID_PERMISSION))


def log_member_id_view(user, member) -> None:
    log_full_id_view(user, what=f"{member.member_number} {member.full_name}")
