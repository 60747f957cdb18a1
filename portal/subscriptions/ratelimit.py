"""Signup rate limits: counters in Django's cache, shared by every process when it is Redis."""

import hashlib

from django.core.cache import caches

from .addresses import normalize_email
from .conf import setting


def client_ip(request) -> str:
    """The visitor's address; X-Forwarded-For only as far as the configured proxies vouch for it.

    Each trusted proxy appends the address it saw, so with n proxies the visitor is the n-th
    entry from the right; anything left of it was written by the client and proves nothing.
    """
    proxies = int(setting("TRUSTED_PROXIES"))
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(kind: str, value: str) -> str:
    # Hashed: the cache (Redis) never holds an address in clear.
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"subscriptions:signup:{kind}:{digest}"


def _hit(key: str, *, limit: int, window: int) -> bool:
    """Count one attempt in a fixed window; True while the count is within the limit.

    add() creates the counter with its expiry only if it is absent and incr() is atomic (INCR in
    Redis), so concurrent processes never lose a count.
    """
    cache = caches[setting("RATE_LIMIT_CACHE")]
    if cache.add(key, 1, timeout=window):
        return 1 <= limit
    try:
        count = cache.incr(key)
    except ValueError:
        # The counter expired between add() and incr(): this attempt opens a new window.
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


def allow_signup(*, ip: str, email: str) -> bool:
    """Count a signup attempt against the visitor's IP and the address; False when over a limit."""
    window = int(setting("SIGNUP_LIMIT_WINDOW"))
    ip_ok = _hit(_key("ip", ip), limit=int(setting("SIGNUP_LIMIT_PER_IP")), window=window)
    address = normalize_email(email)
    address_ok = True
    if address:
        address_ok = _hit(
            _key("address", address),
            limit=int(setting("SIGNUP_LIMIT_PER_ADDRESS")),
            window=window,
        )
    return ip_ok and address_ok
