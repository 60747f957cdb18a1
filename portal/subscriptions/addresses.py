"""E-mail addresses as the list keeps them: normalised, compared without case, checked."""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

EMAIL_MAX_LENGTH = 254

INVALID_EMAIL_MESSAGE = _("อีเมลนี้ไม่ถูกต้อง: ตรวจว่ามีเครื่องหมาย @ และชื่อโดเมนครบ เช่น somchai@example.com")

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
