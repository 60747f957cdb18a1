"""Validation of the Thai national ID (เลขประจำตัวประชาชน) by python-stdnum's th.pin rules."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidComponent
from stdnum.th import pin

NATIONAL_ID_LENGTH = 13
DIGITS = re.compile(r"[0-9]+")  # str.isdigit() would also take Thai and other digits


def normalize_national_id(value: str) -> str:
    """Drop the spaces and dashes people type between digit groups (1-2345-67890-12-3)."""
    return pin.compact(value or "")


def national_id_digits(text: str) -> str | None:
    """The digits of a search term that is a national ID or its start, as people type it
    (3620101205677, 3-6201-01205-67-7, 3 6201 01205 67 7, 3-6201); None for anything else."""
    compact = normalize_national_id(text)
    return compact if DIGITS.fullmatch(compact) else None


def validate_national_id(value: str) -> None:
    number = normalize_national_id(value)
    # Letters and other marks first: counting them as digits would give a wrong length.
    stray = [character for character in dict.fromkeys(number) if not DIGITS.fullmatch(character)]
    if stray:
        raise ValidationError(
            _(
                "เลขประจำตัวประชาชนต้องเป็นตัวเลข 0–9 เท่านั้น (คั่นด้วยขีดหรือเว้นวรรคได้) "
                "แต่ที่กรอกมามี “%(characters)s”: แก้ให้เป็นตัวเลขตามบัตร"
            ),
            code="national_id_format",
            params={"characters": " ".join(stray)},
        )
    if len(number) != NATIONAL_ID_LENGTH:
        raise ValidationError(
            _("เลขประจำตัวประชาชนต้องมี 13 หลัก (กรอกมา %(length)d หลัก)"),
            code="national_id_length",
            params={"length": len(number)},
        )
    try:
        pin.validate(number)
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
