"""PDF: text lines from pdfium (fast, with font size and weight), tables from pdfplumber.

pdfplumber's table finder needs ruling lines, so it runs only on pages whose vector paths could
form a grid; elsewhere pdfium's text runs are all we need, which keeps a 171-page paper to about
two seconds. Lines are grouped into paragraphs by vertical gaps, font size and weight; headers and
footers that recur on most pages, and page numbers, are dropped; words split at line ends are
rejoined where the rest of the paper shows the unbroken word.
"""
from __future__ import annotations

import ctypes
import io
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..model import BlockKind, Format
from .base import RawBlock, ReadResult

_PAGE_NUMBER = re.compile(r"^\s*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\s*$|^\s*-\s*\d{1,4}\s*-\s*$", re.I)
_DIGITS = re.compile(r"\d+")
_BULLET = re.compile(r"^\s*[•●▪◦‣∙○■□➢►·\uf0b7\uf0a7\uf0d8\uf076-]\s+")
_NUMBERED = re.compile(r"^\s*(\d+(\.\d+)*\.|\d+(\.\d+)+|\(?[a-z]{1,3}\)|[a-z]\.)\s+\S")
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,B$", re.I)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_COMPOUND_PREFIXES = {"self", "well", "non", "co", "cross", "long", "short", "multi", "ex", "anti", "semi",
                      "full", "part", "high", "low", "all", "half", "mid", "year", "one", "two", "three",
                      "four", "five", "first", "second", "third", "pre", "post", "inter", "over", "under", "top"}


@dataclass
class Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool


@dataclass
class Table:
    top: float
    rows: list[list[str]]


@dataclass
class PageContent:
    number: int
    width: float
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def check_complete(data: bytes) -> None:
    if b"%%EOF" not in data[-4096:]:
        raise ValueError("truncated or corrupt PDF (no %%EOF marker at the end)")


def open_pdfium(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ValueError("encrypted PDF (password-protected)") from exc
        raise ValueError(f"corrupt PDF ({str(exc).splitlines()[0]})") from exc


def may_hold_table(page: pdfium.PdfPage) -> bool:
    """Ruled tables need at least two long horizontal and two long vertical paths."""
    horizontal = vertical = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        horizontal += right - left >= 8
        vertical += top - bottom >= 8
        if horizontal >= 2 and vertical >= 2:
            return True
    return False


def find_tables(plumber_page) -> list[tuple[tuple[float, float, float, float], Table]]:
    """pdfplumber's ruled tables with at least two rows and two filled columns."""
    found = []
    for table in plumber_page.find_tables():
        rows = [[" ".join((c or "").split()) if c is not None else None for c in row] for row in table.extract()]
        rows = [[c for c in row if c is not None] for row in rows]
        rows = [row for row in rows if any(row)]
        filled_columns = max((sum(1 for c in row if c) for row in rows), default=0)
        if len(rows) >= 2 and filled_columns >= 2:
            found.append((table.bbox, Table(top=table.bbox[1], rows=rows)))
    return found


def _inside(x: float, y: float, boxes: list[tuple[float, float, float, float]]) -> bool:
    return any(x0 - 1 <= x <= x1 + 1 and top - 1 <= y <= bottom + 1 for x0, top, x1, bottom in boxes)


def is_bold(textpage: pdfium.PdfTextPage, index: int) -> bool:
    """A heavy weight, or a font whose name says bold (many fonts leave the weight unset)."""
    if pdfium_c.FPDFText_GetFontWeight(textpage.raw, index) >= 600:
        return True
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, 128, ctypes.byref(flags))
    return bool(_BOLD_FONT.search(buffer.value.decode("latin-1", "replace")))


def page_lines(page: pdfium.PdfPage, height: float, exclude: list[tuple[float, float, float, float]]) -> list[Line]:
    """Text runs from pdfium grouped into lines (top-left coordinates, like pdfplumber)."""
    textpage = page.get_textpage()
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        if not text.strip():
            continue
        y_top, y_bottom = height - top, height - bottom
        if exclude and _inside((left + right) / 2, (y_top + y_bottom) / 2, exclude):
            continue
        index = pdfium_c.FPDFText_GetCharIndexAtPos(textpage.raw, left + 0.5, (top + bottom) / 2, 2, 2)
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index) if index >= 0 else 0.0
        runs.append((y_top, y_bottom, left, right, text, size, index >= 0 and is_bold(textpage, index)))
    lines: list[list[tuple]] = []
    for run in sorted(runs, key=lambda r: (round(r[0] + r[1]), r[2])):
        mid = (run[0] + run[1]) / 2
        for line in reversed(lines[-3:]):
            if line[0][0] - 1 <= mid <= line[0][1] + 1:
                line.append(run)
                break
        else:
            lines.append([run])
    return [_make_line(sorted(line, key=lambda r: r[2])) for line in lines]


