"""E-mail addresses and names as the list keeps them: normalised, compared without case, checked."""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

EMAIL_MAX_LENGTH = 254

INVALID_EMAIL_MESSAGE = _("อีเมลนี้ไม่ถูกต้อง: ตรวจว่ามีเครื่องหมาย @ และชื่อโดเมนครบ เช่น somchai@example.com")

NOT_PUBLIC_MESSAGE = _(
    "อีเมลนี้รับข่าวไม่ได้: ชื่อโดเมนหลัง @ ต้องเป็นโดเมนที่ใช้ได้ทางอินเทอร์เน็ต เช่น somchai@example.com "
    "ไม่ใช่ localhost ชื่อเครื่องในหน่วยงาน หรือเลขที่อยู่ IP"
)

# Names that never reach a mailbox on the Internet (RFC 2606, 6761, 6762, 8375) and three that
# offices' networks use: mail to them would go nowhere, or to a machine inside the server's network.
PRIVATE_DOMAIN_SUFFIXES = (
    "localhost",
    "local",
    "localdomain",
    "internal",
    "invalid",
    "test",
    "home.arpa",
    "lan",
    "intranet",
)

_validate = EmailValidator(message=INVALID_EMAIL_MESSAGE, code="email_invalid")


def normalize_email(value: str) -> str:
    """One spelling per mailbox: full-width characters folded (NFKC), spaces trimmed, lower case.

    The local part is lower-cased too: strictly it may be case-sensitive, but no mail provider
    in use treats it so, and one person must not be on the list twice as A@x and a@x.
    """
    return unicodedata.normalize("NFKC", value or "").strip().lower()


def validate_email_address(value: str) -> None:
    if len(value) > EMAIL_MAX_LENGTH:
        raise ValidationError(
            _("อีเมลยาวเกิน %(max)d ตัวอักษร: ตรวจว่ากรอกเพียงอีเมลเดียว"),
            code="email_too_long",
            params={"max": EMAIL_MAX_LENGTH},
        )
    _validate(value)
    if not is_public_domain(value.rpartition("@")[2]):
        raise ValidationError(NOT_PUBLIC_MESSAGE, code="email_domain_not_public")


def is_public_domain(domain: str) -> bool:
    """False for an IP address ([127.0.0.1] or 10.0.0.12), a name without a dot, a private name.

    Django's EmailValidator accepts localhost and IP literals, which are right for a server's own
    mail but not for a list the public signs up to.
    """
    domain = domain.lower().rstrip(".")
    labels = domain.split(".")
    if domain.startswith("[") or len(labels) < 2 or labels[-1].isdigit():
        return False
    return not any(
        domain == suffix or domain.endswith("." + suffix) for suffix in PRIVATE_DOMAIN_SUFFIXES
    )


def clean_name(value: str) -> str:
    """A name without control or format characters (Unicode Cc, Cf), its spaces single.

    Tabs and line breaks become spaces; escape codes, zero-width and right-to-left marks are
    dropped: the name is shown in the admin, in mails and in CSV files, where they hide text,
    reverse it or break the row.
    """
    spaced = (" " if char.isspace() else char for char in value or "")
    kept = "".join(char for char in spaced if unicodedata.category(char) not in {"Cc", "Cf"})
    return " ".join(kept.split())
