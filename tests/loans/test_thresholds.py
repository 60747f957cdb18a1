"""The rule: 0.5% and 1.0% are strict lines, compared in integers; cures to get back under."""

from decimal import Decimal

import pytest

from loans.thresholds import (
    SLOW_DOWN_PER_MILLE,
    STOP_PER_MILLE,
    Figures,
    MonitorStatus,
    classify,
    cures_needed,
    rate_percent,
)


def status(borrowers, defaulters, on_time=None):
    on_time = borrowers - defaulters if on_time is None else on_time
    return classify(borrowers=borrowers, defaulters=defaulters, on_time_borrowers=on_time)


@pytest.mark.parametrize(
    ("defaulters", "expected"),
    [
        (0, MonitorStatus.WATCH),  # nobody in default, but not everyone on time (see on_time)
        (1, MonitorStatus.WATCH),  # exactly 0.5%: not above
        (2, MonitorStatus.SLOW_DOWN),  # 1.0%: above 0.5%, exactly 1.0% is not above 1.0%
        (3, MonitorStatus.STOP),  # 1.5%
    ],
)
def test_one_two_and_three_defaulters_in_two_hundred_borrowers(defaulters, expected):
    assert status(200, defaulters, on_time=190) == expected


def test_every_borrower_on_time_is_eligible_for_the_support_grant():
    assert status(200, 0, on_time=200) == MonitorStatus.ELIGIBLE


def test_one_borrower_late_but_not_in_default_is_watch():
    assert status(200, 0, on_time=199) == MonitorStatus.WATCH


@pytest.mark.parametrize(
    ("borrowers", "defaulters", "expected"),
    [
        (199, 1, MonitorStatus.SLOW_DOWN),  # 0.5025%: above 0.5% though it shows as 0.50
        (201, 1, MonitorStatus.WATCH),  # 0.4975%: shows as 0.50 but is under the line
        (999, 10, MonitorStatus.STOP),  # 1.001%: above 1.0% though it shows as 1.00
        (1001, 10, MonitorStatus.SLOW_DOWN),  # 0.999%
        (100, 1, MonitorStatus.SLOW_DOWN),  # exactly 1.0%
        (99, 1, MonitorStatus.STOP),
    ],
)
def test_counts_whose_rounded_rate_hides_which_side_of_the_line_they_are(
    borrowers, defaulters, expected
):
    assert status(borrowers, defaulters) == expected


def test_the_rounded_rate_for_people_would_misjudge_those_counts():
    # The displayed rate is 0.50 for both; only the integer rule tells them apart.
    assert rate_percent(borrowers=199, defaulters=1) == Decimal("0.50")
    assert rate_percent(borrowers=201, defaulters=1) == Decimal("0.50")
    assert status(199, 1) != status(201, 1)


@pytest.mark.parametrize(
    ("borrowers", "defaulters", "per_mille", "expected"),
    [
        (2 * 10**18, 10**16 + 1, SLOW_DOWN_PER_MILLE, MonitorStatus.SLOW_DOWN),
        (10**18, 10**16 + 1, STOP_PER_MILLE, MonitorStatus.STOP),
    ],
)
def test_counts_where_float_division_misjudges_the_boundary(
    borrowers, defaulters, per_mille, expected
):
    # In floats the one extra defaulter is lost and the rate equals the line exactly.
    assert not defaulters / borrowers > per_mille / 1000
    assert status(borrowers, defaulters) == expected


def test_a_group_without_borrowers_has_no_status_of_its_own():
    assert status(0, 0) == MonitorStatus.NO_BORROWERS
    assert rate_percent(borrowers=0, defaulters=0) is None


@pytest.mark.parametrize(
    ("borrowers", "defaulters", "on_time"), [(-1, 0, 0), (10, 11, 0), (10, 0, 11), (10, -1, 0)]
)
def test_impossible_counts_are_refused(borrowers, defaulters, on_time):
    with pytest.raises(ValueError):
        classify(borrowers=borrowers, defaulters=defaulters, on_time_borrowers=on_time)


@pytest.mark.parametrize(
    ("borrowers", "defaulters", "to_half", "to_one"),
    [
        (200, 0, 0, 0),
        (200, 1, 0, 0),
        (200, 2, 1, 0),
        (200, 3, 2, 1),
        (199, 1, 1, 0),  # 0 defaulters is the only count at or under 0.5% of 199
        (1000, 25, 20, 15),
        (50, 1, 1, 1),
    ],
)
def test_cures_needed_is_the_fewest_that_brings_the_rate_to_or_under_the_line(
    borrowers, defaulters, to_half, to_one
):
    figures = Figures(borrowers, defaulters, 0)
    assert figures.cures_to_slow_down_line == to_half
    assert figures.cures_to_stop_line == to_one
    for cures, per_mille in [(to_half, SLOW_DOWN_PER_MILLE), (to_one, STOP_PER_MILLE)]:
        assert (defaulters - cures) * 1000 <= borrowers * per_mille
        if cures:
            assert (defaulters - cures + 1) * 1000 > borrowers * per_mille


def test_cures_needed_checks_every_count_up_to_a_thousand_borrowers():
    for borrowers in range(1, 1001, 37):
        for defaulters in range(0, min(borrowers, 40) + 1):
            cures = cures_needed(
                borrowers=borrowers, defaulters=defaulters, per_mille=SLOW_DOWN_PER_MILLE
            )
            smallest = next(
                k for k in range(defaulters + 1) if (defaulters - k) * 1000 <= borrowers * 5
            )
            assert cures == smallest


def test_rate_for_people_has_two_decimals():
    assert rate_percent(borrowers=3, defaulters=1) == Decimal("33.33")
    assert rate_percent(borrowers=200, defaulters=3) == Decimal("1.50")
