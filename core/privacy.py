"""Personal data in the officers' admin (Thailand's PDPA): masked national IDs, phones and
e-mails, and the log of who saw a full ID or exported rows about people.

One masked form for all three: `···` and the last four digits (`···5677` for an ID or a phone)
or the first letter of an e-mail's name (`s···@example.com`). Lists, pickers, the history and
every file show these; the member's own page shows the full value to those allowed
(members.privacy). A value too short to hide anything behind its last four shows as `···`.

The log is officers.PersonalDataAccess, read by model name (this module is at the bottom of the
apps, as core.scope is). It is an append-only record like the audit history, written where the
data is shown, so it takes the user rather than an actor.
"""

import re
from collections.abc import Iterable, Iterator

from django.apps import apps

MASK = "···"
SHOWN_DIGITS = 4
# A value shows its last digits only when more of it stays hidden than is shown.
FEWEST_DIGITS_TO_SHOW_ANY = 2 * SHOWN_DIGITS
NON_DIGITS = re.compile(r"\D")

NATIONAL_ID = "national_id"
PHONE = "phone"
EMAIL = "email"


def _last_digits(value: str | None) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    if not text:
        return ""
    digits = NON_DIGITS.sub("", text)
    if len(digits) < FEWEST_DIGITS_TO_SHOW_ANY:
        return MASK
    return MASK + digits[-SHOWN_DIGITS:]


def mask_national_id(value: str | None) -> str:
    """`3-6201-01205-67-7` or `3620101205677` → `···5677`; blank → ""."""
    return _last_digits(value)


def mask_phone(value: str | None) -> str:
    """`081-234-5678` → `···5678`; blank → ""."""
    return _last_digits(value)


def mask_email(value: str | None) -> str:
    """`somsri@example.com` → `s···@example.com`; a one-letter name or no `@` → `···...`."""
    if value is None:
        return ""
    text = str(value).strip()
    if not text:
        return ""
    name, at, domain = text.rpartition("@")
    if not at or not name:
        return MASK
    first = name[0] if len(name) > 1 else ""
    return f"{first}{MASK}@{domain}"


MASKS = {NATIONAL_ID: mask_national_id, PHONE: mask_phone, EMAIL: mask_email}


def personal_fields(model) -> dict[str, str]:
    """A model's fields that hold personal data, by kind: `Model.personal_data_fields`."""
    return dict(getattr(model, "personal_data_fields", {}))


def masked(model, field_name: str, value):
    """The value as the lists and the history show it: masked when the field is personal."""
    kind = personal_fields(model).get(field_name)
    return MASKS[kind](value) if kind else value


# The log ------------------------------------------------------------------------------------

WHAT_MAX_LENGTH = 300


def _log(user, kind: str, what: str, rows: int) -> None:
    access = apps.get_model("officers", "PersonalDataAccess")
    access.objects.create(user=user, kind=kind, what=str(what)[:WHAT_MAX_LENGTH], rows=rows)


def log_full_id_view(user, *, what: str) -> None:
    """The user was shown one person's full national ID."""
    _log(user, "view_id", what, 1)


def log_export(user, *, what: str, rows: int) -> None:
    """The user downloaded (or a command wrote for them) a file of `rows` rows about people."""
    _log(user, "export", what, rows)


class Counted:
    """Rows passed through while counting them, for the log of an export written as it reads."""

    def __init__(self, rows: Iterable):
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator:
        for row in self.rows:
            self.count += 1
            yield row