def _make_line(runs: list[tuple]) -> Line:
    text = ""
    for i, run in enumerate(runs):
        piece = run[4].replace("\r", " ").replace("\n", " ").replace("\x02", "-")  # pdfium's line-end hyphen
        if i and not text.endswith(" ") and not piece.startswith(" ") and run[2] - runs[i - 1][3] > 1.0:
            text += " "
        text += piece
    weights = Counter()
    for run in runs:
        weights[(round(run[5], 1), run[6])] += len(run[4].strip())
    (size, _), _ = weights.most_common(1)[0]
    bold = all(run[6] for run in runs if run[4].strip())
    return Line(text=" ".join(text.split()), top=min(r[0] for r in runs), bottom=max(r[1] for r in runs),
                x0=runs[0][2], x1=runs[-1][3], size=size, bold=bold)


def furniture_keys(pages: list[PageContent]) -> set[str]:
    """Lines (digits ignored) at the top or bottom of most pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        edge = page.lines[:2] + page.lines[-2:]
        counts.update({_DIGITS.sub("#", ln.text.lower()) for ln in edge})
    threshold = max(3, len(pages) // 2)
    return {key for key, n in counts.items() if n >= threshold}


def drop_furniture(pages: list[PageContent]) -> None:
    keys = furniture_keys(pages)
    for page in pages:
        edge = set(map(id, page.lines[:3] + page.lines[-3:]))
        page.lines = [ln for ln in page.lines
                      if not (id(ln) in edge and (_PAGE_NUMBER.match(ln.text) or _DIGITS.sub("#", ln.text.lower()) in keys))]


def vocabulary(pages: list[PageContent]) -> set[str]:
    words: set[str] = set()
    for page in pages:
        for line in page.lines:
            words.update(w.lower() for w in _WORD.findall(line.text))
        for table in page.tables:
            for row in table.rows:
                words.update(w.lower() for cell in row for w in _WORD.findall(cell))
    return words


def join_lines(texts: list[str], vocab: set[str]) -> str:
    """Join a paragraph's lines; a hyphen at a line end goes when the unbroken word is the likelier."""
    out = texts[0]
    for nxt in texts[1:]:
        match = re.search(r"([A-Za-z]+)-$", out)
        first = re.match(r"[a-z]+", nxt)
        if match and first:
            head, tail = match.group(1), first.group(0)
            joined, hyphened = (head + tail).lower(), f"{head}-{tail}".lower()
            keep = hyphened in vocab and joined not in vocab or (joined not in vocab and head.lower() in _COMPOUND_PREFIXES)
            out = out + nxt if keep else out[:-1] + nxt
        elif re.search(r"\d-$", out) and nxt[:1].isalnum():
            out += nxt  # a range such as 18-25 broken after its hyphen
        else:
            out = f"{out} {nxt}"
    return out


class _Paragrapher:
    """Lines of one page into headings, list items and paragraphs."""

    def __init__(self, body_size: float, line_gap: float, vocab: set[str]) -> None:
        self.body_size, self.line_gap, self.vocab = body_size, line_gap, vocab

    def heading_level(self, line: Line) -> int | None:
        if len(line.text) > 150 or not re.search(r"[A-Za-z]", line.text):
            return None
        if line.size >= self.body_size * 1.4:
            return 1
        if line.size >= self.body_size * 1.12:
            return 2
        if line.bold and line.size >= self.body_size * 0.95:
            return 3
        return None

    def blocks(self, lines: list[Line], page: int, right_edge: float) -> list[RawBlock]:
        groups: list[list[Line]] = []
        for line in lines:
            if groups and not self.starts_block(groups[-1][-1], line, right_edge):
                groups[-1].append(line)
            else:
                groups.append([line])
        return [self.block(group, page) for group in groups]

    def starts_block(self, prev: Line, line: Line, right_edge: float) -> bool:
        gap = line.top - prev.bottom
        if gap > max(self.line_gap * 1.8, self.line_gap + 0.35 * max(prev.size, 1.0)) or gap < -2:
            return True
        if (self.heading_level(prev) is None) != (self.heading_level(line) is None):
            return True
        if _BULLET.match(line.text):
            return True
        ends = re.search(r"[.:;?!]$", prev.text)
        if _NUMBERED.match(line.text) and (ends or prev.x1 < right_edge * 0.85 and not prev.text.endswith("-")):
            return True
        return bool(ends and prev.x1 < right_edge - 0.15 * max(right_edge, 1.0))

    def block(self, group: list[Line], page: int) -> RawBlock:
        text = join_lines([ln.text for ln in group], self.vocab)
        level = self.heading_level(group[0])
        if level is not None and all(self.heading_level(ln) is not None for ln in group) and len(text) <= 200:
            return RawBlock(text=text, kind=BlockKind.HEADING, page=page, level=level)
        bullet = _BULLET.match(text)
        if bullet:
            return RawBlock(text=text[bullet.end():], kind=BlockKind.LIST_ITEM, page=page)
        return RawBlock(text=text, page=page)


