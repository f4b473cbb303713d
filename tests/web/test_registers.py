"""The registers: decisions, money, people, organisations, authorities, timeline; page and API
twins built from the same query functions, plus caching headers and uploads."""
import re

import pytest
from markupsafe import escape

from web.app import create_app

RCC_NAME = "002_96ff2cac8c4be096.txt"


def test_decisions_newest_first_with_paper_and_anchor(client, doc_ids):
    body = client.get("/api/v1/decisions", query_string={"limit": 100}).get_json()
    rows = body["decisions"]
    assert rows and all(r["type"] == "decision" and not r["procedural"] for r in rows)
    dates = [r["date"] or "" for r in rows]
    assert dates == sorted(dates, reverse=True)
    rcc = [r for r in rows if r["document_id"] == doc_ids[RCC_NAME]]
    assert any("£250,000" in r["text"] for r in rcc)
    assert all(r["anchor"] == f"p{r['location']['page']}-{r['location']['paragraph']}" for r in rcc)
    html = client.get("/decisions").get_data(as_text=True)
    assert "<h1>Decisions register</h1>" in html
    assert f'/documents/{doc_ids[RCC_NAME]}#{rcc[0]["anchor"]}' in html


def test_decision_filters_and_cursor(client):
    noted = client.get("/api/v1/decisions", query_string={"outcome": "noted"}).get_json()["decisions"]
    assert noted and all(r["outcome"] == "noted" for r in noted)
    everything = client.get("/api/v1/decisions", query_string={"procedural": "show", "limit": 100}).get_json()
    first = client.get("/api/v1/decisions", query_string={"procedural": "show", "limit": 2}).get_json()
    second = client.get("/api/v1/decisions", query_string={"procedural": "show", "limit": 2,
                                                          "cursor": first["next_cursor"]}).get_json()
    assert first["decisions"] + second["decisions"] == everything["decisions"][:4]
    kent = client.get("/api/v1/decisions", query_string={"authority": "Kent County Council"}).get_json()
    assert kent["decisions"] and {r["authority"] for r in kent["decisions"]} == {"Kent County Council"}
    assert client.get("/api/v1/decisions", query_string={"since": "2099-01-01"}).get_json()["decisions"] == []


def test_money_rows_totals_and_chart(client, doc_ids):
    body = client.get("/api/v1/money").get_json()
    rcc = [m for m in body["amounts"] if m["document_id"] == doc_ids[RCC_NAME]]
    assert any(m["amount"] == 250000 and m["authority"] == "Portsmouth City Council" for m in rcc)
    stated = [m for m in body["amounts"] if m["fiscal_year"]]
    assert stated and all(m["year"] == m["fiscal_year"] and m["year_source"] == "stated" for m in stated)
    by_authority = {t["authority"]: t for t in body["totals"]["by_authority"]}
    assert by_authority["Portsmouth City Council"]["total"] > 250000
    html = client.get("/money").get_data(as_text=True)
    assert '<svg class="chart"' in html and "<circle" in html and "<title id=\"chart-title\">" in html
    assert "Totals by council" in html and "Totals by financial year" in html


def test_financial_year_from_the_paper_date():
    from web.registers import financial_year
    assert financial_year("2025-01-09") == "2024/25"
    assert financial_year("2025-04-01") == "2025/26"
    assert financial_year(None) is None


def test_people_and_a_person_page(client):
    people = client.get("/api/v1/people").get_json()["people"]
    assert people and people[0]["mentions"] >= people[-1]["mentions"]
    someone = next(p for p in people if p["roles"])
    detail = client.get(f"/api/v1/people/{someone['key']}").get_json()
    assert detail["person"] == someone
    assert {r["role"] for r in detail["roles"]} == set(someone["roles"])
    html = client.get(f"/people/{someone['key']}").get_data(as_text=True)
    assert f"<h1>{escape(someone['name'])}" in html and "Roles held" in html
    assert client.get("/api/v1/people/nobody-at-all").status_code == 404
    assert client.get("/people/nobody-at-all").status_code == 404


def test_organisations_and_authority(client, doc_ids):
    body = client.get("/api/v1/organisations").get_json()
    names = [a["name"] for a in body["authorities"]]
    assert "Portsmouth City Council" in names and body["organisations"]
    detail = client.get("/api/v1/authorities/Portsmouth City Council").get_json()
    assert detail["authority"] == "Portsmouth City Council"
    assert doc_ids[RCC_NAME] in {p["document_id"] for p in detail["papers"]}
    assert any(m["amount"] == 250000 for m in detail["money"])
    html = client.get("/authorities/Portsmouth City Council").get_data(as_text=True)
    assert "<h1>Portsmouth City Council</h1>" in html
    assert client.get("/api/v1/authorities/Nowhere Council").status_code == 404


