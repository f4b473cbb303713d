"""Every reader on real council papers, asserting real content and exact offsets."""
import hashlib
import json
import subprocess
import sys

import pytest

from ingest import BlockKind, Format, read_bytes, read_document
from ingest.normalize import normalize_block


def assert_offsets(doc):
    assert doc.blocks
    for block in doc.blocks:
        assert doc.text[block.start:block.end] == block.text
    pages = {}
    for block in doc.blocks:
        pages.setdefault(block.page, []).append(block.paragraph)
    assert all(nums == list(range(1, len(nums) + 1)) for nums in pages.values())


def texts(doc, kind=None):
    return [b.text for b in doc.blocks if kind is None or b.kind == kind]


def test_pdf_minutes_pages_headings_and_metadata(corpus):
    doc = read_document(corpus / "kent" / "CPP_Minutes_10.12.24.pdf")
    assert doc.format == Format.PDF and doc.pages == 6
    assert_offsets(doc)
    assert doc.author_hint == "Georgia Humphreys - CED GLD"
    heading = next(b for b in doc.blocks if b.text == "Minutes of the meeting held on 29 October 2024")
    assert heading.kind == BlockKind.HEADING and heading.page == 1
    assert any(t.startswith("Apologies were received from Dylan Jeffrey, Rory Love") for t in texts(doc))
    # running footers and page numbers are gone
    assert not any(t.strip().isdigit() for t in texts(doc))


def test_pdf_tables_become_rows_with_header_and_are_not_repeated(corpus):
    doc = read_document(corpus / "kent" / "Appendix_A_Capital_Investment_Summary.pdf")
    assert_offsets(doc)
    assert doc.title_hint == "Capital Investments - Summary & Plans by Directorate"
    rows = [b for b in doc.blocks if b.kind == BlockKind.TABLE_ROW]
    row = next(b for b in rows if b.text.startswith("1 | Adult Social Care & Health | ASCH | 7,003"))
    assert row.table_header.startswith("ROW REF | Directorate Dir | Total Cost | Prior Years Spend")
    assert row.page == 1
    paragraphs = " ".join(texts(doc, BlockKind.PARAGRAPH))
    assert "Adult Social Care & Health" not in paragraphs


def test_pdf_welsh_accents_survive(corpus):
    doc = read_document(corpus / "manordeilo-salem" / "mscc_minutes_2019-10-09_cy.pdf")
    assert_offsets(doc)
    assert any(ch in doc.text for ch in "ŵŷâêô")


def test_pdf_hyphenation_joined_real_hyphens_kept(tmp_path):
    weasyprint = pytest.importorskip("weasyprint")
    html = ("<p style='font-size:11pt'>The council approved the develop-<br>ment of a long-<br>term plan for "
            "the 18-<br>25 service and the self-<br>assessment of the scheme.</p>")
    path = tmp_path / "hyphens.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    doc = read_document(path)
    assert "the development of a long-term plan for the 18-25 service and the self-assessment" in doc.text


def test_docx_tables_in_body_order_with_header(corpus):
    doc = read_document(corpus / "winnipeg" / "winnipeg_disposition_2019-03-21.docx")
    assert doc.format == Format.DOCX
    assert_offsets(doc)
    first = texts(doc)[:4]
    assert first == ["CITY CLERK'S DEPARTMENT", "DISPOSITION OF ITEMS", "COUNCIL MEETING", "THURSDAY, MARCH 21, 2019"]
    row = next(b for b in doc.blocks if b.text == "His Worship Mayor Bowman | Mr. M. Lemoine, City Clerk")
    assert row.kind == BlockKind.TABLE_ROW and row.table_header == "MEMBERS PRESENT | WINNIPEG PUBLIC SERVICE"


