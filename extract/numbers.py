"""Numerals as councils write them: thousands separators, accounting negatives, scale words.

Kept apart from the money component so table cells and prose mentions read numbers the same way.
"""
from __future__ import annotations

import re

# Scale words and suffixes, lower-cased: "£1.95m", "£2bn", "£500k", "£3 million".
MULTIPLIERS: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "000": 1e3, "'000": 1e3, "000s": 1e3, "'000s": 1e3,
    "m": 1e6, "mn": 1e6, "mil": 1e6, "mill": 1e6, "million": 1e6, "millions": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9,
}

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_CELL_NUMBER = re.compile(
    r"^(?P<neg_open>\()?\s*(?P<sign>[-\u2212\u2013])?\s*(?P<num>" + NUMBER + r")\s*(?P<neg_close>\))?\s*(?P<suffix>[kKmM]|bn)?$"
)
# Cells that mean "nothing here": dashes, nil, n/a, blanks.
_EMPTY_CELL = re.compile(r"^(?:[-\u2012\u2013\u2014\u2015\u2212.\s]*|nil|n/?a|tbc|tbd|none)$", re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """'1,234.5' -> 1234.5; None for anything that is not a plain numeral."""
    text = text.replace(",", "").replace("\u00a0", "").replace("\u202f", "").strip()
    try:
        return float(text)
    except ValueError:
        return None


def multiplier(word: str | None) -> float:
    return MULTIPLIERS.get((word or "").lower().replace("\u2019", "'"), 1.0)


def is_empty_cell(text: str) -> bool:
    return bool(_EMPTY_CELL.match(text.strip()))


def parse_cell(text: str) -> float | None:
    """A table cell's value: '1,234.5' -> 1234.5; '(1.2)' and '-1.2' -> -1.2; None otherwise.

    Accounting tables put negatives in brackets; they are kept negative so a variance keeps its sign.
    """
    m = _CELL_NUMBER.match(text.strip())
    if not m:
        return None
    if bool(m.group("neg_open")) != bool(m.group("neg_close")):
        return None
    value = parse_number(m.group("num"))
    if value is None:
        return None
    value *= multiplier(m.group("suffix"))
    negative = bool(m.group("neg_open")) or bool(m.group("sign"))
    return -value if negative else value
