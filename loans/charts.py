"""A hand-drawn SVG chart of a default rate month by month against the 0.5% and 1.0% lines.

Drawn on the server so the admin needs no JavaScript library: one polyline for the rate, two
dashed lines for the thresholds, a dot per month coloured by its status with a tooltip; a
provisional month (its bank file not complete yet) is a hollow dot, marked in its tooltip.
"""

from fractions import Fraction

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .formats import grouped
from .months import thai_month, thai_month_short
from .selectors import HistoryEntry, per_mille_text
from .thresholds import SLOW_DOWN_PER_MILLE, STOP_PER_MILLE, MonitorStatus

WIDTH, HEIGHT = 760, 280
CEILING_PER_MILLE = 30  # the scale never goes above 3.0%
LEFT, RIGHT, TOP, BOTTOM = 56, 112, 20, 44
STATUS_COLOURS = {
    MonitorStatus.NO_BORROWERS: "#9e9e9e",
    MonitorStatus.ELIGIBLE: "#2e7d32",
    MonitorStatus.WATCH: "#1565c0",
    MonitorStatus.SLOW_DOWN: "#ef6c00",
    MonitorStatus.STOP: "#c62828",
}


def rate_per_mille(entry: HistoryEntry) -> Fraction | None:
    figures = entry.figures
    if figures.borrowers == 0:
        return None
    return Fraction(figures.defaulters * 1000, figures.borrowers)


def rate_chart(entries: list[HistoryEntry], *, title: str) -> SafeString:
    """The chart as inline SVG markup, or a short note when there is nothing to draw."""
    if not entries:
        return format_html("<p>{}</p>", _("ยังไม่มีผลการติดตามรายเดือน"))
    rates = [rate_per_mille(entry) for entry in entries]
    # The scale always shows both lines with room above the stop line, and stops at three times
    # the stop line so that the lines stay readable; higher months sit on the top edge, labelled.
    highest = max([rate for rate in rates if rate is not None], default=0)
    top = min(max(Fraction(STOP_PER_MILLE * 3, 2), highest * Fraction(11, 10)), CEILING_PER_MILLE)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = Fraction(plot_width, max(len(entries) - 1, 1))

    def x(index: int) -> float:
        offset = plot_width / 2 if len(entries) == 1 else step * index
        return round(float(LEFT + offset), 1)

    def y(per_mille) -> float:
        shown = min(Fraction(per_mille), top)
        return round(float(TOP + plot_height - shown / top * plot_height), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="loans-rate-chart" role="img" aria-label="{escape(title)}" '
        f'style="width:100%;max-width:{WIDTH}px;height:auto;font-family:sans-serif;font-size:11px">',
        f"<title>{escape(title)}</title>",
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_width}" height="{plot_height}" fill="#fafafa" '
        'stroke="#ccc"/>',
    ]
    # Horizontal grid every 0.5 percentage point, or every 1 when the scale is tall.
    tick, tick_step = 0, 5 if top <= 15 else 10
    while tick <= top:
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_width}" y1="{y(tick)}" y2="{y(tick)}" '
            'stroke="#e0e0e0"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 4}" text-anchor="end" fill="#555">'
            f"{per_mille_text(tick)}%</text>"
        )
        tick += tick_step
    for per_mille, colour, label in [
        (SLOW_DOWN_PER_MILLE, STATUS_COLOURS[MonitorStatus.SLOW_DOWN], _("ชะลอ")),
        (STOP_PER_MILLE, STATUS_COLOURS[MonitorStatus.STOP], _("หยุด")),
    ]:
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_width}" y1="{y(per_mille)}" y2="{y(per_mille)}" '
            f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="6 4" '
            f'class="threshold threshold-{per_mille}"/>'
            f'<text x="{LEFT + plot_width + 6}" y="{y(per_mille) + 4}" fill="{colour}">'
            f"{per_mille_text(per_mille)}% {escape(label)}</text>"
        )
    # The rate line breaks over months without borrowers.
    segment: list[str] = []
    segments = [segment]
    for index, rate in enumerate(rates):
        if rate is None:
            segment = []
            segments.append(segment)
            continue
        segment.append(f"{x(index)},{y(rate)}")
    for points in segments:
        if len(points) > 1:
            parts.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="#37474f" '
                'stroke-width="2" class="rate-line"/>'
            )
    label_every = max(1, len(entries) // 12)
    for index, (entry, rate) in enumerate(zip(entries, rates, strict=True)):
        if index % label_every == 0 or index == len(entries) - 1:
            parts.append(
                f'<text x="{x(index)}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                f'fill="#555">{escape(thai_month_short(entry.month))}</text>'
            )
        if rate is None:
            continue
        figures = entry.figures
        tooltip = _(
            "%(month)s: ผิดนัด %(defaulters)s จาก %(borrowers)s คน (ร้อยละ %(rate)s) — %(status)s"
        ) % {
            "month": thai_month(entry.month),
            "defaulters": grouped(figures.defaulters),
            "borrowers": grouped(figures.borrowers),
            "rate": figures.rate_percent,
            "status": entry.status.label,
        }
        colour = STATUS_COLOURS[entry.status]
        if entry.complete:
            paint, marker = f'fill="{colour}"', ""
        else:
            provisional = _("ข้อมูลยังไม่ครบ")
            tooltip = f"{tooltip} ({provisional})"
            paint, marker = f'fill="#fff" stroke="{colour}" stroke-width="2"', " provisional"
        parts.append(
            f'<circle cx="{x(index)}" cy="{y(rate)}" r="4" {paint} '
            f'class="month-point status-{entry.status.value}{marker}">'
            f"<title>{escape(tooltip)}</title></circle>"
        )
        if rate > top:
            parts.append(
                f'<text x="{x(index)}" y="{y(rate) - 7}" text-anchor="middle" '
                f'fill="{STATUS_COLOURS[entry.status]}" class="off-scale">'
                f"▲{figures.rate_percent}%</text>"
            )
    legend = _("แกนตั้ง: ร้อยละของผู้กู้ที่ผิดนัดชำระ  แกนนอน: เดือน/ปี พ.ศ.")
    if not all(entry.complete for entry in entries):
        hollow = _("จุดกลวง: ข้อมูลยังไม่ครบ")
        legend = f"{legend}  {hollow}"
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 6}" fill="#555">{escape(legend)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  every interpolated text is escaped above
