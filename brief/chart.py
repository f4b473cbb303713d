"""A chart of the note's money figures over time, as inline SVG built on the server.

Each figure is a dot at its time (the fiscal year's first day, else its paper's date) and height
(a log scale, since a briefing mixes a £50,000 contribution with a £200m programme), labelled with
the amount as written and its citation number. Rates (per week, per year) are left out: they are
not sums of money on the same footing. No script, no external file: it renders the same in a
browser, in the PDF and in a saved HTML file.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from html import escape

from .model import KeyFigure

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 40
_FISCAL = re.compile(r"^(\d{4})/\d{2}$")


@dataclass(frozen=True)
class Point:
    when: date
    amount: float
    label: str
    cite: int


def period_start(period: str | None) -> date | None:
    """The day a figure is placed at: 1 April of a fiscal year "2025/26", or an ISO (month) date."""
    if not period:
        return None
    fiscal = _FISCAL.match(period)
    try:
        if fiscal:
            return date(int(fiscal.group(1)), 4, 1)
        return date.fromisoformat(period if len(period) == 10 else period[:7] + "-01")
    except ValueError:
        return None


def chart_points(figures: tuple[KeyFigure, ...]) -> list[Point]:
    points = []
    for f in figures:
        when = period_start(f.period)
        if when is not None and f.amount and f.amount > 0 and not f.per:
            points.append(Point(when, f.amount, f.amount_text, f.cite))
    return sorted(points, key=lambda p: (p.when, p.amount))


def money(amount: float) -> str:
    """An axis label: £50k, £1m, £200m."""
    if amount >= 1e9:
        return f"£{amount / 1e9:g}bn"
    if amount >= 1e6:
        return f"£{amount / 1e6:g}m"
    if amount >= 1e3:
        return f"£{amount / 1e3:g}k"
    return f"£{amount:g}"


def money_chart_svg(figures: tuple[KeyFigure, ...]) -> str | None:
    """The SVG, or None when fewer than two figures can be placed in time."""
    points = chart_points(figures)
    if len(points) < 2:
        return None
    lo = math.floor(math.log10(min(p.amount for p in points)))
    hi = math.ceil(math.log10(max(p.amount for p in points)))
    hi = max(hi, lo + 1)
    first, last = points[0].when.toordinal(), points[-1].when.toordinal()
    span = max(last - first, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(p: Point) -> float:
        return LEFT + (p.when.toordinal() - first) / span * plot_w if last > first else LEFT + plot_w / 2

    def y(amount: float) -> float:
        return TOP + plot_h - (math.log10(amount) - lo) / (hi - lo) * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="money-chart" role="img" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
             f'font-family="sans-serif" font-size="11">',
             "<title>Money figures in the papers over time (log scale)</title>"]
    for power in range(lo, hi + 1):
        ty = y(10 ** power)
        parts.append(f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" '
                     f'stroke="#d6dce1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="#5b6670">'
                     f'{escape(money(10 ** power))}</text>')
    years = range(points[0].when.year, points[-1].when.year + 2)
    for year in years:
        tick = Point(date(year, 1, 1), 1, "", 0)
        if first <= tick.when.toordinal() <= last:
            tx = x(tick)
            parts.append(f'<line x1="{tx:.1f}" y1="{TOP}" x2="{tx:.1f}" y2="{TOP + plot_h}" '
                         f'stroke="#eef1f4"/>')
            parts.append(f'<text x="{tx:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                         f'fill="#5b6670">{year}</text>')
    parts.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" '
                 f'stroke="#5b6670"/>')
    placed: list[tuple[float, float, float]] = []  # label boxes: left, right, baseline
    for p in points:
        px, py = x(p), y(p.amount)
        text = f"{p.label} [{p.cite}]"
        lx, ly, anchor = _label_place(px, py, len(text) * 6.0, placed)
        parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="#1d5d90">'
                     f'<title>{escape(text)}, {p.when.isoformat()}</title></circle>')
        parts.append(f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" '
                     f'fill="#1d232a">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _label_place(px: float, py: float, width: float,
                 placed: list[tuple[float, float, float]]) -> tuple[float, float, str]:
    """Where a dot's label goes: beside the dot, moved up or down until it overlaps no label
    already placed (greedy, enough for the dozen figures of a note)."""
    right_side = px + 6 + width <= WIDTH - RIGHT
    for dy in (-6, 14, -20, 28, -34, 42, -48):
        ly = py + dy
        for right in ((right_side, not right_side)):
            left = px + 6 if right else px - 6 - width
            box = (left, left + width, ly)
            if TOP <= ly <= HEIGHT - BOTTOM + 4 and left >= 0 and left + width <= WIDTH and \
                    not any(b[0] < box[1] and box[0] < b[1] and abs(b[2] - ly) < 12 for b in placed):
                placed.append(box)
                return (left if right else left + width), ly, ("start" if right else "end")
    placed.append((px + 6, px + 6 + width, py - 6))
    return px + 6, py - 6, "start"
