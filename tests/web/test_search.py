"""Search through the API and the page: same query function, same order."""
import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

RCC_QUERY = "Portsmouth contribution to the RCC"
RCC_NAME = "002_96ff2cac8c4be096.txt"
CLI_FIELDS = {"rank", "score", "document_id", "source", "title", "doc_type", "authority", "date",
              "page", "paragraph", "text", "snippet"}


def test_api_search_finds_the_rcc_report_first(client, doc_ids):
    response = client.get("/api/v1/search", query_string={"q": RCC_QUERY})
    assert response.status_code == 200
    body = response.get_json()
    assert body["query"] == RCC_QUERY and body["mode"] == "hybrid" and body["weak"] is False
    first = body["results"][0]
    assert first["source"].endswith(RCC_NAME)
    assert first["document_id"] == doc_ids[RCC_NAME]
    assert first["rank"] == 1
    for result in body["results"]:
        assert CLI_FIELDS <= set(result)
    assert "<mark>" in first["snippet"]


def test_every_mode_answers(client):
    for mode in ("keyword", "semantic", "hybrid"):
        body = client.get("/api/v1/search", query_string={"q": RCC_QUERY, "mode": mode, "limit": 3}).get_json()
        assert body["mode"] == mode
        assert 1 <= len(body["results"]) <= 3


def test_page_lists_the_rcc_report_first(client, doc_ids):
    response = client.get("/", query_string={"q": RCC_QUERY})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    results = html[html.index('class="result-list"'):]
    first_link = re.search(r'href="/documents/([0-9a-f]{64})#p(\d+)-(\d+)"', results)
    assert first_link.group(1) == doc_ids[RCC_NAME]
    assert "<mark>" in results  # the engine's highlight is rendered, not escaped
    assert f'value="{RCC_QUERY}"' in html  # the form keeps the query


def test_page_and_api_agree(client):
    api = client.get("/api/v1/search", query_string={"q": "budget monitoring", "limit": 5}).get_json()
    html = client.get("/", query_string={"q": "budget monitoring", "limit": 5}).get_data(as_text=True)
    page_ids = re.findall(r'<h3><a href="/documents/([0-9a-f]{64})#p\d+-\d+"', html)
    # the page groups passages by paper, in the order of each paper's best passage
    assert page_ids == list(dict.fromkeys(r["document_id"] for r in api["results"]))


def test_filters_narrow_the_results(client, doc_ids, store):
    """Filter on the RCC report's own stored metadata: it stays first, and only its like remain."""
    rcc = store.get_document(doc_ids[RCC_NAME])
    date = rcc.meeting_date or rcc.decision_date
    filters = {"authority": rcc.authority, "doc_type": rcc.doc_type, "since": date, "until": date}
    filters = {k: v for k, v in filters.items() if v}
    body = client.get("/api/v1/search", query_string={"q": RCC_QUERY, **filters}).get_json()
    assert {k: v for k, v in body["filters"].items() if v} == filters
    assert body["results"][0]["document_id"] == doc_ids[RCC_NAME]
    for result in body["results"]:
        assert all(result[k] == v for k, v in filters.items() if k in ("authority", "doc_type"))
    other = "minutes" if rcc.doc_type != "minutes" else "report"
    narrowed = client.get("/api/v1/search", query_string={"q": RCC_QUERY, "doc_type": other}).get_json()
    assert all(r["doc_type"] == other for r in narrowed["results"])


def test_nothing_in_range_shows_no_relevant_matches(client):
    body = client.get("/api/v1/search", query_string={"q": RCC_QUERY, "since": "2099-01-01"}).get_json()
    assert body["results"] == [] or body["weak"]
    html = client.get("/", query_string={"q": RCC_QUERY, "since": "2099-01-01"}).get_data(as_text=True)
    assert "No relevant matches" in html


def test_empty_query_shows_the_form_only(client):
    html = client.get("/").get_data(as_text=True)
    assert 'role="search"' in html and '<label for="q"' in html
    assert "result-list" not in html and "No relevant matches" not in html


FACETS = ("authority", "doc_type", "committee", "year", "fact_type")


def test_api_facets_count_every_matching_paper_not_just_the_page(client):
    body = client.get("/api/v1/search", query_string={"q": "council budget", "limit": 1}).get_json()
    assert len(body["results"]) == 1 and body["matches_capped"] is False
    assert body["matched_documents"] >= 4
    assert set(body["facets"]) == set(FACETS)
    for name in FACETS:
        counts = body["facets"][name]
        assert counts == sorted(counts, key=lambda f: (-f["count"], f["value"]))
    assert sum(f["count"] for f in body["facets"]["doc_type"]) == body["matched_documents"]
    assert max(f["count"] for f in body["facets"]["authority"]) > 1  # three Portsmouth papers
    nonsense = client.get("/api/v1/search", query_string={"q": "spaceship koala"}).get_json()
    assert nonsense["matched_documents"] == 0
    assert nonsense["facets"] == {name: [] for name in FACETS}


def _facet_links(html: str) -> list[tuple[str, dict[str, str], int]]:
    """(text, query parameters, count) of each facet value the page links to."""
    aside = html[html.index('<aside class="facets"'):html.index("</aside>")]
    return [(unescape(text), dict(parse_qsl(urlsplit(unescape(href)).query)), int(count))
            for href, text, count in re.findall(r'<a href="([^"]+)">([^<]+)</a> \((\d+)\)', aside)]


def test_page_links_each_facet_value_to_the_search_with_that_filter(client):
    """Every facet value on the page is a link to the same search with its filter added, and that
    search matches as many papers as the facet said."""
    query = {"q": "council budget", "mode": "hybrid"}
    html = client.get("/", query_string=query).get_data(as_text=True)
    links = _facet_links(html)
    added = {frozenset(set(args) - set(query)) for _, args, _ in links}
    assert added == {frozenset({name}) for name in ("authority", "doc_type", "committee", "fact_type")} | {
        frozenset({"since", "until"})}
    assert ("Amounts of money", {**query, "fact_type": "money"}) in [(t, a) for t, a, _ in links]
    assert any(t == "Minutes" and a.get("doc_type") == "minutes" for t, a, _ in links)
    for _, args, count in links:
        assert {k: v for k, v in args.items() if k in query} == query
        if "since" in args:
            assert args["since"][4:] == "-01-01" and args["until"] == args["since"][:4] + "-12-31"
        narrowed = client.get("/api/v1/search", query_string=args).get_json()
        assert narrowed["matched_documents"] == count, args


def test_a_chosen_facet_value_is_shown_with_a_link_to_remove_it(client):
    html = client.get("/", query_string={"q": "council budget",
                                         "authority": "Portsmouth City Council"}).get_data(as_text=True)
    aside = html[html.index('<aside class="facets"'):html.index("</aside>")]
    chosen = re.search(r"<strong>Portsmouth City Council</strong> \((\d+)\) <a href=\"([^\"]+)\"", aside)
    assert chosen and int(chosen.group(1)) >= 2
    assert dict(parse_qsl(urlsplit(unescape(chosen.group(2))).query)) == {"q": "council budget"}


def test_page_says_how_many_papers_match_beyond_those_listed(client):
    body = client.get("/api/v1/search", query_string={"q": "council budget", "limit": 1}).get_json()
    html = client.get("/", query_string={"q": "council budget", "limit": 1}).get_data(as_text=True)
    assert len(re.findall(r'<li class="result">', html)) == 1
    assert f"{body['matched_documents']} papers match in all" in html
