"""A paper as cleaned lines with offsets, and the "Label: value" pairs its header lines hold.

Readers differ in how they cut a paper into blocks: a PDF page may be one block of hard-wrapped
lines, a text file one block per paragraph, a table a row per block with "|" between cells. The
decision and metadata rules work on lines, so they see one shape whatever the reader did.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.model import BlockKind, Document

# Markdown and list decoration in front of a line's words: "## ", "> ", "- ", "* ", "· ", "|".
_LEAD = re.compile(r"^(?:#{1,6}\s+|>\s*|\[![a-z]+\][-+]?\s*|[-*+•·▪●◦§]\s+|\|\s*|\*\*\s*$)+")
_INLINE = re.compile(r"\*\*|__|&nbsp;|<sup>.*?</sup>|</?\w+>")
_SPACE = re.compile(r"\s+")
_CONVERTER_LABEL = re.compile(r"^Text:\s+")  # text-box dumps prefix every line with "Text: "
_DOUBLED = re.compile(r"^(.{8,}?) \1$")


@dataclass(frozen=True)
class Line:
    """One line of text: `text` is cleaned; `start`/`end` are its raw span in Document.text."""

    text: str
    start: int
    end: int
    block: int  # index of the block it came from
    kind: BlockKind
    first_in_block: bool
    heading: bool  # a heading block or a Markdown "#" heading


def clean(raw: str) -> str:
    """The words of a line without Markdown or table decoration, whitespace collapsed."""
    text = _INLINE.sub(" ", raw.replace("\u00a0", " "))
    text = _LEAD.sub("", text.strip())
    text = _CONVERTER_LABEL.sub("", text.strip().strip("|").strip())
    text = _SPACE.sub(" ", text)
    half = _DOUBLED.match(text)  # a converter that wrote each cell twice: "Part II Part II"
    return half.group(1) if half else text


def lines_of(document: Document) -> list[Line]:
    """Every non-empty line of the document, in order."""
    out: list[Line] = []
    for bi, block in enumerate(document.blocks):
        offset = block.start
        first = True
        for raw in _split_inline_lists(block.text):
            text = clean(raw)
            stripped = raw.strip()
            if text and not re.fullmatch(r"[-=_.*|:\s]+", text):
                lead = len(raw) - len(raw.lstrip())
                start = offset + lead
                out.append(Line(text=text, start=start, end=start + len(stripped), block=bi,
                                kind=block.kind, first_in_block=first,
                                heading=block.kind == BlockKind.HEADING or stripped.startswith("#")))
                first = False
            offset += len(raw) + 1
    return out


# A reader that reflows a paragraph joins "RESOLVED that: (a) ...; (b) ..." into one line; the items
# start again on lines of their own after a colon or semicolon.
_INLINE_ITEM = re.compile(r"(?<=[:;])[ \t]+(?=(?:\([a-zA-Z0-9]{1,4}\)|[a-zA-Z0-9]{1,3}[.)])\s+\S)")


def _split_inline_lists(text: str) -> list[str]:
    """The block's lines, with inline list items split off; the pieces keep every character but the
    single space or newline that separated them, so offsets stay exact."""
    pieces: list[str] = []
    for raw in text.split("\n"):
        for piece in _cut(raw, [m.end() for m in _INLINE_ITEM.finditer(raw)]):
            pieces.extend(_cut(piece, sorted(_sequence_cuts(piece))))
    return pieces


def _cut(raw: str, cuts: list[int]) -> list[str]:
    """`raw` cut before each position, dropping the one whitespace character in front of it."""
    out, start = [], 0
    for cut in cuts:
        out.append(raw[start:cut - 1])
        start = cut
    out.append(raw[start:])
    return out


_FIRST_MARKER = re.compile(r"^\s*(?P<open>\(?)(?P<tok>[A-Za-z]|\d{1,2})(?P<close>[.)])\s")


def _sequence_cuts(raw: str) -> set[int]:
    """Where "A) ... B) ... C) ..." run on in one line: the starts of the markers after the first."""
    m = _FIRST_MARKER.match(raw)
    if not m:
        return set()
    cuts: set[int] = set()
    tok, pos = m.group("tok"), m.end()
    while True:
        tok = str(int(tok) + 1) if tok.isdigit() else chr(ord(tok) + 1)
        pattern = re.escape(m.group("open") + tok + m.group("close"))
        nxt = re.compile(r"(?<=\S)[ \t]+(?=" + pattern + r"\s)").search(raw, pos)
        if not nxt:
            return cuts
        cuts.add(nxt.end())
        pos = nxt.end() + 1


_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z'’()/ ,.&?-]{1,60}?)\s*[:|]\s*(?P<value>.*)$")


def label_of(text: str) -> tuple[str, str] | None:
    """("report to", "Corporate Parenting Panel") for a line "Report to: Corporate Parenting Panel"."""
    m = _LABEL.match(text)
    if not m or len(m.group("label").split()) > 8:
        return None
    return m.group("label").strip().lower().rstrip("?"), m.group("value").strip().strip("|").strip()


def labelled_values(lines: list[Line], limit: int | None = None) -> list[tuple[str, str, int]]:
    """(label, value, line index) for label lines; an empty value is taken from the next line."""
    found: list[tuple[str, str, int]] = []
    scope = lines if limit is None else lines[:limit]
    for i, line in enumerate(scope):
        pair = label_of(line.text)
        if not pair:
            continue
        label, value = pair
        if not value and i + 1 < len(lines) and not label_of(lines[i + 1].text):
            value = lines[i + 1].text
        found.append((label, value, i))
    return found


def first_value(lines: list[Line], labels: tuple[str, ...], limit: int | None = None) -> str | None:
    """The value of the first line whose label is one of `labels` (lower case)."""
    for label, value, _ in labelled_values(lines, limit):
        if label in labels and value:
            return value
    return None
