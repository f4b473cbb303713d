"""The RCC note holds what the papers say, and every citation resolves to a paragraph that says it."""
from __future__ import annotations

from brief.sentences import plain


def statements(b):
    """(section, quote, citation number) for every cited statement in the note."""
    out = [("summary", p.quote, p.cite) for p in b.summary]
    out += [("figures", f.quote, f.cite) for f in b.figures]
    out += [("figures", f.amount_text, f.cite) for f in b.figures]
    out += [("decisions", d.quote, d.cite) for d in b.decisions]
    out += [("decisions", d.date_quote, d.date_cite) for d in b.decisions if d.date_cite]
    out += [("timeline", e.quote, e.cite) for e in b.timeline]
    out += [("timeline", e.date_text, e.cite) for e in b.timeline]
    out += [("people", p.quote, p.cite) for p in b.people]
    out += [("risks", r.quote, r.cite) for r in b.risks]
    return out


def paragraph_text(store, source) -> str:
    blocks = [b for b in store.blocks(source.document_id)
              if (b["page"], b["paragraph"]) == (source.page, source.paragraph)]
    assert blocks, f"[{source.number}] names page {source.page} paragraph {source.paragraph}, not in the paper"
    return " ".join(b["text"] for b in blocks)


def test_every_citation_resolves_to_a_paragraph_that_holds_the_statement(store, briefing):
    assert briefing.enough
    assert [s.number for s in briefing.sources] == list(range(1, len(briefing.sources) + 1))
    cited = set()
    for section, quote, cite in statements(briefing):
        source = briefing.source(cite)
        assert store.get_document(source.document_id) is not None
        assert source.path == f"/documents/{source.document_id}#p{source.page}-{source.paragraph}"
        text = paragraph_text(store, source)
        assert plain(quote).lower() in plain(text).lower(), (section, quote, source)
        cited.add(cite)
    assert cited == {s.number for s in briefing.sources}, "a source is listed but never cited"


def _cited_in(b, doc_ids, needle, files):
    """Statements holding `needle` whose citation is to one of `files`."""
    wanted = {doc_ids[f] for f in files}
    return [(section, quote) for section, quote, cite in statements(b)
            if needle.lower() in plain(quote).lower() and b.source(cite).document_id in wanted]


ESCC, PORTSMOUTH_REPORT, KENT = "001_a06d007eeb60ac2a.txt", "002_96ff2cac8c4be096.txt", "004_8bc79f27482c5890.txt"
PORTSMOUTH_MINUTES = ("000_ca3a0b9b00b65f02.txt", "003_927e51a8326d68ad.txt")


def test_the_rcc_note_has_what_the_issue_asks_for(briefing, doc_ids):
    b = briefing
    # the £1.95m setup grant and the up to £5m capital grant, in the key figures
    amounts = {(f.amount, b.source(f.cite).document_id) for f in b.figures}
    assert (1950000.0, doc_ids[ESCC]) in amounts or (1950000.0, doc_ids[PORTSMOUTH_REPORT]) in amounts
    assert any(f.amount == 5000000.0 and "capital" in f.quote for f in b.figures)
    assert _cited_in(b, doc_ids, "up to £5m", [ESCC])
    assert _cited_in(b, doc_ids, "£1.95m for the setup", [PORTSMOUTH_REPORT]) or \
        _cited_in(b, doc_ids, "grant of £1.95m", [ESCC])
    # Portsmouth's £250,000 over three years
    assert _cited_in(b, doc_ids, "£250,000 from Portsmouth City Council over a three year period",
                     [PORTSMOUTH_REPORT])
    assert any(f.amount == 250000.0 and f.authority == "Portsmouth City Council" for f in b.figures)
    # the June 2025 end of the pathfinder funding, as a risk and on the timeline
    assert _cited_in(b, doc_ids, "due to end in June 2025", PORTSMOUTH_MINUTES)
    assert any(e.date == "2025-06" and "end in June 2025" in e.quote for e in b.timeline)
    assert any("June 2025" in r.quote for r in b.risks)
    # the Kent decision of 15 September 2023
    kent = [d for d in b.decisions if b.source(d.cite).document_id == doc_ids[KENT]]
    assert kent and all(d.date == "2023-09-15" and d.authority == "Kent County Council" for d in kent)
    assert any("Pathfinder authority" in d.quote and d.outcome == "approved" for d in kent)
    assert all(d.date_quote == "15/09/2023" and b.source(d.date_cite).document_id == doc_ids[KENT]
               for d in kent)
    assert any(e.date == "2023-09-15" and e.authority == "Kent County Council" for e in b.timeline)


def test_sections_are_filled_and_ordered(briefing):
    b = briefing
    assert b.title == "Briefing note: Regional Care Co-operative funding"
    assert b.prepared_on == "2025-05-01" and b.papers == 5
    assert (b.period_from, b.period_to) == ("2023-09-15", "2025-04-02")
    assert 3 <= len(b.summary) <= 5
    assert len({plain(p.quote) for p in b.summary}) == len(b.summary), "a summary point repeats"
    assert all(p.quote.endswith((".", ".)")) for p in b.summary)
    assert [e.date for e in b.timeline] == sorted(e.date for e in b.timeline)
    assert not any(d for d in b.decisions if "apolog" in d.quote.lower())
    names = {p.name for p in b.people}
    assert {"Sarah Daly", "Mark Jowett", "Suzy Horton"} <= names
    assert all(s.authority != "Trafford Council" for s in b.sources), "the unrelated paper is cited"


def test_too_little_on_a_topic_says_so(too_little):
    assert not too_little.enough
    assert "too little in the papers to brief on \u201cspaceship koala\u201d" in too_little.message
    assert too_little.sources == () and too_little.summary == ()


def test_filters_narrow_the_papers(store):
    from brief import compose_briefing

    kent = compose_briefing(store, "Regional Care Co-operative pathfinder", authority="Kent County Council")
    assert kent.enough
    assert {s.authority for s in kent.sources} == {"Kent County Council"}
    later = compose_briefing(store, "Regional Care Co-operative funding", since="2030-01-01")
    assert not later.enough and "dated from 1 January 2030" in later.message


def test_json_is_the_record(briefing):
    import json

    d = json.loads(json.dumps(briefing.to_dict()))
    assert d["sources"][0]["path"].startswith("/documents/")
    assert set(d) >= {"topic", "title", "summary", "figures", "decisions", "timeline", "people",
                      "risks", "sources", "enough", "message"}


def test_both_stores_give_the_same_note(sqlite_brief_store, postgresql_brief_store):
    from datetime import date

    from brief import compose_briefing

    lite, pg = (compose_briefing(store, "Regional Care Co-operative funding", today=date(2025, 5, 1))
                for _, store in (sqlite_brief_store, postgresql_brief_store))
    assert pg.to_dict() == lite.to_dict()
