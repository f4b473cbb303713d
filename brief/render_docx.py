"""A briefing as a Word document (python-docx) that officers can edit: real headings, bulleted
lists, tables for figures and decisions, and sources as hyperlinks."""
from __future__ import annotations

import io

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .model import Briefing
from .wording import (DECISION_COLUMNS, FIGURE_COLUMNS, NOTHING, SECTIONS, decision_by,
                      decision_when, figure_amount, figure_purpose, label, link, long_date,
                      opening, person_role, quoted, source_line)


def _hyperlink(paragraph, url: str, text: str) -> None:
    """A clickable run (python-docx has no API for it, so the XML is written here)."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link_el = OxmlElement("w:hyperlink")
    link_el.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "1D5D90")
    props.append(color)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(underline)
    run.append(props)
    text_el = OxmlElement("w:t")
    text_el.text = text
    text_el.set(qn("xml:space"), "preserve")
    run.append(text_el)
    link_el.append(run)
    paragraph._p.append(link_el)


def _bullet(doc, text: str, cite: int | None) -> None:
    p = doc.add_paragraph(style="List Bullet")
    p.add_run(text)
    if cite is not None:
        p.add_run(f" [{cite}]").font.color.rgb = RGBColor(0x1D, 0x5D, 0x90)


def _table(doc, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, columns):
        cell.text = ""
        cell.paragraphs[0].add_run(name).bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = value
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(9)


def render_docx(b: Briefing, base_url: str = "") -> bytes:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading(b.title, level=0)
    if not b.enough:
        doc.add_paragraph(b.message or "")
        return _save(doc)
    doc.add_paragraph(opening(b)).runs[0].italic = True

    def heading(key: str, empty: bool) -> bool:
        doc.add_heading(SECTIONS[key], level=1)
        if empty:
            doc.add_paragraph(NOTHING)
        return not empty

    if heading("summary", not b.summary):
        for p in b.summary:
            _bullet(doc, quoted(" ".join(p.quote.split())), p.cite)
    if heading("figures", not b.figures):
        _table(doc, FIGURE_COLUMNS, [(figure_amount(f), figure_purpose(f), f.authority or "",
                                      f.fiscal_year or "", f"[{f.cite}]") for f in b.figures])
    if heading("decisions", not b.decisions):
        _table(doc, DECISION_COLUMNS, [
            (quoted(d.quote), decision_by(d),
             decision_when(d) + (f" [{d.date_cite}]" if d.date_cite else ""), label(d.outcome),
             f"[{d.cite}]") for d in b.decisions])
    if heading("timeline", not b.timeline):
        for e in b.timeline:
            where = f" ({e.authority})" if e.authority else ""
            _bullet(doc, f"{long_date(e.date)}{where}: {quoted(' '.join(e.quote.split()))}", e.cite)
    if heading("people", not b.people):
        for p in b.people:
            role = person_role(p)
            _bullet(doc, p.name + (f", {role}" if role else ""), p.cite)
    if heading("risks", not b.risks):
        for r in b.risks:
            _bullet(doc, quoted(" ".join(r.quote.split())), r.cite)
    heading("sources", False)
    for s in b.sources:
        p = doc.add_paragraph(f"[{s.number}] ")
        _hyperlink(p, link(s, base_url), source_line(s))
    return _save(doc)


def _save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
