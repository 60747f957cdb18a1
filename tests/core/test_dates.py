"""The era rule and the date parser every input and importer uses (core.dates)."""

import datetime

import pytest
from django.utils import translation

from core import dates

D = datetime.date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2/12/2569", D(2026, 12, 2)),
        ("02/12/2569", D(2026, 12, 2)),
        ("2/12/2026", D(2026, 12, 2)),
        ("2-12-2569", D(2026, 12, 2)),
        ("2.12.2569", D(2026, 12, 2)),
        ("2569-12-02", D(2026, 12, 2)),
        ("2026-12-02", D(2026, 12, 2)),
        (" 2 / 12 / 2569 ", D(2026, 12, 2)),
        ("2 ธันวาคม 2569", D(2026, 12, 2)),
        ("2 ธ.ค. 2569", D(2026, 12, 2)),
        ("2 ธ.ค. พ.ศ. 2569", D(2026, 12, 2)),
        ("2 December 2026", D(2026, 12, 2)),
        ("2 Dec 2026 CE", D(2026, 12, 2)),
        ("2 Dec 2569 B.E.", D(2026, 12, 2)),
        ("15/11/2569", D(2026, 11, 15)),
        # the edges of the rule: 2400 is B.E., 1900 and 2200 are C.E.
        ("1/1/2400", D(1857, 1, 1)),
        ("1/1/1900", D(1900, 1, 1)),
        ("31/12/2200", D(2200, 12, 31)),
        ("31/12/2743", D(2200, 12, 31)),
        ("29/02/2567", D(2024, 2, 29)),
    ],
)
def test_dates_typed_either_way_read_as_meant(text, expected):
    assert dates.parse_date(text) == expected


@pytest.mark.parametrize(
    "text, code",
    [
        ("2/12/69", "year_out_of_range"),  # a two-digit year is not guessed
        ("1/1/1899", "year_out_of_range"),
        ("1/1/2201", "year_out_of_range"),  # between the eras
        ("1/1/2399", "year_out_of_range"),
        ("1/1/2744", "year_out_of_range"),  # B.E. after 2200 C.E.
        ("31/2/2569", "no_such_day"),
        ("29/2/2569", "no_such_day"),  # 2026 is not a leap year
        ("2/13/2569", "no_such_month"),
        ("tomorrow", "invalid_date"),
        ("", "required"),
        ("2/12/2569\x00", "invalid_date"),
    ],
)
def test_impossible_dates_are_refused_with_a_thai_message(text, code):
    with pytest.raises(dates.DateInputError) as raised:
        dates.parse_date(text)
    assert raised.value.code == code
    assert any("\u0e00" <= char <= "\u0e7f" for char in raised.value.message)


def test_the_message_for_a_year_out_of_range_says_which_years_are_read():
    with pytest.raises(dates.DateInputError) as raised:
        dates.parse_date("1/1/2300")
    assert "2300" in raised.value.message
    assert "2400" in raised.value.message and "1900–2200" in raised.value.message


@pytest.mark.parametrize(
    "cell, expected",
    [
        (D(2569, 5, 25), D(2026, 5, 25)),
        (datetime.datetime(2569, 5, 25, 0, 0), D(2026, 5, 25)),
        (D(2026, 5, 25), D(2026, 5, 25)),
        (D(2400, 1, 1), D(1857, 1, 1)),
        (D(2200, 12, 31), D(2200, 12, 31)),
    ],
)
def test_date_cells_follow_the_same_rule(cell, expected):
    assert dates.to_common_era(cell) == expected


@pytest.mark.parametrize("cell", [D(2300, 1, 1), D(1899, 12, 31), D(2744, 1, 1)])
def test_date_cells_outside_the_rule_are_refused(cell):
    with pytest.raises(dates.DateInputError):
        dates.to_common_era(cell)


def test_a_buddhist_leap_day_that_is_no_leap_day_in_the_common_era_is_refused():
    # A spreadsheet cell can hold 29 February 2572 (a leap year when read as C.E.), but 2572
    # B.E. is 2029 C.E., which has no 29 February.
    with pytest.raises(dates.DateInputError) as raised:
        dates.to_common_era(D(2572, 2, 29))
    assert raised.value.code == "no_such_day"


def test_inputs_show_the_buddhist_era_in_thai_and_the_common_era_in_english():
    with translation.override("th"):
        assert dates.input_text(D(2026, 12, 2)) == "02/12/2569"
    with translation.override("en"):
        assert dates.input_text(D(2026, 12, 2)) == "02/12/2026"
    assert dates.input_text(None) == ""
