"""Server-rendered SVG charts: no JavaScript and nothing fetched from elsewhere.

Every label is escaped; the SVG carries a title and description so a screen reader announces it,
and the page beside it shows the same figures as a table.
"""
from __future__ import annotations

import math
from datetime import date
from typing import Any, Iterable

from markupsafe import Markup, escape

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 16, 40
COLOURS = ("#1d5d90", "#b3541e", "#2f7d32", "#7b3f98", "#8a6d00", "#00707a")


def _money_label(amount: float) -> str:
    if amount >= 1_000_000:
        return f"£{amount / 1_000_000:g}m"
    if amount >= 1_000:
        return f"£{amount / 1_000:g}k"
    return f"£{amount:g}"


def _day_number(value: str) -> float | None:
    try:
        return date.fromisoformat(value[:10]).toordinal() if len(value) >= 10 else \
            date.fromisoformat(value[:7] + "-01").toordinal()
    except (ValueError, TypeError):
        return None


def amounts_over_time(rows: Iterable[dict[str, Any]]) -> Markup:
    """A dot per amount: x is the paper's date, y the amount on a log scale, colour the authority."""
    points = [(d, r["amount"], r) for r in rows
              if r.get("amount") and r["amount"] > 0 and r.get("date")
              and (d := _day_number(r["date"])) is not None]
    if not points:
        return Markup("")
    authorities = sorted({r.get("authority") or "unknown" for _, _, r in points})
    colour = {a: COLOURS[i % len(COLOURS)] for i, a in enumerate(authorities)}
    x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
    if x1 - x0 < 30:
        x0, x1 = x0 - 15, x1 + 15
    lo = math.floor(math.log10(min(p[1] for p in points)))
    hi = math.ceil(math.log10(max(p[1] for p in points)))
    hi = hi if hi > lo else lo + 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def sx(x: float) -> float:
        return LEFT + (x - x0) / (x1 - x0) * plot_w

    def sy(amount: float) -> float:
        return TOP + plot_h - (math.log10(amount) - lo) / (hi - lo) * plot_h

    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
             '<title id="chart-title">Amounts over time</title>',
             f'<desc id="chart-desc">{len(points)} amounts by the date of their paper, on a '
             f'logarithmic scale; the table below lists the same figures.</desc>']
    for power in range(lo, hi + 1):
        y = sy(10 ** power)
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
                     f'{escape(_money_label(10 ** power))}</text>')
    for x, label in ((x0, date.fromordinal(int(x0))), (x1, date.fromordinal(int(x1)))):
        parts.append(f'<text class="axis" x="{sx(x):.1f}" y="{HEIGHT - 12}" text-anchor="middle">'
                     f'{escape(f"{label:%b %Y}")}</text>')
    for x, amount, r in points:
        tip = f"{r.get('text') or _money_label(amount)} · {r.get('authority') or 'unknown'} · {r['date']}"
        parts.append(f'<circle cx="{sx(x):.1f}" cy="{sy(amount):.1f}" r="5" '
                     f'fill="{colour[r.get("authority") or "unknown"]}" fill-opacity="0.75">'
                     f'<title>{escape(tip)}</title></circle>')
    parts.append("</svg>")
    legend = "".join(f'<li><span class="swatch" style="background:{colour[a]}"></span>{escape(a)}</li>'
                     for a in authorities)
    return Markup("".join(parts) + f'<ul class="legend" aria-label="Colours">{legend}</ul>')
