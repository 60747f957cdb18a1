"""The news-by-e-mail settings: each read from Django settings at call time, with its default."""

import datetime
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings

# Every setting is NEWSLETTER_<NAME>; portal/settings.py reads them from the environment.
DEFAULTS = {
    # Absolute base of the links in mails: a worker has no request to take a host from, and a
    # host taken from a request's Host header must never reach a mail. Empty: the project's
    # SITE_URL (the address commands print too), else http://127.0.0.1:8000.
    "SITE_URL": "",
    # The From of every mail; empty means DEFAULT_FROM_EMAIL.
    "FROM_EMAIL": "",
    # How long a confirmation link works (seconds).
    "CONFIRM_MAX_AGE": 3 * 24 * 3600,
    # At most one signup mail (confirmation or "already subscribed") per address in this window.
    "CONFIRM_RESEND_SECONDS": 15 * 60,
    # Signups counted per client IP and per address in a fixed window (seconds).
    "SIGNUP_LIMIT_PER_IP": 10,
    "SIGNUP_LIMIT_PER_ADDRESS": 5,
    "SIGNUP_LIMIT_WINDOW": 3600,
    # The cache alias holding the counters: Redis (CACHE_URL) makes them shared by all processes.
    "RATE_LIMIT_CACHE": "default",
    # Reverse proxies in front of the portal whose X-Forwarded-For entries are trusted.
    "TRUSTED_PROXIES": 0,
    # Delivery: recipients claimed at once, how long a claim holds, the SMTP timeout (also the
    # safety margin before a claim runs out), and how long one task runs before it hands over.
    "BATCH_SIZE": 50,
    "LEASE_SECONDS": 300,
    "SMTP_TIMEOUT": 30,
    "RUN_SECONDS": 60,
    # Temporary failures: attempts in all, and the first wait (doubling each time).
    "MAX_ATTEMPTS": 5,
    "RETRY_BASE_SECONDS": 60,
}


def setting(name: str):
    return getattr(settings, f"NEWSLETTER_{name}", DEFAULTS[name])


def seconds(name: str) -> datetime.timedelta:
    return datetime.timedelta(seconds=setting(name))


def site_url() -> str:
    url = setting("SITE_URL") or getattr(settings, "SITE_URL", "") or "http://127.0.0.1:8000"
    return str(url).rstrip("/")


def absolute_url(path: str) -> str:
    return site_url() + path


def from_email() -> str:
    return setting("FROM_EMAIL") or settings.DEFAULT_FROM_EMAIL


def mail_domain() -> str:
    """The domain of the From address: Message-IDs and the List-Id are made under it."""
    address = parseaddr(from_email())[1]
    return address.rpartition("@")[2] or "localhost"


@dataclass(frozen=True)
class DeliveryPolicy:
    batch_size: int
    lease: datetime.timedelta
    smtp_timeout: int
    run_budget: datetime.timedelta
    max_attempts: int
    retry_base: datetime.timedelta

    @classmethod
    def current(cls) -> "DeliveryPolicy":
        return cls(
            batch_size=int(setting("BATCH_SIZE")),
            lease=seconds("LEASE_SECONDS"),
            smtp_timeout=int(setting("SMTP_TIMEOUT")),
            run_budget=seconds("RUN_SECONDS"),
            max_attempts=int(setting("MAX_ATTEMPTS")),
            retry_base=seconds("RETRY_BASE_SECONDS"),
        )

    def retry_delay(self, attempts: int) -> datetime.timedelta:
        """Backoff after the n-th failed attempt: base, 2×base, 4×base, …"""
        return self.retry_base * (2 ** max(attempts - 1, 0))
