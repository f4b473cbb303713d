"""Plain text: blank lines separate blocks, form feeds start pages; one-paragraph-per-line exports
and "Label: | value |" layouts are recognised (see lines.py)."""
from __future__ import annotations

import re

from charset_normalizer import from_bytes

from ..model import BlockKind, Format
from .base import RawBlock, ReadResult
from .lines import PipeRows, is_unwrapped, split_pipe_layout, strip_bullet, unwrap_paragraphs


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then cp1252 for old Windows exports, then a guess."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    best = from_bytes(data[:200000]).best()
    if best is not None:
        return data.decode(best.encoding, errors="replace")
    return data.decode("latin-1")


def pipe_blocks(rows: list[list[str]], page: int) -> list[RawBlock]:
    """Key-value rows as table rows; a lone cell is a paragraph."""
    return [RawBlock(text=" | ".join(row), kind=BlockKind.TABLE_ROW if len(row) > 1 else BlockKind.PARAGRAPH,
                     page=page) for row in rows]


def paragraph_block(text: str, page: int) -> RawBlock:
    body, bulleted = strip_bullet(text)
    return RawBlock(text=body, kind=BlockKind.LIST_ITEM if bulleted else BlockKind.PARAGRAPH, page=page)


class TextReader:
    format = Format.TEXT

    def read(self, data: bytes, source: str) -> ReadResult:
        text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
        blocks: list[RawBlock] = []
        pages = text.split("\f")
        for page_no, page in enumerate(pages, start=1):
            for part in split_pipe_layout(page.split("\n")):
                if isinstance(part, PipeRows):
                    blocks.extend(pipe_blocks(part.rows, page_no))
                elif is_unwrapped(part):
                    blocks.extend(paragraph_block(p, page_no) for p in unwrap_paragraphs(part))
                else:
                    for para in re.split(r"\n\s*\n", "\n".join(part)):
                        if para.strip():
                            blocks.append(paragraph_block(para.strip(), page_no))
        return ReadResult(blocks=blocks, pages=len(pages))
