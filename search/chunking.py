"""Cut a Document into the passages search indexes, following the paper's own structure.

A heading starts a new passage and the passages under it carry it; numbered paragraphs, agenda
items and list items are blocks and stay whole; table rows are grouped under their header; passages
run to roughly MIN_WORDS..MAX_WORDS words and a block is only cut when it alone is over
HUGE_WORDS. Every chunk's text is exactly `document.text[start:end]`, so it points back at the
source characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.model import Block, BlockKind, Document

from .model import Chunk

MIN_WORDS = 60
MAX_WORDS = 220
HUGE_WORDS = 320

_NUMBERED_HEADING = re.compile(r"^(?:#{1,6}\s*)?(?:\d+(?:\.\d+)*\.?|[A-Z]\.|[IVX]+\.)\s+\S")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=\S)")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class _Piece:
    """A block, or part of a huge one, with its offsets in the document."""

    text: str
    start: int
    end: int
    page: int
    paragraph: int
    words: int
    is_heading: bool = False
    table_header: str | None = None


def words(text: str) -> int:
    return len(_WORD.findall(text))


def heading_text(text: str) -> str:
    """A heading without Markdown marks."""
    return re.sub(r"^#{1,6}\s*", "", text.strip()).replace("**", "").strip()


def looks_like_heading(block: Block) -> bool:
    """A heading block, or a short line that a plain-text paper uses as one."""
    if block.kind is BlockKind.HEADING:
        return True
    if block.kind is not BlockKind.PARAGRAPH or "\n" in block.text:
        return False
    text = block.text.strip()
    if text.startswith("#"):
        return True
    n = words(text)
    if n == 0 or n > 12 or text.endswith((".", ",", ";", ":")):
        return False
    if text.startswith("**") and text.endswith("**") and text.count("**") == 2:
        return True  # a line wholly in bold
    if text.startswith(("-", "*", "|", "+")):
        return False  # list items and table rows
    plain = heading_text(text)
    if ":" in plain.rstrip(":"):
        return False  # "Date of meeting: 9 January" is a field, not a heading
    return bool(_NUMBERED_HEADING.match(text)) or (plain.isupper() and n <= 8)


def chunk_document(document: Document) -> list[Chunk]:
    builder = _ChunkBuilder(document)
    for block in document.blocks:
        if looks_like_heading(block):
            builder.heading(block)
        else:
            for piece in _pieces(block):
                builder.add(piece)
    builder.flush()
    return builder.chunks


class _ChunkBuilder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.chunks: list[Chunk] = []
        self.current: list[_Piece] = []
        self.section: str | None = None

    def heading(self, block: Block) -> None:
        if any(not p.is_heading for p in self.current):
            self.flush()
        title = heading_text(block.text)
        # consecutive headings ("3. Background" then "3.1 Scope") are read together
        self.section = f"{self.section} › {title}" if self.current and self.section else title
        self.current.append(_Piece(block.text, block.start, block.end, block.page,
                                   block.paragraph, words(block.text), is_heading=True))

    def add(self, piece: _Piece) -> None:
        size = sum(p.words for p in self.current)
        table_changed = bool(self.current) and self.current[-1].table_header != piece.table_header \
            and not self.current[-1].is_heading
        if self.current and (table_changed or (size + piece.words > MAX_WORDS and size >= MIN_WORDS // 2)):
            self.flush()
        self.current.append(piece)

    def flush(self) -> None:
        if not self.current:
            return
        first, last = self.current[0], self.current[-1]
        headers = [p.table_header for p in self.current if p.table_header]
        self.chunks.append(Chunk(
            document_id=self.document.id,
            ordinal=len(self.chunks),
            text=self.document.text[first.start:last.end],
            page=first.page,
            page_end=last.page,
            paragraph=first.paragraph,
            paragraph_end=last.paragraph,
            start=first.start,
            end=last.end,
            heading=self.section,
            context=headers[0] if headers and not self.document.text[first.start:last.end]
            .startswith(headers[0]) else None,
        ))
        self.current = []


def _pieces(block: Block) -> list[_Piece]:
    """The block whole or, when it is over MAX_WORDS, cut at its lines (table rows, list items,
    numbered paragraphs) and, only for a line over HUGE_WORDS, at sentence ends."""
    n = words(block.text)
    whole = _Piece(block.text, block.start, block.end, block.page, block.paragraph, n,
                   table_header=block.table_header)
    lines = _line_spans(block.text)
    if n <= MAX_WORDS or (n <= HUGE_WORDS and len(lines) == 1):
        return [whole]
    texts = [block.text[s:e] for s, e in lines]
    if len(lines) > 2 and sum(t.lstrip().startswith("|") for t in texts) >= len(lines) * 0.6:
        return _table_pieces(block, lines, texts)
    spans: list[tuple[int, int]] = []
    for s, e in lines:
        spans.extend(_sentence_spans(block.text, s, e) if words(block.text[s:e]) > HUGE_WORDS
                     else [(s, e)])
    return _group(block, spans, table_header=block.table_header, first_start=None)


def _line_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences; a "sentence" still over HUGE_WORDS (a flattened table) is cut every MAX_WORDS."""
    spans, s = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        spans.append((s, m.start()))
        s = m.end()
    spans.append((s, end))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if words(text[s:e]) <= HUGE_WORDS:
            out.append((s, e))
            continue
        found = [(m.start(), m.end()) for m in _WORD.finditer(text, s, e)]
        out.extend((found[i][0], found[min(i + MAX_WORDS, len(found)) - 1][1])
                   for i in range(0, len(found), MAX_WORDS))
    return out


def _table_pieces(block: Block, lines: list[tuple[int, int]], texts: list[str]) -> list[_Piece]:
    """A Markdown table in one block: row groups, each after the first carrying the header."""
    n_header = 2 if set(texts[1].strip()) <= set("|-: ") else 1
    header = "\n".join(texts[:n_header])
    return _group(block, lines[n_header:], table_header=header, first_start=0)


def _group(block: Block, spans: list[tuple[int, int]], table_header: str | None,
           first_start: int | None) -> list[_Piece]:
    """Consecutive spans of a block joined into pieces of at most MAX_WORDS words."""
    pieces: list[_Piece] = []
    group: list[tuple[int, int]] = []
    size = 0

    def close() -> None:
        nonlocal group, size
        if not group:
            return
        s = group[0][0] if (pieces or first_start is None) else first_start
        e = group[-1][1]
        text = block.text[s:e]
        pieces.append(_Piece(text, block.start + s, block.start + e, block.page, block.paragraph,
                             words(text), table_header=table_header if pieces or first_start is None
                             else None))
        group, size = [], 0

    for span in spans:
        n = words(block.text[span[0]:span[1]])
        if group and size + n > MAX_WORDS:
            close()
        group.append(span)
        size += n
    close()
    return pieces


def embedding_text(chunk: Chunk, title: str | None) -> str:
    """What gets embedded: the passage with the title, heading and table header it sits under."""
    return embedding_text_parts(title, chunk.heading, chunk.context, chunk.text)


def embedding_text_parts(title: str | None, heading: str | None, context: str | None,
                         text: str) -> str:
    lead = [p for p in (title, heading, context) if p and p not in text]
    return "\n".join(lead + [text])


def heading_field(chunk: Chunk) -> str:
    """What the keyword index weighs as the passage's heading: its heading and table header."""
    return " ".join(p for p in (chunk.heading, chunk.context) if p)
