"""DOCX via python-docx: paragraphs and tables in body order, read from the body's XML children so
tables (nested ones too) sit where they are in the paper. Page numbers follow Word's own rendered
page breaks where the file records them."""
from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ..model import BlockKind, Format
from .base import RawBlock, ReadResult

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)
_W_P, _W_TBL, _W_SDT, _W_TC, _W_TR = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:tc"), qn("w:tr")


class _Pager:
    """Counts Word's page breaks: rendered ones where present, else explicit ones."""

    def __init__(self, body) -> None:
        rendered = body.findall(".//" + qn("w:lastRenderedPageBreak"))
        self.tag = "w:lastRenderedPageBreak" if rendered else "w:br"
        self.page = 1

    def advance(self, element) -> int:
        if self.tag == "w:br":
            breaks = [b for b in element.iter(qn("w:br")) if b.get(qn("w:type")) == "page"]
        else:
            breaks = list(element.iter(qn("w:lastRenderedPageBreak")))
        self.page += len(breaks)
        return self.page


def paragraph_kind(paragraph: Paragraph) -> tuple[BlockKind, int | None]:
    style = paragraph.style.name if paragraph.style is not None else ""
    match = _HEADING_STYLE.match(style or "")
    if match:
        return BlockKind.HEADING, int(match.group(1))
    if style == "Title":
        return BlockKind.HEADING, 1
    ppr = paragraph._p.pPr
    outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if outline is not None and (outline.get(qn("w:val")) or "9").isdigit() and int(outline.get(qn("w:val"))) < 9:
        return BlockKind.HEADING, int(outline.get(qn("w:val"))) + 1
    if (ppr is not None and ppr.numPr is not None) or (style or "").lower().startswith("list"):
        return BlockKind.LIST_ITEM, None
    return BlockKind.PARAGRAPH, None


class _Walker:
    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.pager = _Pager(document.element.body)
        self.blocks: list[RawBlock] = []

    def container(self, element, parent) -> None:
        """Paragraphs and tables of a body or table cell, in order."""
        for child in element.iterchildren():
            if child.tag == _W_P:
                page = self.pager.advance(child)
                paragraph = Paragraph(child, parent)
                kind, level = paragraph_kind(paragraph)
                self.blocks.append(RawBlock(text=paragraph.text, kind=kind, page=page, level=level))
            elif child.tag == _W_TBL:
                self.table(Table(child, parent))
            elif child.tag == _W_SDT:
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.container(content, parent)

    def table(self, table: Table) -> None:
        grid = [[_Cell(tc, table) for tc in tr.iterchildren(_W_TC)] for tr in table._tbl.iterchildren(_W_TR)]
        width = max((len(r) for r in grid), default=0)
        if width <= 1:  # a layout box: read its cells as ordinary content
            for row in grid:
                for cell in row:
                    self.container(cell._tc, cell)
            return
        header: str | None = None
        for row in grid:
            page = self.pager.page
            texts: list[str] = []
            for cell in row:
                self.pager.advance(cell._tc)
                if cell._tc.find(".//" + _W_TBL) is not None:
                    self.container(cell._tc, cell)  # nested table: its own rows, in place
                    texts.append("")
                else:
                    texts.append(" ".join(cell.text.split()))
            if any(texts):
                text = " | ".join(texts)
                header = header or text
                self.blocks.append(RawBlock(text=text, kind=BlockKind.TABLE_ROW, page=page, table_header=header))


class DocxReader:
    format = Format.DOCX

    def read(self, data: bytes, source: str) -> ReadResult:
        try:
            document = docx.Document(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise ValueError("not a DOCX file (not a zip archive)") from exc
        except KeyError as exc:
            raise ValueError(f"not a DOCX file (missing part {exc})") from exc
        walker = _Walker(document)
        walker.container(document.element.body, document)
        props = document.core_properties
        properties = {k: str(v) for k in ("subject", "keywords", "created", "modified", "last_modified_by",
                                          "category") if (v := getattr(props, k, None))}
        return ReadResult(blocks=walker.blocks, pages=walker.pager.page, title=props.title or None,
                          author=props.author or None, properties=properties)
