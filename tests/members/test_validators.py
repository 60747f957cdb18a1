"""The Thai national ID: 13 digits, the last a check digit, typed with or without dashes."""

import re

import pytest
from django.core.exceptions import ValidationError

from members.validators import (
    national_id_check_digit,
    national_id_digits,
    normalize_national_id,
    validate_national_id,
)

THAI = re.compile(r"[\u0E00-\u0E7F]")


def domain_check_digit(first_twelve: str) -> str:
    """The rule as DOMAIN.md states it, written independently of the code under test."""
    total = sum(int(digit) * (13 - index) for index, digit in enumerate(first_twelve))
    return str((11 - total % 11) % 10)


def prefixes_covering_every_remainder() -> list[str]:
    # One twelve-digit prefix per value of (sum mod 11): the remainders 0 and 1 are the edge
    # cases, where 11 - r is 11 and 10 and the final "mod 10" matters.
    found: dict[int, str] = {}
    number = 0
    while len(found) < 11:
        prefix = f"1{number:011d}"
        total = sum(int(digit) * (13 - index) for index, digit in enumerate(prefix))
        found.setdefault(total % 11, prefix)
        number += 1
    return [found[remainder] for remainder in range(11)]


def with_check_digit(first_twelve: str) -> str:
    return first_twelve + domain_check_digit(first_twelve)


def error_code(value: str) -> str:
    with pytest.raises(ValidationError) as excinfo:
        validate_national_id(value)
    return excinfo.value.code


@pytest.mark.parametrize("first_twelve", prefixes_covering_every_remainder())
def test_check_digit_follows_the_programme_rule(first_twelve):
    assert national_id_check_digit(first_twelve) == domain_check_digit(first_twelve)


@pytest.mark.parametrize("first_twelve", prefixes_covering_every_remainder())
def test_id_with_the_right_check_digit_is_accepted(first_twelve):
    validate_national_id(with_check_digit(first_twelve))


@pytest.mark.parametrize("first_twelve", ["110060044563", "310060044563", "812345678901"])
def test_every_wrong_check_digit_is_refused(first_twelve):
    right = domain_check_digit(first_twelve)
    wrong_digits = [digit for digit in "0123456789" if digit != right]

    assert [error_code(first_twelve + digit) for digit in wrong_digits] == [
        "national_id_checksum"
    ] * 9


def test_known_real_format_id_is_accepted():
    # The example in python-stdnum's documentation, checked by hand against the rule.
    assert domain_check_digit("310060044563") == "5"
    validate_national_id("3100600445635")


def test_swapped_neighbouring_digits_are_caught():
    valid = with_check_digit("312345678901")
    swapped = valid[0] + valid[2] + valid[1] + valid[3:]

    assert error_code(swapped) == "national_id_checksum"


@pytest.mark.parametrize(
    ("length", "code"), [(12, "national_id_length"), (14, "national_id_length")]
)
def test_id_one_digit_short_or_long_is_refused(length, code):
    valid = with_check_digit("312345678901")
    value = valid[:length] if length < 13 else valid + "1"

    with pytest.raises(ValidationError) as excinfo:
        validate_national_id(value)

    assert excinfo.value.code == code
    assert excinfo.value.params == {"length": length}


def test_empty_id_is_refused_as_too_short():
    assert error_code("") == "national_id_length"


@pytest.mark.parametrize("value", ["31234567890a1", "๓๑๒๓๔๕๖๗๘๙๐๑๒", "3123456789.12"])
def test_id_with_anything_but_ascii_digits_is_refused(value):
    assert error_code(value) == "national_id_format"


@pytest.mark.parametrize("first_digit", ["0", "9"])
def test_id_starting_with_0_or_9_is_refused(first_digit):
    assert error_code(with_check_digit(first_digit + "12345678901")) == "national_id_first_digit"


@pytest.mark.parametrize("first_digit", ["1", "8"])
def test_id_starting_with_1_to_8_is_accepted(first_digit):
    validate_national_id(with_check_digit(first_digit + "12345678901"))


@pytest.mark.parametrize(
    "typed", ["3-1006-00445-63-5", "3 1006 00445 63 5", " 3100600445635 ", "3-1006 00445-635"]
)
def test_dashes_and_spaces_are_dropped(typed):
    assert normalize_national_id(typed) == "3100600445635"
    validate_national_id(typed)


def test_normalize_accepts_none():
    assert normalize_national_id(None) == ""


@pytest.mark.parametrize(
    "value",
    [
        "312345678901",  # length
        "31234567890a1",  # format
        with_check_digit("012345678901"),  # first digit
        "3100600445636",  # check digit
    ],
)
def test_messages_are_thai(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_national_id(value)

    assert THAI.search(excinfo.value.messages[0])


def test_checksum_message_says_how_to_fix():
    with pytest.raises(ValidationError) as excinfo:
        validate_national_id("3100600445636")

    # It points at the check digit and asks for every digit to be checked.
    message = excinfo.value.messages[0]
    assert "หลักสุดท้าย" in message
    assert "ตรวจสอบ" in message


@pytest.mark.parametrize(
    ("value", "characters"),
    [("12345abc", "a b c"), ("3-1006-O0445-63-5", "O"), ("3/1006/00445/63/5", "/")],
)
def test_letters_and_marks_are_named_before_the_digits_are_counted(value, characters):
    # Counted as digits they would give "กรอกมา 8 หลัก", which is not what is wrong.
    with pytest.raises(ValidationError) as excinfo:
        validate_national_id(value)

    assert excinfo.value.code == "national_id_format"
    assert excinfo.value.params == {"characters": characters}
    assert f"“{characters}”" in excinfo.value.messages[0]


def test_a_short_id_typed_with_dashes_counts_its_digits_only():
    with pytest.raises(ValidationError) as excinfo:
        validate_national_id("3-1006-00445-63")

    assert excinfo.value.params == {"length": 12}


def test_dashes_copied_from_a_document_are_dropped_too():
    # Word processors turn "-" into an en dash; python-stdnum reads it as a dash.
    assert normalize_national_id("3–1006–00445–63–5") == "3100600445635"


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("3100600445635", "3100600445635"),
        ("3-1006-00445-63-5", "3100600445635"),
        (" 3 1006 00445 63 5 ", "3100600445635"),
        ("3-1006", "31006"),
        ("KPP00012", None),
        ("สมศรี", None),
        ("๓๑๐๐๖", None),
        ("", None),
    ],
)
def test_search_terms_that_are_an_id_or_its_start(text, digits):
    assert national_id_digits(text) == digits
