"""The rate chart is an SVG with the rate line, both threshold lines and a point per month."""

import datetime

from loans.charts import rate_chart
from loans.selectors import HistoryEntry
from loans.thresholds import Figures


def entry(month, borrowers, defaulters):
    return HistoryEntry(datetime.date(2025, month, 1), Figures(borrowers, defaulters, 0), "")


def test_chart_draws_the_rate_against_both_lines():
    svg = str(rate_chart([entry(1, 200, 0), entry(2, 200, 2), entry(3, 200, 3)], title="ก"))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'class="threshold threshold-5"' in svg and 'class="threshold threshold-10"' in svg
    assert svg.count("<polyline") == 1
    assert "status-stop" in svg and "status-slow_down" in svg
    assert "03/68" in svg


def test_months_without_borrowers_break_the_line():
    svg = str(
        rate_chart(
            [entry(1, 10, 0), entry(2, 10, 1), entry(3, 0, 0), entry(4, 10, 0), entry(5, 10, 0)],
            title="ก",
        )
    )
    assert svg.count("<polyline") == 2
    assert svg.count('class="month-point') == 4


def test_titles_are_escaped():
    svg = str(rate_chart([entry(1, 10, 0)], title='<script>"x"</script>'))
    assert "<script>" not in svg


def test_nothing_to_draw():
    assert "ยังไม่มีผลการติดตาม" in str(rate_chart([], title="ก"))


def test_months_far_above_the_lines_sit_on_the_top_edge_with_their_rate():
    svg = str(rate_chart([entry(1, 37, 0), entry(2, 37, 3)], title="ก"))
    assert "▲8.11%" in svg
    # The scale stops at 3.0%: its top label, and both lines still drawn inside it.
    assert ">3.0%</text>" in svg and ">3.5%</text>" not in svg
