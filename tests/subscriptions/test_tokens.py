"""Signed links: the confirmation link expires, the unsubscribe link does not, neither can be forged."""

import time
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from portal.subscriptions.tokens import (
    confirmation_token,
    read_confirmation_token,
    read_unsubscribe_token,
    unsubscribe_token,
)


def made_seconds_ago(make, seconds: int, *args):
    with mock.patch("django.core.signing.time.time", return_value=time.time() - seconds):
        return make(*args)


def test_a_confirmation_token_reads_back_its_subscriber():
    assert read_confirmation_token(confirmation_token(42)) == 42


def test_a_confirmation_token_works_until_its_max_age_and_not_after(settings):
    settings.NEWSLETTER_CONFIRM_MAX_AGE = 3600
    assert read_confirmation_token(made_seconds_ago(confirmation_token, 3590, 7)) == 7
    with pytest.raises(ValidationError) as error:
        read_confirmation_token(made_seconds_ago(confirmation_token, 3610, 7))
    assert error.value.code == "token_expired"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature changed
        lambda token: "OA" + token[token.index(":") :],  # another subscriber's id, same signature
        lambda token: token[:-5],  # cut short when copied
        lambda token: "",
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_confirmation_token_is_invalid(tamper):
    with pytest.raises(ValidationError) as error:
        read_confirmation_token(tamper(confirmation_token(42)))
    assert error.value.code == "token_invalid"


def test_an_unsubscribe_token_never_expires(settings):
    settings.NEWSLETTER_CONFIRM_MAX_AGE = 60
    assert read_unsubscribe_token(made_seconds_ago(unsubscribe_token, 10 * 365 * 86400, 9)) == 9


def test_the_two_kinds_of_token_are_not_interchangeable():
    with pytest.raises(ValidationError):
        read_unsubscribe_token(confirmation_token(5))
    with pytest.raises(ValidationError):
        read_confirmation_token(unsubscribe_token(5))
