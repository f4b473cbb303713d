"""Markdown (and Markdown-ish .txt): parsed with markdown-it so emphasis, links and tables are
understood rather than pattern-matched; front matter is dropped, link text kept."""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model import BlockKind, Format
from .base import RawBlock, ReadResult
from .html import html_fragment_blocks
from .lines import PipeRows, is_unwrapped, split_pipe_layout, unwrap_paragraphs
from .text import decode_text, paragraph_block, pipe_blocks

_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_BR = re.compile(r"<br\s*/?>", re.I)


def strip_front_matter(text: str) -> str:
    return _FRONT_MATTER.sub("", text, count=1)


def inline_text(token: Token) -> str:
    """The plain text of an inline token: markers and link targets gone, link text kept."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "html_inline" and _BR.match(child.content):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def markdown_blocks(text: str) -> list[RawBlock]:
    """Blocks of a Markdown text in document order."""
    blocks: list[RawBlock] = []
    tokens = parser().parse(text)
    list_depth = 0
    row: list[str] | None = None
    rows: list[list[str]] = []
    heading_level: int | None = None
    for tok in tokens:
        if tok.type == "heading_open":
            heading_level = int(tok.tag[1])
        elif tok.type == "heading_close":
            heading_level = None
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif tok.type == "table_open":
            rows = []
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            if any(cell.strip() for cell in row):
                rows.append(row)
            row = None
        elif tok.type == "table_close":
            blocks.extend(table_blocks(rows))
        elif tok.type == "inline":
            content = inline_text(tok)
            if row is not None:
                row.append(" ".join(content.split()))
            elif heading_level is not None:
                blocks.append(RawBlock(text=content, kind=BlockKind.HEADING, level=heading_level))
            elif list_depth:
                blocks.append(RawBlock(text=content, kind=BlockKind.LIST_ITEM))
            else:
                blocks.append(paragraph_block(content, 1))
        elif tok.type in ("fence", "code_block"):
            blocks.extend(RawBlock(text=p) for p in re.split(r"\n\s*\n", tok.content) if p.strip())
        elif tok.type == "html_block":
            blocks.extend(html_fragment_blocks(tok.content))
    return blocks


def table_blocks(rows: list[list[str]]) -> list[RawBlock]:
    if not rows:
        return []
    header = " | ".join(rows[0])
    return [RawBlock(text=" | ".join(r), kind=BlockKind.TABLE_ROW, table_header=header) for r in rows]


def as_markdown_paragraphs(lines: list[str]) -> str:
    """One-paragraph-per-line text gets blank lines between its paragraphs, so Markdown sees them."""
    if is_unwrapped(lines):
        return "\n\n".join(unwrap_paragraphs(lines))
    return "\n".join(lines)


class MarkdownReader:
    format = Format.MARKDOWN

    def read(self, data: bytes, source: str) -> ReadResult:
        text = strip_front_matter(decode_text(data).replace("\r\n", "\n").replace("\r", "\n"))
        blocks: list[RawBlock] = []
        for part in split_pipe_layout(text.split("\n")):
            if isinstance(part, PipeRows):
                blocks.extend(pipe_blocks(part.rows, 1))
            else:
                blocks.extend(markdown_blocks(as_markdown_paragraphs(part)))
        return ReadResult(blocks=blocks)
