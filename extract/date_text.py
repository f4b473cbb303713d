"""Dates written in council papers, found by pattern and checked against the calendar.

"9 January 2025", "9th January 2025", "Thursday, 25 July 2024", "January 9, 2025", "13th-Feb-2025",
"1-3 April 2025" (both ends), "February 2023" (month precision), "15/09/2023" and "15.09.23" (UK
order: day first), "2023-09-15". Year-only and season dates ("early 2024") give nothing, and so do
paragraph numbers ("1.1"), times ("4.00 pm") and references ("24-00096"), which these patterns
cannot match. Welsh month names are read too, in day-month-year form.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WELSH_MONTHS: dict[str, int] = {
    "ionawr": 1, "chwefror": 2, "mawrth": 3, "ebrill": 4, "mai": 5, "mehefin": 6, "gorffennaf": 7,
    "awst": 8, "medi": 9, "hydref": 10, "tachwedd": 11, "rhagfyr": 12,
}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WELSH = r"(?:" + "|".join(WELSH_MONTHS) + r")"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+"
# "1 st September 2020" from a PDF that spaced the ordinal; "17™ October", "7\" October", "31% December":
# an ordinal as OCR of a scanned page misreads its raised "th"/"st"
_ORD = r"(?:\s?(?:st|nd|rd|th)\b|[™\"”%°])?"
_YEAR = r"(?P<{y}>(?:19|20)\d\d)(?![\d/])"
_DASH = r"\s*(?:-|\u2013|\u2014|to|until|and|&)\s*"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    # "1 March - 3 April 2025", "1-3 April 2025", "1st and 2nd May 2024"
    ("dmy_range", re.compile(
        r"\b(?P<first>(?P<d1>\d{1,2})" + _ORD + r"(?:\s+(?P<m1>" + _MONTH + r"))?)" + _DASH + r"(?:" + _WEEKDAY + r")?"
        r"(?P<d>\d{1,2})" + _ORD + r"\s+(?P<m>" + _MONTH + r"),?\s+" + _YEAR.format(y="y"), re.I)),
    # "Thursday, 25 July 2024", "9th of January 2025", "13th-Feb-2025"
    ("dmy", re.compile(
        r"\b(?:" + _WEEKDAY + r"(?:the\s+)?)?(?P<d>\d{1,2})" + _ORD + r"(?:\s+of)?(?:\s+|-)(?P<m>" + _MONTH
        + r")(?:,?\s+|-)" + _YEAR.format(y="y"), re.I)),
    # "January 9, 2025", "Wednesday, January 15, 2020"
    ("mdy", re.compile(
        r"\b(?:" + _WEEKDAY + r")?(?P<m>" + _MONTH + r")\s+(?P<d>\d{1,2})" + _ORD + r",?\s+" + _YEAR.format(y="y"),
        re.I)),
    # Welsh: "9 Hydref 2019", "dydd Mercher 9fed Hydref 2019"
    ("dmy_cy", re.compile(
        r"\b(?P<d>\d{1,2})(?:af|il|ydd|ed|fed|eg|ain)?\s+(?P<m>" + _WELSH + r")\s+" + _YEAR.format(y="y"), re.I)),
    # "2023-09-15", "2023/09/15"
    ("iso", re.compile(r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)([-/])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?![\d/.-]*\d)")),
    # "15/09/2023", "15.09.23", "15-09-2023"
    ("numeric", re.compile(
        r"(?<![\d/.-])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>(?:19|20)?\d\d)(?![\d/-]|\.\d)")),
    # "March to June 2025" (both months)
    ("my_range", re.compile(
        r"\b(?P<m1>" + _MONTH + r")" + _DASH + r"(?P<m>" + _MONTH + r"),?\s+" + _YEAR.format(y="y"), re.I)),
    # "February 2023", "Sept 2019"
    ("my", re.compile(r"\b(?P<m>" + _MONTH + r"),?\s+" + _YEAR.format(y="y"), re.I)),
]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str  # YYYY-MM-DD or YYYY-MM


def _month(name: str) -> int | None:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or WELSH_MONTHS.get(key)


def _capitalised(name: str) -> bool:
    """Month names are written with a capital; "may 2025" in lower case is the verb."""
    return name[:1].isupper()


def iso(year: int, month: int, day: int | None = None) -> str | None:
    """The ISO value of a real calendar date, or None ("31 February", month 13)."""
    if not (1900 <= year <= 2099 and 1 <= month <= 12):
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _two_digit_year(y: str) -> int:
    value = int(y)
    if len(y) == 4:
        return value
    return 2000 + value if value < 70 else 1900 + value


def _numeric(m: re.Match) -> str | None:
    d, mo, y = m.group("d"), m.group("m"), m.group("y")
    if m.group("sep") == "." and len(y) == 2 and (len(d) < 2 or len(mo) < 2):
        return None  # "1.2.24" is a paragraph number far more often than a date
    if m.group("sep") == "-" and len(y) == 2:
        return None  # "10-12-24" reads as a reference
    year = _two_digit_year(y)
    value = iso(year, int(mo), int(d))
    if value is None and int(mo) > 12:  # "01/15/2020": a North American paper
        value = iso(year, int(d), int(mo))
    return value


def _values(kind: str, m: re.Match) -> list[tuple[int, int, str | None]]:
    """(start, end, value) for each date a match states; a range states two."""
    if kind in ("iso", "numeric"):
        value = iso(int(m.group("y")), int(m.group("m")), int(m.group("d"))) if kind == "iso" else _numeric(m)
        return [(m.start(), m.end(), value)]
    if not _capitalised(m.group("m")) or ("m1" in m.groupdict() and m.group("m1") and not _capitalised(m.group("m1"))):
        return []
    year, month = int(m.group("y")), _month(m.group("m"))
    if month is None:
        return []
    if kind == "my":
        return [(m.start(), m.end(), iso(year, month))]
    if kind == "my_range":
        first = _month(m.group("m1"))
        y1 = year if first is not None and first <= month else year - 1
        return [(m.start(), m.start("m1") + len(m.group("m1")), iso(y1, first) if first else None),
                (m.start("m"), m.end(), iso(year, month))]
    day = int(m.group("d"))
    last = iso(year, month, day)
    if kind == "dmy_range":
        first_month = _month(m.group("m1")) if m.group("m1") else month
        if first_month is None:
            return []
        y1 = year if first_month <= month else year - 1
        first = iso(y1, first_month, int(m.group("d1")))
        if first is None or last is None or first >= last:
            return []
        return [(m.start(), m.end("first"), first), (m.start("d"), m.end(), last)]
    return [(m.start(), m.end(), last)]


def find_dates(text: str) -> list[DateMention]:
    """Every date of month precision or finer in `text`, one per mention, earliest patterns winning."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            values = _values(kind, m)
            if not values:
                continue
            taken.append((m.start(), m.end()))  # "31 February 2024" is no date, and no "February 2024" either
            if any(v is None for _, _, v in values):
                continue
            found.extend(DateMention(s, e, v) for s, e, v in values)
    return sorted(found, key=lambda d: d.start)
