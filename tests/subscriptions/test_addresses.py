"""Addresses are normalised before they are compared, and an invalid one is refused clearly."""

import pytest
from django.core.exceptions import ValidationError

from portal.subscriptions.addresses import normalize_email, validate_email_address


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  Somchai@Example.COM ", "somchai@example.com"),
        (
            "ｓｏｍｃｈａｉ＠ｅｘａｍｐｌｅ．ｃｏｍ",
            "somchai@example.com",
        ),  # full-width, from a Thai keyboard
        ("somchai@example.com", "somchai@example.com"),
    ],
)
def test_normalize_email(typed, kept):
    assert normalize_email(typed) == kept


@pytest.mark.parametrize("address", ["somchai@example.com", "a.b+news@mail.example.co.th"])
def test_valid_addresses_pass(address):
    validate_email_address(address)


@pytest.mark.parametrize("address", ["somchai", "somchai@", "somchai@example", "a@b@c.com"])
def test_invalid_addresses_get_a_message_that_says_how_to_fix_them(address):
    with pytest.raises(ValidationError) as error:
        validate_email_address(address)
    assert "@" in error.value.messages[0]


def test_an_address_longer_than_254_characters_is_refused():
    def address(length: int) -> str:
        local = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "."
        return local + "d" * (length - len(local) - 4) + ".com"

    validate_email_address(address(254))  # the longest an address may be
    with pytest.raises(ValidationError) as error:
        validate_email_address(address(255))
    assert error.value.code == "email_too_long"
