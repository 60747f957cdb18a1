"""The repayment-discipline rule: a count of borrowers and defaulters → the monitor's status.

This module is the only place the 0.5% and 1.0% thresholds are applied; snapshots, the expansion
gate, the dashboard, the exports and the `monitor` command all call `classify()`. Everything is
integer arithmetic: D/B > 5/1000 is tested as D × 1000 > B × 5, so no float rounding can move a
group across a line (with B = 200, D = 1 is exactly 0.5% and stays "watch").
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

PER_MILLE = 1000
# Thresholds in per mille (‰) so they stay integers: 5‰ = 0.5%, 10‰ = 1.0%.
SLOW_DOWN_PER_MILLE = 5
STOP_PER_MILLE = 10


class MonitorStatus(models.TextChoices):
    # A group without borrowers has no rate: it is neither eligible nor at risk.
    NO_BORROWERS = "no_borrowers", _("ไม่มีผู้กู้")
    ELIGIBLE = "eligible", _("มีสิทธิ์รับทุนสนับสนุน")
    WATCH = "watch", _("เฝ้าระวัง")
    SLOW_DOWN = "slow_down", _("ชะลอการขยายโครงการ")
    STOP = "stop", _("หยุดการขยายโครงการ")


# Higher is worse; the dashboard sorts by it.
SEVERITY = {
    MonitorStatus.NO_BORROWERS: 0,
    MonitorStatus.ELIGIBLE: 1,
    MonitorStatus.WATCH: 2,
    MonitorStatus.SLOW_DOWN: 3,
    MonitorStatus.STOP: 4,
}
# Slow-down and stop restrict expansion; the others are "normal" for alerts and history.
RESTRICTED = frozenset({MonitorStatus.SLOW_DOWN, MonitorStatus.STOP})


def exceeds(*, borrowers: int, defaulters: int, per_mille: int) -> bool:
    """Whether defaulters / borrowers is strictly above per_mille / 1000."""
    return defaulters * PER_MILLE > borrowers * per_mille


def classify(*, borrowers: int, defaulters: int, on_time_borrowers: int) -> MonitorStatus:
    """The status of a large group or a network from its counts of people.

    on_time_borrowers: borrowers who repaid every instalment due that month in full and on time;
    a group is eligible for the support grant only when that is all of them.
    """
    if borrowers < 0 or not 0 <= defaulters <= borrowers or not 0 <= on_time_borrowers <= borrowers:
        raise ValueError(f"Impossible counts: {borrowers=}, {defaulters=}, {on_time_borrowers=}")
    if borrowers == 0:
        return MonitorStatus.NO_BORROWERS
    if exceeds(borrowers=borrowers, defaulters=defaulters, per_mille=STOP_PER_MILLE):
        return MonitorStatus.STOP
    if exceeds(borrowers=borrowers, defaulters=defaulters, per_mille=SLOW_DOWN_PER_MILLE):
        return MonitorStatus.SLOW_DOWN
    if on_time_borrowers == borrowers:
        return MonitorStatus.ELIGIBLE
    return MonitorStatus.WATCH


def cures_needed(*, borrowers: int, defaulters: int, per_mille: int) -> int:
    """The fewest defaulters who must be cured to be at or under the threshold again.

    The smallest k ≥ 0 with (D − k) × 1000 ≤ B × per_mille, i.e. D − ⌊B × per_mille / 1000⌋.
    """
    return max(0, defaulters - (borrowers * per_mille) // PER_MILLE)


def rate_percent(*, borrowers: int, defaulters: int) -> Decimal | None:
    """The default rate in percent, two decimals, for people to read (never for comparing)."""
    if borrowers == 0:
        return None
    exact = Decimal(defaulters * 100) / Decimal(borrowers)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def severity(status: str) -> int:
    return SEVERITY[MonitorStatus(status)]


def is_restricted(status: str) -> bool:
    return MonitorStatus(status) in RESTRICTED


@dataclass(frozen=True)
class Figures:
    """One row of the monitor: the counts, and everything derived from them by the rule."""

    borrowers: int
    defaulters: int
    on_time_borrowers: int

    @property
    def status(self) -> MonitorStatus:
        return classify(
            borrowers=self.borrowers,
            defaulters=self.defaulters,
            on_time_borrowers=self.on_time_borrowers,
        )

    @property
    def rate_percent(self) -> Decimal | None:
        return rate_percent(borrowers=self.borrowers, defaulters=self.defaulters)

    @property
    def cures_to_slow_down_line(self) -> int:
        """Cures needed to be at or under 0.5% (out of slow-down)."""
        return cures_needed(
            borrowers=self.borrowers, defaulters=self.defaulters, per_mille=SLOW_DOWN_PER_MILLE
        )

    @property
    def cures_to_stop_line(self) -> int:
        """Cures needed to be at or under 1.0% (out of stop)."""
        return cures_needed(
            borrowers=self.borrowers, defaulters=self.defaulters, per_mille=STOP_PER_MILLE
        )