def table_blocks(table: Table, page: int, header: str | None) -> list[RawBlock]:
    rows = [" | ".join(row) for row in table.rows]
    if header is None:  # the first row with two filled cells; a spanning title row is not it
        header = next((" | ".join(r) for r in table.rows if sum(1 for c in r if c) >= 2), rows[0])
    elif rows[0] == header:
        rows = rows[1:]  # the header repeated on a continuation page
    return [RawBlock(text=row, kind=BlockKind.TABLE_ROW, page=page, table_header=header) for row in rows]


def read_pages(doc: pdfium.PdfDocument, data: bytes) -> list[PageContent]:
    plumber = None
    pages: list[PageContent] = []
    try:
        for index in range(len(doc)):
            page = doc[index]
            width, height = page.get_size()
            content = PageContent(number=index + 1, width=width)
            boxes: list[tuple[float, float, float, float]] = []
            if may_hold_table(page):
                plumber = plumber or pdfplumber.open(io.BytesIO(data))
                try:
                    for bbox, table in find_tables(plumber.pages[index]):
                        boxes.append(bbox)
                        content.tables.append(table)
                except Exception:  # a table finder failure costs the tables, not the page's text
                    boxes, content.tables = [], []
                plumber.pages[index].close()
            content.lines = page_lines(page, height, boxes)
            pages.append(content)
    finally:
        if plumber is not None:
            plumber.close()
    return pages


def metadata(doc: pdfium.PdfDocument) -> dict[str, str]:
    try:
        raw = doc.get_metadata_dict(skip_empty=True)
    except Exception:
        return {}
    return {k: " ".join(str(v).split()) for k, v in raw.items() if str(v).strip()}


class PdfReader:
    format = Format.PDF

    def read(self, data: bytes, source: str) -> ReadResult:
        logging.getLogger("pdfminer").setLevel(logging.ERROR)
        check_complete(data)
        doc = open_pdfium(data)
        try:
            props = metadata(doc)
            pages = read_pages(doc, data)
        finally:
            doc.close()
        if not any(p.lines or p.tables for p in pages):
            raise ValueError("no text layer (a scanned PDF needs OCR)")
        drop_furniture(pages)
        sizes: Counter[float] = Counter()
        gaps: Counter[float] = Counter()
        for page in pages:
            for a, b in zip(page.lines, page.lines[1:]):
                if 0 <= b.top - a.bottom < 40:
                    gaps[round(b.top - a.bottom, 0)] += 1
            for line in page.lines:
                sizes[line.size] += len(line.text)
        body_size = sizes.most_common(1)[0][0] if sizes else 10.0
        line_gap = gaps.most_common(1)[0][0] if gaps else 3.0
        paragrapher = _Paragrapher(body_size, line_gap, vocabulary(pages))
        blocks: list[RawBlock] = []
        header: str | None = None
        for page in pages:
            right_edge = max((ln.x1 for ln in page.lines), default=page.width)
            items: list[tuple[float, object]] = [(t.top, t) for t in page.tables]
            items += _line_runs(page.lines, page.tables)
            items.sort(key=lambda item: item[0])
            for position, (_, item) in enumerate(items):
                if isinstance(item, Table):
                    continued = position == 0 and blocks and blocks[-1].kind == BlockKind.TABLE_ROW and \
                        blocks[-1].page == page.number - 1 and header and header.count(" | ") == len(item.rows[0]) - 1
                    header = header if continued else None
                    new = table_blocks(item, page.number, header)
                    header = new[0].table_header if new else header
                    blocks.extend(new)
                else:
                    blocks.extend(paragrapher.blocks(item, page.number, right_edge))
        return ReadResult(blocks=blocks, pages=len(pages), title=props.get("Title"), author=props.get("Author"),
                          properties={k: v for k, v in props.items() if k not in ("Title", "Author")})


def _line_runs(lines: list[Line], tables: list[Table]) -> list[tuple[float, list[Line]]]:
    """Split a page's lines where a table sits between them, so the table keeps its place."""
    cuts = sorted(t.top for t in tables)
    runs: list[tuple[float, list[Line]]] = []
    for line in lines:
        if not runs or any(runs[-1][1][-1].top < cut <= line.top for cut in cuts):
            runs.append((line.top, [line]))
        else:
            runs[-1][1].append(line)
    return runs