def test_docx_headings_lists_and_properties(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.core_properties.title = "Cabinet minutes"
    document.core_properties.author = "Democratic Services"
    document.add_heading("Decisions", level=2)
    document.add_paragraph("Approve the budget", style="List Bullet")
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text = "Item", "Outcome"
    outer.cell(1, 0).text = "Budget"
    inner = outer.cell(1, 1).add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "For", "Against"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "40", "12"
    document.add_paragraph("Closing remarks.")
    path = tmp_path / "minutes.docx"
    document.save(path)
    doc = read_document(path)
    assert_offsets(doc)
    assert (doc.title_hint, doc.author_hint) == ("Cabinet minutes", "Democratic Services")
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds[0] == (BlockKind.HEADING, "Decisions") and doc.blocks[0].level == 2
    assert kinds[1] == (BlockKind.LIST_ITEM, "Approve the budget")
    assert (BlockKind.TABLE_ROW, "40 | 12") in kinds
    assert next(b for b in doc.blocks if b.text == "40 | 12").table_header == "For | Against"
    assert kinds[-1] == (BlockKind.PARAGRAPH, "Closing remarks.")


def test_html_site_navigation_is_gone(corpus):
    doc = read_document(corpus / "norfolk-parishes" / "west_dereham_pc_minutes_2018-11-08_webpage.html")
    assert_offsets(doc)
    assert doc.title_hint.startswith("West Dereham Parish Council - minutes of November meeting")
    assert "The Chairman welcomed everyone present to the Parish Council Meeting." in texts(doc)
    for site_text in ("WI Scrapbook", "Broad Norfolk", "Whittington", "Copyright remains", "stokeferry.com"):
        assert site_text not in doc.text


def test_html_modgov_labels_and_fragment(corpus):
    doc = read_document(corpus / "modgov" / "modgov_decision_detail_kirklees_holme_park_court.html")
    assert_offsets(doc)
    assert "Decision Maker: Service Director - Homes & Neighbourhoods" in texts(doc)
    assert ("Appointment of contractor to demolish Holme Park Court", BlockKind.HEADING) in [(b.text, b.kind) for b in doc.blocks]
    frag = read_document(corpus / "manordeilo-salem" / "mscc_minutes_2020-06-10_en.html")
    assert "×" not in frag.text  # the close button
    assert any(b.kind == BlockKind.HEADING and b.text == "WELCOME AND APOLOGIES" for b in frag.blocks)


def test_html_scripts_never_reach_text():
    page = (b"<html><head><title>Minutes</title><script>alert('x')</script><style>p{}</style></head><body>"
            b"<nav>Home | About</nav><div class='cookie-banner'>We use cookies</div>"
            b"<main><h1>Planning Committee</h1><div>Line one<br>Line two</div>"
            b"<script>document.write('evil')</script><table><tr><th>Ward</th><th>Votes</th></tr>"
            b"<tr><td>Abbey</td><td>12</td></tr></table></main></body></html>")
    doc = read_bytes(page, "page.html")
    assert texts(doc) == ["Planning Committee", "Line one", "Line two", "Ward | Votes", "Abbey | 12"]
    assert doc.blocks[-1].table_header == "Ward | Votes" and doc.title_hint == "Minutes"


def test_html_winnipeg_derived(corpus_real):
    doc = read_document(corpus_real / "OpenDemocracyManitoba__Winnipeg-Council-Document-Parser"
                        / "winnipeg_disposition_2021-01-28_derived.html")
    assert_offsets(doc)
    assert "WinnipegElected.ca" not in doc.text  # the site's navbar


def test_markdown_inside_txt_and_pipe_layout(corpus):
    md = read_document(corpus / "002_96ff2cac8c4be096.txt")
    assert md.format == Format.MARKDOWN
    assert texts(md)[0] == "Title of meeting: CFE Cabinet Member Decision Meeting"
    assert ("1. Purpose of report", BlockKind.HEADING) in [(b.text, b.kind) for b in md.blocks]
    assert "**" not in md.text
    pipes = read_document(corpus / "001_a06d007eeb60ac2a.txt")
    assert texts(pipes)[:2] == ["Report to: | Corporate Parenting Panel", "Date of meeting: | 2 April 2025"]
    assert any(t.startswith("1.2 The Stable Homes, Built on Love Strategy set out a vision to re-balance") for t in texts(pipes))
    assert "Address urgent issues facing children and families now" in texts(pipes, BlockKind.LIST_ITEM)


def test_markdown_tables_links_front_matter(corpus):
    data = (b"---\nlayout: minutes\n---\n# Budget meeting\n\nSee [the report](http://x.org/r.pdf) and *note* "
            b"the **total**.\n\n| Item | Cost |\n|---|---|\n| Roads | 1,200 |\n\n- first point\n")
    doc = read_bytes(data, "budget.md")
    assert texts(doc) == ["Budget meeting", "See the report and note the total.", "Item | Cost", "Roads | 1,200",
                          "first point"]
    assert doc.blocks[3].table_header == "Item | Cost" and doc.blocks[4].kind == BlockKind.LIST_ITEM
    real = read_document(corpus / "trafford" / "trafford_decision_notice_H-63231.md")
    assert_offsets(real)


def test_text_seed_and_stable_id(corpus):
    path = corpus / "000_ca3a0b9b00b65f02.txt"
    doc = read_document(path)
    assert doc.format == Format.TEXT
    assert_offsets(doc)
    assert doc.id == hashlib.sha256(path.read_bytes()).hexdigest() == read_document(path).id
    assert texts(doc)[:2] == ["Agenda item", "Regional Care Co-operative"]


def test_json_rendering_of_minutes(corpus_real):
    doc = read_document(corpus_real / "explorience__open-council" / "london_on_budget_committee_minutes_2025-03-19_parsed.json")
    assert doc.format == Format.JSON and doc.title_hint == "1st Meeting of the Budget Committee"
    assert_offsets(doc)
    assert doc.blocks[0].kind == BlockKind.HEADING
    assert ("1 Disclosures of Pecuniary Interest", BlockKind.HEADING) in [(b.text, b.kind) for b in doc.blocks]
    assert "That it BE NOTED that no pecuniary interests were disclosed." in texts(doc)
    assert "https://" not in doc.text


def test_tsv_rows_carry_header(corpus_real):
    doc = read_document(corpus_real / "MANIFEST.tsv")
    assert doc.format == Format.CSV
    assert all(b.kind == BlockKind.TABLE_ROW for b in doc.blocks)
    assert doc.blocks[1].table_header.startswith("local_file | source_repo | path_in_repo")


def test_normalisation():
    assert normalize_block("Reneé  the\u00a0ﬁnal “quote” – develop\u00adment\x07  ") == 'Reneé the final "quote" - development'


def test_stage_runner_prints_json(corpus):
    out = subprocess.run([sys.executable, "-m", "ingest", str(corpus / "modgov" / "modgov_decision_detail_kirklees_holme_park_court.html")],
                         capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    assert data["format"] == "html" and data["pages"] == 1
    block = data["blocks"][0]
    assert {"page", "paragraph", "start", "end", "kind", "text"} <= block.keys()
    assert data["text"][block["start"]:block["end"]] == block["text"]
