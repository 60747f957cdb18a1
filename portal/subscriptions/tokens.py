"""Signed links in the mails: confirmation (expires) and unsubscribe (personal, no expiry)."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .conf import setting

CONFIRM_SALT = "portal.subscriptions.confirm"
UNSUBSCRIBE_SALT = "portal.subscriptions.unsubscribe"

TOKEN_INVALID_MESSAGE = _("ลิงก์นี้ไม่ถูกต้อง: อาจคัดลอกมาไม่ครบ ลองกดลิงก์จากอีเมลอีกครั้ง หรือคัดลอกให้ครบทั้งบรรทัด")
TOKEN_EXPIRED_MESSAGE = _("ลิงก์ยืนยันนี้หมดอายุแล้ว: ฝากอีเมลอีกครั้ง แล้วกดลิงก์ในอีเมลฉบับใหม่ภายในเวลาที่กำหนด")


def confirmation_token(subscriber_id: int) -> str:
    # signing.dumps stamps the time (TimestampSigner), so loads() can refuse an old link.
    return signing.dumps(subscriber_id, salt=CONFIRM_SALT)


def unsubscribe_token(subscriber_id: int) -> str:
    return signing.dumps(subscriber_id, salt=UNSUBSCRIBE_SALT)


def _load(token: str, *, salt: str, max_age: int | None) -> int:
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationError(TOKEN_EXPIRED_MESSAGE, code="token_expired") from None
    except signing.BadSignature:
        raise ValidationError(TOKEN_INVALID_MESSAGE, code="token_invalid") from None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError(TOKEN_INVALID_MESSAGE, code="token_invalid")
    return value


def read_confirmation_token(token: str) -> int:
    """The subscriber's id, or ValidationError code token_expired / token_invalid."""
    return _load(token, salt=CONFIRM_SALT, max_age=setting("CONFIRM_MAX_AGE"))


def read_unsubscribe_token(token: str) -> int:
    return _load(token, salt=UNSUBSCRIBE_SALT, max_age=None)
