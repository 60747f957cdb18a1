"""Settings of the loans app, read with their defaults (the lead sets them in portal/settings.py)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# The Bank of Thailand counts a loan as non-performing when it is more than 90 days past due.
DEFAULT_DAYS_PAST_DUE = 90


def default_days_past_due() -> int:
    """A borrower is in default when an instalment is overdue by more than this many days."""
    days = getattr(settings, "LOANS_DEFAULT_DAYS_PAST_DUE", DEFAULT_DAYS_PAST_DUE)
    if not isinstance(days, int) or isinstance(days, bool) or days < 0:
        raise ImproperlyConfigured(
            f"LOANS_DEFAULT_DAYS_PAST_DUE must be a whole number of days ≥ 0, not {days!r}"
        )
    return days
