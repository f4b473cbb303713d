"""Each format's structure: Markdown sections, HTML (bs4), PDF pages as images, DOCX (python-docx)."""
from __future__ import annotations

import io
import re

import numpy as np
import pytest
from bs4 import BeautifulSoup

from brief import render
from brief.wording import DECISION_COLUMNS, FIGURE_COLUMNS, SECTIONS

ORDER = ["summary", "figures", "decisions", "timeline", "people", "risks", "sources"]


def test_markdown_has_every_section_in_order_and_numbered_sources(briefing):
    md = render(briefing, "md").decode()
    assert md.startswith("# Briefing note: Regional Care Co-operative funding\n")
    headings = re.findall(r"^## (.+)$", md, re.M)
    assert headings == [SECTIONS[k] for k in ORDER]
    assert "| " + " | ".join(FIGURE_COLUMNS) + " |" in md
    sources = re.findall(r"^(\d+)\. \[.+\]\((/documents/[0-9a-f]{64}#p\d+-\d+)\)$", md, re.M)
    assert [int(n) for n, _ in sources] == list(range(1, len(briefing.sources) + 1))
    body = md.split("## Sources")[0]
    assert {int(n) for n in re.findall(r"\[(\d+)\]", body)} == set(range(1, len(sources) + 1))


def test_html_parses_with_sections_tables_chart_and_resolving_links(briefing):
    soup = BeautifulSoup(render(briefing, "html", base_url="").decode(), "html.parser")
    assert soup.h1.get_text(strip=True) == briefing.title
    assert [s["id"] for s in soup.select("article.briefing > section")] == \
        ["summary", "figures", "chart", "decisions", "timeline", "people", "risks", "sources"]
    figures = soup.select("table.figures tbody tr")
    assert len(figures) == len(briefing.figures)
    assert [th.get_text() for th in soup.select("table.figures th")] == list(FIGURE_COLUMNS)
    assert [th.get_text() for th in soup.select("table.decisions th")] == list(DECISION_COLUMNS)
    svg = soup.select_one("#chart svg")
    assert svg is not None and len(svg.find_all("circle")) >= 4
    targets = {li["id"] for li in soup.select("ol.sources li")}
    for a in soup.select("a.cite"):
        assert a["href"].lstrip("#") in targets
    links = [a["href"] for a in soup.select("ol.sources li a")]
    assert links == [s.path for s in briefing.sources]
    assert not soup.find("script")


def test_the_html_links_land_on_anchors_of_the_web_document_page(store, briefing, tmp_path):
    from minutebook.settings import Settings
    from web.app import create_app

    app = create_app(Settings(data_dir=tmp_path), store=store, test_config={"TESTING": True})
    client = app.test_client()
    pages: dict[str, BeautifulSoup] = {}
    for source in briefing.sources:
        if source.document_id not in pages:
            response = client.get(f"/documents/{source.document_id}")
            assert response.status_code == 200
            pages[source.document_id] = BeautifulSoup(response.data, "html.parser")
        assert pages[source.document_id].find(id=source.anchor) is not None, source.path


def test_pdf_renders_pages_with_the_note(briefing, tmp_path):
    import pypdfium2 as pdfium

    data = render(briefing, "pdf")
    assert data.startswith(b"%PDF")
    pdf = pdfium.PdfDocument(data)
    assert 2 <= len(pdf) <= 12
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    for key in ORDER:
        assert SECTIONS[key] in text
    assert SECTIONS["chart"] in text and "£250,000" in text
    image = pdf[0].render(scale=1).to_pil().convert("L")
    image.save(tmp_path / "page1.png")
    dark = int((np.asarray(image) < 128).sum())
    assert dark > image.width * image.height * 0.005, "the first page is blank"


def test_docx_opens_with_headings_tables_and_links(briefing):
    import docx

    document = docx.Document(io.BytesIO(render(briefing, "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [SECTIONS[k] for k in ORDER]
    assert document.paragraphs[0].text == briefing.title
    figures, decisions = document.tables
    assert [c.text for c in figures.rows[0].cells] == list(FIGURE_COLUMNS)
    assert len(figures.rows) == len(briefing.figures) + 1
    assert [c.text for c in decisions.rows[0].cells] == list(DECISION_COLUMNS)
    links = document.part.rels.values()
    assert sum(r.is_external for r in links) == len(briefing.sources)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_too_little_is_said_in_every_format(too_little, fmt):
    import docx

    data = render(too_little, fmt)
    text = ("\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs) if fmt == "docx"
            else data.decode())
    assert "too little in the papers to brief on" in text
    assert SECTIONS["summary"] not in text
