"""Addresses are normalised before they are compared, and an invalid one is refused clearly."""

import pytest
from django.core.exceptions import ValidationError

from portal.subscriptions.addresses import clean_name, normalize_email, validate_email_address


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


@pytest.mark.parametrize(
    "address",
    [
        "x@localhost",
        "x@[127.0.0.1]",
        "x@[ipv6:::1]",
        "x@10.0.0.12",
        "x@intranet",
        "x@mail.intranet",
        "x@printer.local",
        "x@db.internal",
        "x@a.localhost",
        "x@router.home.arpa",
    ],
)
def test_an_address_without_a_public_domain_is_refused_with_a_clear_message(address):
    with pytest.raises(ValidationError) as error:
        validate_email_address(address)
    # x@intranet fails Django's own check first (no dot): its message also names the domain.
    assert error.value.code in {"email_domain_not_public", "email_invalid"}
    assert "somchai@example.com" in error.value.messages[0]


@pytest.mark.parametrize(
    "address",
    ["somchai@example.com", "somchai@obec.go.th", "somchai@xn--72c1a1bt4awk9o.xn--o3cw4h"],
)
def test_an_address_with_a_public_domain_passes(address):
    validate_email_address(address)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("สมชาย ใจดี", "สมชาย ใจดี"),
        ("สมชาย\tใจดี\r\n", "สมชาย ใจดี"),
        ("\x1b[31mสมชาย\x07", "[31mสมชาย"),
        ("สม\u200bชาย\u202e", "สมชาย"),  # a zero-width space and a right-to-left override
        ("  สมชาย  ", "สมชาย"),
        ("", ""),
    ],
)
def test_a_name_loses_its_control_and_format_characters(typed, kept):
    assert clean_name(typed) == kept
