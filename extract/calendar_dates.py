"""Find the first full date in a short piece of text and give it in ISO form.

Used for the meeting and decision dates the metadata reader finds beside labels ("Date of
decision: 15/09/2023", "held on Thursday, 25 July 2024"). UK day-first order throughout.
"""
from __future__ import annotations

import re
from datetime import date

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WELSH_MONTHS = {"ionawr": 1, "chwefror": 2, "mawrth": 3, "ebrill": 4, "mai": 5, "mehefin": 6,
                "gorffennaf": 7, "awst": 8, "medi": 9, "hydref": 10, "tachwedd": 11, "rhagfyr": 12}

_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
_DAY = r'(?P<day>\d{1,2})(?:st|nd|rd|th|fed|ain|eg|af|ed|[™"”%°])?'  # the last: ordinals as OCR misreads them
_YEAR = r"(?P<year>(?:19|20)\d\d)"
PATTERNS = (
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})[/.](?P<mon>\d{1,2})[/.](?P<year>(?:19|20)?\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)-(?P<day>\d\d)\b"),
)


def _month(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    t = token.lower()
    return MONTHS.get(t) or MONTHS.get(t[:3]) if t[:3] in MONTHS else WELSH_MONTHS.get(t)


def find_date(text: str) -> tuple[str, int, int] | None:
    """(ISO date, start, end) of the earliest full date in `text`."""
    best: tuple[str, int, int] | None = None
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            mon = _month(m.group("mon"))
            year = int(m.group("year"))
            year = year + 2000 if year < 100 else year
            try:
                value = date(year, mon or 0, int(m.group("day")))
            except ValueError:
                continue
            if best is None or m.start() < best[1]:
                best = (value.isoformat(), m.start(), m.end())
            break
    return best


def parse_date(text: str | None) -> str | None:
    if not text:
        return None
    found = find_date(text)
    return found[0] if found else None
