"""Money in tables: bare numbers in columns headed with a currency unit (£m, £000, £'000, £k, €, $).

Only cells under such a column count, so a finance table's FTEs, percentages, years and row numbers
never become money. Dashes and blanks are skipped, and so are zeros. Bracketed cells "(1.2)" are
accounting negatives and are kept with a negative sign. Cells that carry their own currency mark
("£1,200") are left to the running-text finder. Tables are runs of TABLE_ROW blocks (their
`table_header` names the columns; a row of bare units such as "| £m | £m |" names them too).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ingest.model import Block, BlockKind, Document

from .fiscal import fiscal_years
from .money_text import MoneyMention
from .numbers import is_empty_cell, multiplier, parse_cell


@dataclass(frozen=True)
class Cell:
    text: str
    start: int  # offsets in Document.text (or in the header text, for header cells)
    end: int


@dataclass(frozen=True)
class ColumnUnit:
    currency: str
    scale: float
    fiscal_year: str | None = None
    per: str | None = None


_UNIT = re.compile(
    r"(?P<cur>US\$|CA\$|C\$|£|€|\$|\bGBP\b|\bEUR\b|\bUSD\b|\bCAD\b)\s*"
    r"(?P<scale>'000s?|\u2019000s?|000s?|k\b|m\b|ms\b|mn\b|bn\b|millions?\b|billions?\b|thousands?\b)?",
    re.IGNORECASE,
)
_UNIT_WORDS = re.compile(r"\b(?:(?P<scale>thousands?|millions?)\s+of\s+)?(?P<cur>pounds|euros?|dollars)\b", re.I)
_CURRENCY_CODES = {"£": "GBP", "€": "EUR", "$": "USD", "US$": "USD", "CA$": "CAD", "C$": "CAD",
                   "GBP": "GBP", "EUR": "EUR", "USD": "USD", "CAD": "CAD", "POUNDS": "GBP", "EURO": "EUR",
                   "EUROS": "EUR", "DOLLARS": "USD"}
_SCALES = {"'000": 1e3, "'000s": 1e3, "000": 1e3, "000s": 1e3, "k": 1e3, "thousand": 1e3, "thousands": 1e3,
           "m": 1e6, "ms": 1e6, "mn": 1e6, "million": 1e6, "millions": 1e6, "bn": 1e9, "billion": 1e9,
           "billions": 1e9}
_PER = re.compile(r"\b(?:per|a|/)\s?(week|month|year|annum)\b|\b(weekly|monthly|annual|yearly)\b", re.I)
_PER_WORDS = {"week": "week", "weekly": "week", "month": "month", "monthly": "month", "year": "year",
              "annum": "year", "annual": "year", "yearly": "year"}
_TOTAL = re.compile(r"^(?:sub-?\s?)?totals?\b|^net\b", re.IGNORECASE)


def column_unit(header: str, dollar: str = "USD") -> ColumnUnit | None:
    """The currency unit a column header names: '£000' -> GBP x 1000; None if it names none.

    A header that states an amount ("Projects over £1m") is a threshold, not a unit.
    """
    m = _UNIT.search(header)
    words = None if m else _UNIT_WORDS.search(header)
    if not m and not words:
        return None
    if m:
        rest = header[m.end():]
        if re.match(r"\s*[1-9]", rest) or (not m.group("scale") and re.match(r"\s*0", rest)):
            return None
        cur = m.group("cur").upper().replace("\u2019", "'")
        scale = _SCALES.get((m.group("scale") or "").lower().replace("\u2019", "'"), 1.0)
    else:
        cur = words.group("cur").upper()
        scale = multiplier((words.group("scale") or "").rstrip("s"))
    currency = _CURRENCY_CODES.get(cur, cur)
    if currency == "USD" and cur == "$":
        currency = dollar
    fys = fiscal_years(header)
    per = _PER.search(header)
    return ColumnUnit(currency=currency, scale=scale, fiscal_year=fys[0][2] if len(fys) == 1 else None,
                      per=_PER_WORDS[(per.group(1) or per.group(2)).lower()] if per else None)


def split_cells(text: str, base: int = 0) -> list[Cell]:
    """A row's cells with their offsets: split on '|' (keeping empty cells, so columns stay
    aligned), else on tabs, else on runs of two or more spaces."""
    if "|" in text:
        return _pipe_cells(text, base)
    pattern = r"[^\t]+" if "\t" in text else r"\S+(?: \S+)*"
    cells = []
    for m in re.finditer(pattern, text):
        lead = len(m.group(0)) - len(m.group(0).lstrip())
        stripped = m.group(0).strip()
        cells.append(Cell(stripped, base + m.start() + lead, base + m.start() + lead + len(stripped)))
    return cells


def _pipe_cells(text: str, base: int) -> list[Cell]:
    """Readers join cells with " | " and no outer bars, so a leading or trailing bar is an empty cell."""
    cells, pos = [], 0
    for part in text.split("|"):
        lead = len(part) - len(part.lstrip())
        s = part.strip()
        cells.append(Cell(s, base + pos + lead, base + pos + lead + len(s)))
        pos += len(part) + 1
    return cells


def _align(header: list[Cell], row: list[Cell]) -> list[Cell | None]:
    """The header cell above each row cell: same width, or one more row cell (a table whose
    top-left header cell was dropped); any other shape is ambiguous and aligns nothing."""
    if len(row) == len(header):
        return list(header)
    if len(row) == len(header) + 1:
        return [None] + list(header)
    return [None] * len(row)


def _is_heading_row(cells: list[Cell]) -> bool:
    """A row of labels (column names, units, years) rather than values."""
    return all(is_empty_cell(c.text) or parse_cell(c.text) is None for c in cells)


@dataclass(frozen=True)
class _Table:
    header: list[Cell]
    rows: list[list[Cell]]


def _block_tables(document: Document) -> Iterator[_Table]:
    """Runs of TABLE_ROW blocks sharing a header."""
    run: list[Block] = []
    for block in list(document.blocks) + [None]:  # type: ignore[list-item]
        if block is not None and block.kind == BlockKind.TABLE_ROW and (
                not run or block.table_header == run[-1].table_header):
            run.append(block)
            continue
        if run:
            yield _Table(split_cells(run[0].table_header or ""), [split_cells(b.text, b.start) for b in run])
        run = [block] if block is not None and block.kind == BlockKind.TABLE_ROW else []


@dataclass
class _Columns:
    """What the heading rows seen so far say about each column of a table."""

    units: list[ColumnUnit | None]
    years: list[str | None]
    wide: ColumnUnit | None = None  # "All figures in £m": one unit for the whole table

    @classmethod
    def read(cls, header: list[Cell], dollar: str, wide: ColumnUnit | None = None) -> "_Columns":
        filled = [c for c in header if c.text]
        if len(filled) == 1 and len(header) > 1 and column_unit(filled[0].text, dollar):
            return cls([None] * len(header), [None] * len(header), column_unit(filled[0].text, dollar))
        units = [column_unit(c.text, dollar) for c in header]
        years = [(lambda fys: fys[0][2] if len(fys) == 1 else None)(fiscal_years(c.text)) for c in header]
        return cls(units, years, wide)

    def unit(self, index: int) -> ColumnUnit | None:
        unit = self.units[index] if index < len(self.units) else None
        return unit or self.wide


def find_table_money(document: Document, dollar: str = "USD") -> list[MoneyMention]:
    mentions: list[MoneyMention] = []
    for table in _block_tables(document):
        header = table.header
        columns = _Columns.read(header, dollar)
        for row in table.rows:
            if _is_heading_row(row):
                if any(column_unit(c.text, dollar) for c in row) or any(fiscal_years(c.text) for c in row):
                    new = _Columns.read(row, dollar, columns.wide)
                    if len(row) == len(header) and new.wide is columns.wide:  # units under years, or years under units
                        new.units = [n or o for n, o in zip(new.units, columns.units)]
                        new.years = [n or o for n, o in zip(new.years, columns.years)]
                    columns, header = new, row
                continue
            if not (any(columns.units) or columns.wide):
                continue
            label = row[0].text if parse_cell(row[0].text) is None else None
            purpose = label if label and not _TOTAL.match(label) and len(label) <= 80 else None
            above = _align(header, row)
            for i, cell in enumerate(row):
                if i == 0 or is_empty_cell(cell.text):
                    continue
                head = above[i]
                col = header.index(head) if head is not None else -1
                unit = columns.unit(col) if col >= 0 else columns.wide
                value = parse_cell(cell.text)
                if unit is None or value is None or value == 0:
                    continue
                year = unit.fiscal_year or (columns.years[col] if col >= 0 else None)
                mentions.append(MoneyMention(start=cell.start, end=cell.end, amount=round(value * unit.scale, 2),
                                             currency=unit.currency, per=unit.per, fiscal_year=year,
                                             purpose=purpose))
    return mentions
