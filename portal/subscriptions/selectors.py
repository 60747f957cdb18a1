"""Reads behind the links in the mails: whose link is it, and may it still be used."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Subscriber, SubscriberStatus
from .tokens import CONFIRM_SALT, read_confirmation_token, read_unsubscribe_token

LINK_WITHDRAWN_MESSAGE = _(
    "ลิงก์ยืนยันนี้ใช้ไม่ได้แล้ว เพราะอีเมลนี้ยกเลิกการรับข่าวไปแล้ว: หากต้องการรับข่าวอีกครั้ง โปรดฝากอีเมลใหม่"
)


def _subscribers(lock: bool):
    return Subscriber.objects.select_for_update() if lock else Subscriber.objects.all()


def subscriber_for_confirmation(token: str, *, lock: bool = False) -> Subscriber:
    """The subscriber a confirmation link belongs to, if it may still confirm (or already did).

    Raises ValidationError: token_invalid (tampered or cut), token_expired, link_withdrawn (the
    address was unsubscribed or erased since: an old link must not subscribe it again).
    """
    try:
        subscriber_id = read_confirmation_token(token)
    except ValidationError as error:
        if error.code != "token_expired":
            raise
        # An expired link of an address confirmed long ago: say "already confirmed", which is
        # what its owner wants to know, rather than "expired".
        subscriber_id = signing.loads(token, salt=CONFIRM_SALT)
        confirmed = Subscriber.objects.filter(
            pk=subscriber_id, status=SubscriberStatus.CONFIRMED
        ).first()
        if confirmed is None:
            raise
        return confirmed
    subscriber = _subscribers(lock).filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.status not in (
        SubscriberStatus.PENDING,
        SubscriberStatus.CONFIRMED,
    ):
        raise ValidationError(LINK_WITHDRAWN_MESSAGE, code="link_withdrawn")
    return subscriber


def subscriber_for_unsubscribe(token: str, *, lock: bool = False) -> Subscriber | None:
    """The link's owner; None when the address is no longer on the list at all.

    Raises ValidationError token_invalid for a tampered link.
    """
    subscriber_id = read_unsubscribe_token(token)
    return _subscribers(lock).filter(pk=subscriber_id).first()
