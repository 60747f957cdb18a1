"""Numbers as people read them on screen: thousands grouped (1,096,625), baht with two decimals.

Explicit rather than USE_THOUSAND_SEPARATOR, which would also group ids rendered into URLs.
"""

from decimal import Decimal

from django.utils.formats import number_format


def grouped(value) -> str:
    """A count with its thousands grouped; "-" for None."""
    if value is None or value == "":
        return "-"
    return number_format(value, force_grouping=True)


def baht(value: Decimal | None) -> str:
    """An amount of baht: grouped, always two decimals."""
    if value is None:
        return "-"
    return number_format(value, decimal_pos=2, force_grouping=True)
