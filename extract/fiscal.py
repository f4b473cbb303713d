"""UK financial years ("2025/26", "2025-26", "FY 2024/25", "2025/2026"), normalised to "2025/26".

A span of two consecutive years is a financial year; "2025-29" (a plan period) is not.
"""
from __future__ import annotations

import re

FISCAL_YEAR = re.compile(
    r"(?<![\d/.-])(?:FY\s?)?(?P<y1>(?:19|20)\d\d)\s?[/\-\u2013]\s?(?P<y2>(?:19|20)?\d\d)(?![\d/.-]*\d)"
)


def normalise(y1: str, y2: str) -> str | None:
    """'2025', '26' -> '2025/26' when the second year follows the first; None otherwise."""
    first = int(y1)
    second = int(y2) if len(y2) == 4 else (first // 100) * 100 + int(y2)
    if len(y2) == 2 and second < first:  # 1999/00
        second += 100
    if second != first + 1:
        return None
    return f"{first}/{second % 100:02d}"


def fiscal_years(text: str) -> list[tuple[int, int, str]]:
    """Every financial year in `text` as (start, end, '2025/26')."""
    found = []
    for m in FISCAL_YEAR.finditer(text):
        fy = normalise(m.group("y1"), m.group("y2"))
        if fy:
            found.append((m.start(), m.end(), fy))
    return found


# "£50,000 in 2025/26", "£3m for the 2024-25 financial year", "£2m during FY 2025/26"
_TRAILING = re.compile(
    r"^\s*(?:in|for|during|of|over)\s+(?:the\s+)?(?:(?:financial|fiscal|budget)\s+year\s+)?(?P<fy>"
    + FISCAL_YEAR.pattern + r")",
)
# "In 2023/24, there were ...", "For 2024/25 the forecast ..." at the start of a sentence.
_LEADING = re.compile(
    r"(?:^|[.;:!?]\s+|\n)(?:[-*\u2022\u00b7]?\s*\d+(?:\.\d+)*\.?\s+)?(?:In|For|During)\s+(?:the\s+)?(?:(?:financial|fiscal)\s+year\s+)?(?P<fy>"
    + FISCAL_YEAR.pattern + r")\s*,?"
)


def trailing_fiscal_year(after: str) -> str | None:
    """The year a mention is said to belong to, when the words just after it name one."""
    m = _TRAILING.match(after[:60])
    if not m:
        return None
    return normalise(m.group("y1"), m.group("y2"))


def leading_fiscal_year(sentence_before: str) -> str | None:
    """The year a sentence opens with ("In 2023/24, ..."), when no other year comes after it."""
    matches = list(_LEADING.finditer(sentence_before))
    if not matches:
        return None
    m = matches[-1]
    if FISCAL_YEAR.search(sentence_before, m.end()):
        return None
    return normalise(m.group("y1"), m.group("y2"))
