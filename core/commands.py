"""What management commands share: acting for a user (`--as USER`).

A command run with `--as USER` does what that user may do: its writes are attributed to them
(core.audit) and it reads and writes only inside their places (core.scope), as their pages in
the admin would. Without it, a command acts for the system and sees everything.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def add_as_argument(parser) -> None:
    parser.add_argument(
        "--as",
        dest="as_user",
        metavar="USER",
        help=_("ทำงานในนามผู้ใช้นี้ (ชื่อผู้ใช้): เห็นและแก้ไขได้เฉพาะในพื้นที่ที่ผู้ใช้รับผิดชอบ"),
    )


def acting_user(options, *, perm: str | None = None):
    """The user named by --as (None without it); a clear error for an unknown or inactive
    user, or one without the permission the command needs."""
    username = options.get("as_user")
    if not username:
        return None
    User = get_user_model()
    try:
        user = User.objects.get(**{User.USERNAME_FIELD: username})
    except User.DoesNotExist:
        raise CommandError(_("ไม่พบผู้ใช้ “%(user)s”") % {"user": username}) from None
    if not user.is_active:
        raise CommandError(_("บัญชีผู้ใช้ “%(user)s” ถูกระงับ") % {"user": username})
    if perm and not user.has_perm(perm):
        raise CommandError(
            _("ผู้ใช้ “%(user)s” ไม่มีสิทธิ์ทำงานนี้ (%(perm)s)") % {"user": username, "perm": perm}
        )
    return user
