"""Validation of the Thai national ID (เลขประจำตัวประชาชน) by python-stdnum's th.pin rules."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.th import pin


def normalize_national_id(value: str) -> str:
    """Drop the spaces and dashes people type between digit groups (1-2345-67890-12-3)."""
    return pin.compact(value or "")


def validate_national_id(value: str) -> None:
    try:
        pin.validate(value)
    except InvalidLength:
        raise ValidationError(
            _("เลขประจำตัวประชาชนต้องมี 13 หลัก (กรอกมา %(length)d หลัก)"),
            code="national_id_length",
            params={"length": len(pin.compact(value))},
        ) from None
    except InvalidFormat:
        raise ValidationError(
            _("เลขประจำตัวประชาชนต้องเป็นตัวเลข 0–9 เท่านั้น"), code="national_id_format"
        ) from None
    except InvalidComponent:
        raise ValidationError(
            _("เลขประจำตัวประชาชนต้องไม่ขึ้นต้นด้วย 0 หรือ 9"), code="national_id_first_digit"
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            _(
                "เลขประจำตัวประชาชนไม่ถูกต้อง: หลักสุดท้าย (เลขตรวจสอบ) ไม่ตรงกับ 12 หลักแรก "
                "โปรดตรวจสอบว่าพิมพ์ถูกทุกหลัก"
            ),
            code="national_id_checksum",
        ) from None


def national_id_check_digit(first_twelve: str) -> str:
    """The 13th digit for twelve given digits (used by the demo data to make valid IDs)."""
    return pin.calc_check_digit(first_twelve)
