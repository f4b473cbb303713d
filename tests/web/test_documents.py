"""Document detail, lists and facts: API and pages built from the same context."""
from dataclasses import asdict

from markupsafe import escape

RCC_NAME = "002_96ff2cac8c4be096.txt"


def test_api_document(client, doc_ids, store):
    doc_id = doc_ids[RCC_NAME]
    body = client.get(f"/api/v1/documents/{doc_id}").get_json()
    stored = asdict(store.get_document(doc_id))
    del stored["text"]
    document = body["document"]
    assert document == {**stored, "date": stored["meeting_date"] or stored["decision_date"],
                        "has_file": True}
    assert document["source"].endswith(RCC_NAME)
    blocks = [b for page in body["pages"] for b in page["blocks"]]
    assert all(b["anchor"] == f"p{b['page']}-{b['paragraph']}" for b in blocks)
    assert any("£250,000 from Portsmouth City Council" in b["text"] for b in blocks)
    assert set(body["facts"]) == {"money", "date", "person", "organisation", "decision"}
    money = body["facts"]["money"]
    assert any(f["amount"] == 250000 and f["document_id"] == doc_id for f in money)
    assert body["fact_counts"]["money"] == len(money)


def test_document_page(client, doc_ids):
    doc_id = doc_ids[RCC_NAME]
    api = client.get(f"/api/v1/documents/{doc_id}").get_json()
    html = client.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert f'<h1 id="doc-title">{escape(api["document"]["title"])}</h1>' in html
    for page in api["pages"]:
        for block in page["blocks"]:
            assert f'id="{block["anchor"]}"' in html
    assert 'id="facts-heading">Key facts</h2>' in html
    assert "£250,000" in html
    assert f'/documents/{doc_id}/file"' in html


def test_search_citation_points_at_an_anchor_on_the_document_page(client):
    first = client.get("/api/v1/search", query_string={"q": "Portsmouth contribution to the RCC"}).get_json()["results"][0]
    html = client.get(f"/documents/{first['document_id']}").get_data(as_text=True)
    assert f'id="p{first["page"]}-{first["paragraph"]}"' in html


def test_download_original_file(client, doc_ids, corpus_files):
    response = client.get(f"/documents/{doc_ids[RCC_NAME]}/file")
    assert response.status_code == 200
    assert response.data == corpus_files[RCC_NAME].read_bytes()
    assert "attachment" in response.headers["Content-Disposition"]


def test_html_in_a_document_is_escaped_on_every_page(client, doc_ids):
    doc_id = doc_ids["hostile"]
    html = client.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;mark&gt;highlight&lt;/mark&gt;" in html
    results = client.get("/", query_string={"q": "markup that must never run", "mode": "keyword"}).get_data(as_text=True)
    assert doc_id in results
    assert "<script>alert(1)</script>" not in results and "<img src=x" not in results


def test_documents_are_paginated_with_a_cursor(client, doc_ids):
    seen, cursor = [], None
    for _ in range(10):
        query = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/v1/documents", query_string=query).get_json()
        assert len(body["documents"]) <= 3
        seen += [d["id"] for d in body["documents"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(set(doc_ids.values()))


def test_document_facts_endpoint(client, doc_ids):
    doc_id = doc_ids[RCC_NAME]
    body = client.get(f"/api/v1/documents/{doc_id}/facts").get_json()
    assert body["document_id"] == doc_id
    assert body["facts"] == client.get(f"/api/v1/documents/{doc_id}").get_json()["facts"]
    money_only = client.get(f"/api/v1/documents/{doc_id}/facts?type=money").get_json()
    assert list(money_only["facts"]) == ["money"] and money_only["facts"]["money"] == body["facts"]["money"]


def test_facts_endpoint_filters_by_type_and_pages(client, doc_ids):
    body = client.get("/api/v1/facts", query_string={"type": "money", "limit": 100}).get_json()
    assert body["facts"] and all(f["type"] == "money" for f in body["facts"])
    assert any(f["document_id"] == doc_ids[RCC_NAME] and f["amount"] == 250000 for f in body["facts"])
    first = client.get("/api/v1/facts", query_string={"type": "money", "limit": 2}).get_json()
    second = client.get("/api/v1/facts", query_string={"type": "money", "limit": 2,
                                                      "cursor": first["next_cursor"]}).get_json()
    assert first["facts"] + second["facts"] == body["facts"][:4]


def test_facts_page(client):
    api = client.get("/api/v1/facts", query_string={"type": "money", "limit": 5}).get_json()
    html = client.get("/facts", query_string={"type": "money", "limit": 5}).get_data(as_text=True)
    assert "<h1>Facts across the papers</h1>" in html
    assert '<option value="money" selected>' in html
    assert html.count("<td>Money</td>") == len(api["facts"]) == 5
    for fact in api["facts"]:
        assert f"<strong>{escape(fact['text'])}</strong>" in html
    assert 'href="/facts?type=money&amp;limit=5&amp;cursor=5"' in html
