"""What every format reader returns, and the one place raw blocks become a Document."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

from ..model import BLOCK_SEPARATOR, Block, BlockKind, Document, Format
from ..normalize import normalize_block


@dataclass(frozen=True)
class RawBlock:
    """A block as a reader finds it, before offsets and paragraph numbers are given."""

    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    page: int = 1
    level: int | None = None
    table_header: str | None = None


@dataclass(frozen=True)
class ReadResult:
    blocks: list[RawBlock]
    pages: int = 1
    title: str | None = None
    author: str | None = None
    properties: dict[str, str] | None = None


class Reader(Protocol):
    """One per input format (docling's backends): bytes in, raw blocks out; no store, no language."""

    format: Format

    def read(self, data: bytes, source: str) -> ReadResult:
        """Parse the bytes; raise ValueError with a short cause when they cannot be read."""


def assemble(data: bytes, source: str, fmt: Format, result: ReadResult) -> Document:
    """Normalise each block, then give it its offsets in the joined text and its paragraph number
    on its page; blocks that normalise to nothing are dropped."""
    blocks: list[Block] = []
    parts: list[str] = []
    offset = 0
    per_page: dict[int, int] = {}
    for raw in result.blocks:
        text = normalize_block(raw.text)
        if not text:
            continue
        if parts:
            offset += len(BLOCK_SEPARATOR)
        per_page[raw.page] = per_page.get(raw.page, 0) + 1
        blocks.append(Block(text=text, kind=raw.kind, page=raw.page, paragraph=per_page[raw.page],
                            start=offset, end=offset + len(text), level=raw.level,
                            table_header=normalize_block(raw.table_header) if raw.table_header else None))
        parts.append(text)
        offset += len(text)
    return Document(
        id=hashlib.sha256(data).hexdigest(),
        source=source,
        format=fmt,
        text=BLOCK_SEPARATOR.join(parts),
        blocks=tuple(blocks),
        pages=max(result.pages, 1),
        size_bytes=len(data),
        title_hint=normalize_block(result.title) or None if result.title else None,
        author_hint=normalize_block(result.author) or None if result.author else None,
        properties=dict(result.properties or {}),
    )
