"""Plain text: blocks are runs of lines separated by blank lines; form feeds start a new page."""
from __future__ import annotations

import re

from ..model import BlockKind, Format
from .base import RawBlock, ReadResult


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


class TextReader:
    format = Format.TEXT

    def read(self, data: bytes, source: str) -> ReadResult:
        text = decode_text(data)
        blocks: list[RawBlock] = []
        pages = text.split("\f")
        for page_no, page in enumerate(pages, start=1):
            for para in re.split(r"\n\s*\n", page):
                para = para.strip()
                if para:
                    blocks.append(RawBlock(text=para, kind=BlockKind.PARAGRAPH, page=page_no))
        return ReadResult(blocks=blocks, pages=len(pages))