def test_timeline_of_the_rcc(client, doc_ids):
    body = client.get("/api/v1/timeline", query_string={"topic": "RCC"}).get_json()
    events = body["events"]
    assert body["papers"] >= 2 and events
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert len({e["authority"] for e in events}) >= 2
    assert any(e["document_id"] == doc_ids[RCC_NAME] and e["kind"] == "decision" for e in events)
    html = client.get("/timeline", query_string={"topic": "RCC"}).get_data(as_text=True)
    assert 'class="timeline"' in html
    assert client.get("/api/v1/timeline").status_code == 400


def test_document_page_highlights_facts_in_place(client, doc_ids, store):
    doc_id = doc_ids[RCC_NAME]
    body = client.get(f"/api/v1/documents/{doc_id}").get_json()
    blocks = [b for p in body["pages"] for b in p["blocks"]]
    facts = {f["anchor"]: f for items in body["facts"].values() for f in items}
    placed = [(b, h) for b in blocks for h in b["highlights"]]
    assert placed
    for block, h in placed:  # spans come from the extractor's offsets; amounts quote exactly
        if h["kind"] == "money":
            assert block["text"][h["start"]:h["end"]] == facts[h["fact"]]["text"]
    html = client.get(f"/documents/{doc_id}").get_data(as_text=True)
    money = next(h for _, h in placed if h["kind"] == "money")
    assert re.search(rf'<mark class="fact fact-money" id="{money["fact"]}"[^>]*>£', html)
    assert f'href="#{money["fact"]}"' in html
    assert "Other papers on this item" in html and body["related"]
    assert doc_id not in {r["document_id"] for r in body["related"]}


def test_search_facets_grouping_and_pagination(client):
    body = client.get("/api/v1/search", query_string={"q": "council", "limit": 50}).get_json()
    papers = {r["document_id"] for r in body["results"]}
    assert sum(f["count"] for f in body["facets"]["doc_type"]) == body["matched_documents"]
    html = client.get("/", query_string={"q": "council"}).get_data(as_text=True)
    assert 'aria-labelledby="facets-heading"' in html
    assert len(re.findall(r'<li class="result">', html)) == min(10, len(papers))


def test_etag_and_last_modified(client):
    first = client.get("/api/v1/decisions")
    assert first.headers["ETag"] and first.headers["Last-Modified"].endswith("GMT")
    again = client.get("/api/v1/decisions", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


@pytest.mark.parametrize("path, query, param", [
    ("/api/v1/decisions", {"outcome": "maybe"}, "outcome"),
    ("/api/v1/decisions", {"limit": "500"}, "limit"),
    ("/api/v1/money", {"year": "2025"}, "year"),
    ("/api/v1/people", {"cursor": "x"}, "cursor"),
    ("/api/v1/timeline", {"topic": "x" * 501}, "topic"),
])
def test_register_bounds(client, path, query, param):
    response = client.get(path, query_string=query)
    assert response.status_code == 400 and f"'{param}'" in response.get_json()["error"]["message"]


def test_upload_needs_the_token_and_refuses_large_files(settings, store):
    from dataclasses import replace
    app = create_app(replace(settings, api_token="s3cret"), store=store,
                     test_config={"TESTING": True, "MAX_CONTENT_LENGTH": 2000})
    client = app.test_client()
    paper = b"Upload test paper\n\nThe committee agreed to note the report.\n"
    import io
    anonymous = client.post("/api/v1/documents", data={"file": (io.BytesIO(paper), "up.txt")})
    assert anonymous.status_code == 401 and anonymous.get_json()["error"]["code"] == "unauthorized"
    headers = {"Authorization": "Bearer s3cret"}
    big = client.post("/api/v1/documents", headers=headers,
                      data={"file": (io.BytesIO(b"x" * 5000), "big.txt")})
    assert big.status_code == 413 and set(big.get_json()["error"]) == {"code", "message"}
    missing = client.post("/api/v1/documents", headers=headers, data={})
    assert missing.status_code == 400 and "'file'" in missing.get_json()["error"]["message"]
