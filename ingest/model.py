"""Typed records born in ingest: a parsed document and its blocks of text.

Offsets are character positions in `Document.text`, which is the blocks' text joined by
`BLOCK_SEPARATOR`, so every later stage can point back at the exact source characters.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

BLOCK_SEPARATOR = "\n\n"


class Format(str, Enum):
    PDF = "pdf"
    DOCX = "docx"
    HTML = "html"
    MARKDOWN = "markdown"
    TEXT = "text"
    JSON = "json"
    CSV = "csv"


class BlockKind(str, Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"


@dataclass(frozen=True)
class Block:
    """One heading, paragraph, list item or table row, with where it sits in the paper."""

    text: str
    kind: BlockKind
    page: int  # 1-based; formats without pages use 1
    paragraph: int  # 1-based position of the block on its page
    start: int  # offset of the first character in Document.text
    end: int  # offset one past the last character
    level: int | None = None  # heading level, where the format says
    table_header: str | None = None  # for table rows: the header row's text, so a row keeps its columns


@dataclass(frozen=True)
class Document:
    """A paper read into structured text; knows nothing of language or councils."""

    id: str  # SHA-256 of the file's bytes
    source: str  # the path it was read from, as given
    format: Format
    text: str
    blocks: tuple[Block, ...]
    pages: int
    size_bytes: int
    title_hint: str | None = None  # a title the format itself carries (HTML <title>, PDF/DOCX properties)
    author_hint: str | None = None
    properties: dict[str, str] = field(default_factory=dict)  # other format metadata, as found


class IngestError(Exception):
    """A file that cannot be read; str() is the one-line message naming the file and the cause."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause
