import re
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

from search.model import FacetCount, Facets, Filters, Mode, SearchQuery
from search.sqlite_store import SqliteStore

PORTSMOUTH = "002_96ff2cac8c4be096.txt"


@pytest.mark.parametrize("mode", list(Mode))
def test_the_right_paper_comes_first_in_every_mode(corpus_store, mode):
    store, ids = corpus_store
    response = store.search(SearchQuery("Portsmouth contribution to the RCC", mode=mode))
    assert not response.weak
    top = response.results[0]
    assert top.document_id == ids[PORTSMOUTH]
    assert top.source.endswith("corpus/002_96ff2cac8c4be096.txt")
    assert top.rank == 1 and top.page == 1
    document = store.get_document(top.document_id, with_text=True)
    assert document.text[top.start:top.end] == top.text


@pytest.mark.parametrize("query, expected", [
    ("planning permission conditions", "trafford_decision_notice_H-63231.md"),
    ("Limerick special meeting", "limerick_minutes_special_2025-02-21.md"),
])
def test_other_papers_are_found_by_what_they_are_about(corpus_store, query, expected):
    store, ids = corpus_store
    assert store.search(SearchQuery(query)).results[0].document_id == ids[expected]


@pytest.mark.parametrize("mode", list(Mode))
def test_nonsense_finds_nothing_and_says_so(corpus_store, mode):
    store, _ = corpus_store
    response = store.search(SearchQuery("spaceship koala", mode=mode))
    assert response.results == () and response.weak


def test_one_document_does_not_fill_the_page(corpus_store):
    store, _ = corpus_store
    results = store.search(SearchQuery("RCC regional care cooperative placements", limit=10)).results
    first_ten = [r.document_id for r in results[:10]]
    assert len(set(first_ten)) >= 3
    assert max(first_ten.count(d) for d in set(first_ten[:6])) <= 3


def test_snippets_escape_the_passage_and_mark_stemmed_terms(corpus_store):
    store, ids = corpus_store
    results = store.search(SearchQuery("script pothole repairs", mode=Mode.KEYWORD)).results
    top = results[0]
    assert top.document_id == ids["testshire"]
    assert "<script>" in top.text
    tags = re.findall(r"</?[a-z]+>", top.snippet)
    assert set(tags) <= {"<mark>", "</mark>"}
    assert "&lt;script&gt;" in top.snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<mark>repair</mark>" in top.snippet  # "repairs" matched the stem of "repair"
    assert "&amp;" in top.snippet


def test_snippets_trim_long_passages_around_the_terms(corpus_store):
    store, _ = corpus_store
    top = store.search(SearchQuery("Portsmouth contribution", mode=Mode.KEYWORD)).results[0]
    assert "<mark>" in top.snippet
    if len(top.text) > 300:
        assert len(top.snippet) < len(top.text) and "…" in top.snippet


def test_filters_narrow_every_mode(corpus_store):
    store, ids = corpus_store

    def holds(filters: Filters, result) -> bool:
        doc = store.get_document(result.document_id)
        date = doc.meeting_date or doc.decision_date
        return ((filters.authority is None or doc.authority == filters.authority)
                and (filters.doc_type is None or doc.doc_type == filters.doc_type)
                and (filters.committee is None
                     or (doc.committee or "").lower() == filters.committee.lower())
                and (filters.since is None or (date is not None and date >= filters.since))
                and (filters.until is None or (date is not None and date <= filters.until))
                and (filters.fact_type is None
                     or bool(store.facts(document_id=doc.id, kind=filters.fact_type))))

    cases = [
        Filters(authority="Testshire County Council"),
        Filters(doc_type="minutes", committee="highways committee"),
        Filters(since="2024-04-01", until="2024-05-31"),
        Filters(fact_type="decision"),
    ]
    for mode in Mode:
        for filters in cases:
            results = store.search(SearchQuery("council budget pothole repairs", mode=mode,
                                               filters=filters)).results
            assert ids["testshire"] in {r.document_id for r in results}, (mode, filters)
            assert all(holds(filters, r) for r in results), (mode, filters)
        nothing = store.search(SearchQuery("council budget", mode=mode,
                                           filters=Filters(until="1990-01-01")))
        assert nothing.results == ()
    only = store.search(SearchQuery("council", filters=Filters(authority="Testshire County Council")))
    assert {r.document_id for r in only.results} == {ids["testshire"]}


def test_results_carry_their_provenance(corpus_store):
    store, ids = corpus_store
    top = store.search(SearchQuery("pothole repair programme")).results[0]
    assert (top.document_id, top.source, top.title, top.doc_type, top.authority, top.committee,
            top.date) == (ids["testshire"], "tests/testshire_highways.txt",
                          "Highways Committee minutes", "minutes", "Testshire County Council",
                          "Highways Committee", "2024-05-01")
    assert top.paragraph >= 1 and top.end > top.start


def test_a_deleted_vector_index_is_rebuilt_with_the_same_results(sqlite_corpus_store):
    store, _ = sqlite_corpus_store
    queries = [SearchQuery(q, mode=Mode.SEMANTIC) for q in
               ("Portsmouth contribution to the RCC", "foster carers", "planning permission")]
    before = [store.search(q) for q in queries]
    shutil.rmtree(store.vectors.directory)

    fresh = SqliteStore(store.data_dir, embedder=store.embedder)
    try:
        assert [fresh.search(q) for q in queries] == before
        assert (store.vectors.directory / "chunks.faiss").exists()
        fresh.rebuild_indexes()
        assert [fresh.search(q) for q in queries] == before
    finally:
        fresh.close()


def test_searches_run_from_several_threads(corpus_store):
    store, _ = corpus_store
    query = SearchQuery("children's residential placements")
    expected = store.search(query)
    with ThreadPoolExecutor(max_workers=4) as pool:
        responses = list(pool.map(lambda _: store.search(query), range(8)))
    assert responses == [expected] * 8


def test_stores_count_the_passages_holding_each_word_alike(corpus_store):
    store, _ = corpus_store
    rows, total = store.term_rows(["contributions", "council", "spaceship", "the"])
    assert total == store.stats()["chunks"]
    assert 0 < rows["contributions"] < rows["council"] < total  # by stem: "contribution" too
    assert rows["spaceship"] == 0
    assert store.term_rows(["council"]) == ({"council": rows["council"]}, total)


def test_hybrid_leaves_common_words_to_the_semantic_ranker_only_when_they_cost():
    from search.engine import POSTINGS_LIMIT, distinctive_terms

    total = 100_000
    rows = {"community": 8_400, "council": 30_100, "audit": 3_400, "annual": 3_900,
            "return": 1_600}
    terms = list(rows)
    assert distinctive_terms(terms, rows, total) == ["community", "audit", "annual", "return"]
    assert distinctive_terms(terms, {t: n // 10 for t, n in rows.items()}, total // 10) == terms
    # every word common: the commonest go until the rest are cheap, never below two words
    common = {"council": 30_100, "services": 21_300, "report": 16_700}
    assert distinctive_terms(list(common), common, total) == ["services", "report"]
    assert sum(rows[t] for t in distinctive_terms(terms, rows, total)) <= POSTINGS_LIMIT


def _facets_of(store, results) -> tuple[int, dict]:
    """What the facets should say for these results' documents, from their stored records."""
    from collections import Counter

    documents = {r.document_id: store.get_document(r.document_id) for r in results}
    counts = {name: Counter() for name in ("authority", "doc_type", "committee", "year", "fact_type")}
    for doc_id, doc in documents.items():
        date = doc.meeting_date or doc.decision_date
        for name, value in (("authority", doc.authority), ("doc_type", doc.doc_type),
                            ("committee", doc.committee), ("year", date and date[:4])):
            if value:
                counts[name][value] += 1
        counts["fact_type"].update({fact.kind.value for _, fact in store.facts(document_id=doc_id)})
    return len(documents), {name: sorted(c.items(), key=lambda item: (-item[1], item[0]))
                            for name, c in counts.items()}


def _facets_as_pairs(response) -> dict:
    return {name: [(f.value, f.count) for f in values]
            for name, values in vars(response.facets).items()}


@pytest.mark.parametrize("mode", [Mode.KEYWORD, Mode.SEMANTIC])
def test_facets_count_every_matching_document_not_just_the_page(corpus_store, mode):
    """limit=1 returns one passage, yet the facets count every document the query matches: in
    keyword mode every passage holding a query word, in semantic mode every passage at or above
    the floor (with a limit past the candidate pool, the results are exactly those passages)."""
    from search.engine import CANDIDATES, SEMANTIC_FLOOR

    store, _ = corpus_store
    one = store.search(SearchQuery("council budget", mode=mode, limit=1))
    assert len(one.results) == 1 and not one.matches_capped
    every = store.search(SearchQuery("council budget", mode=mode, limit=2 * CANDIDATES)).results
    matches = [r for r in every if mode is Mode.KEYWORD or r.score >= SEMANTIC_FLOOR]
    assert len(matches) < len(every) or mode is Mode.KEYWORD  # the floor leaves some out
    documents, facets = _facets_of(store, matches)
    assert one.matched_documents == documents >= 4
    assert _facets_as_pairs(one) == facets
    assert max(f.count for f in one.facets.doc_type) > 1


def test_hybrid_matches_are_the_keyword_and_semantic_matches_together(corpus_store):
    from search.engine import SEMANTIC_FLOOR

    store, _ = corpus_store

    def matched(mode: Mode) -> set[str]:
        response = store.search(SearchQuery("council budget", mode=mode, limit=200))
        return {r.document_id for r in response.results
                if mode is not Mode.SEMANTIC or r.score >= SEMANTIC_FLOOR}

    hybrid = store.search(SearchQuery("council budget", limit=1))
    assert hybrid.matched_documents == len(matched(Mode.KEYWORD) | matched(Mode.SEMANTIC))


@pytest.mark.parametrize("filters", [
    Filters(authority="Portsmouth City Council"),
    Filters(doc_type="minutes"),
    Filters(fact_type="money"),
    Filters(since="2025-01-01", until="2025-12-31"),
], ids=["authority", "doc_type", "fact_type", "year"])
def test_facet_counts_respect_the_filters(corpus_store, filters):
    """Filtered, the facets count only the documents that pass; and a facet's count of a value is
    how many documents the same search finds with that value as its filter."""
    store, _ = corpus_store
    unfiltered = store.search(SearchQuery("council budget", limit=1))
    response = store.search(SearchQuery("council budget", limit=1, filters=filters))
    assert 0 < response.matched_documents < unfiltered.matched_documents
    name, value = next((n, v) for n, v in (("authority", filters.authority),
                                             ("doc_type", filters.doc_type),
                                             ("fact_type", filters.fact_type),
                                             ("year", (filters.since or "")[:4] or None)) if v)
    counted = {f.value: f.count for f in getattr(unfiltered.facets, name)}
    assert response.matched_documents == counted[value]
    if name != "fact_type":  # a document holds facts of several kinds, but has one authority
        assert getattr(response.facets, name) == (FacetCount(value, counted[value]),)
    else:
        assert (value, response.matched_documents) in _facets_as_pairs(response)["fact_type"]
    assert sum(f.count for f in response.facets.doc_type) == response.matched_documents


@pytest.mark.parametrize("mode", list(Mode))
def test_nonsense_has_no_facets(corpus_store, mode):
    store, _ = corpus_store
    response = store.search(SearchQuery("spaceship koala", mode=mode, limit=1))
    assert (response.matched_documents, response.facets, response.matches_capped) == (0, Facets(), False)
    assert response.to_dict()["facets"] == {name: [] for name in
                                            ("authority", "doc_type", "committee", "year", "fact_type")}


def test_stores_list_the_kinds_of_fact_each_document_holds(corpus_store):
    store, ids = corpus_store
    kinds = store.fact_kinds([ids["testshire"], ids[PORTSMOUTH], "0" * 64])
    assert kinds[ids["testshire"]] == frozenset({"money", "decision"})
    assert kinds[ids[PORTSMOUTH]] == frozenset(f.kind.value for _, f in store.facts(ids[PORTSMOUTH]))
    assert "0" * 64 not in kinds and store.fact_kinds([]) == {}


def test_short_words_are_counted_as_the_keyword_index_holds_them(sqlite_corpus_store):
    """FTS5's porter tokenizer keeps words under three letters as they are; counting them by
    their Porter stem ("as" -> "a", "s" -> "") would find none of their passages."""
    store, _ = sqlite_corpus_store
    conn = store._conn()
    held = dict(conn.execute("SELECT term, doc FROM chunks_vocab WHERE length(term) = 2 "
                             "ORDER BY doc DESC LIMIT 5").fetchall())
    assert held
    counts, _ = store.term_rows(list(held))
    assert counts == held


def test_single_letters_are_not_searched_for():
    from search.snippets import query_terms

    assert query_terms("Portsmouth's children's placements: plan B") == [
        "portsmouth", "children", "placements", "plan"]


def test_a_papers_second_passage_yields_to_another_papers_first_unless_clearly_better():
    from search.engine import REPEAT_DECAY, repeat_decay
    from search.model import Chunk, Passage

    def passage(chunk_id, document_id):
        chunk = Chunk(document_id, chunk_id, "text", 1, 1, chunk_id, chunk_id, 0, 4)
        return Passage(chunk_id, chunk, f"{document_id}.txt", None, None, None, None, None)

    passages = {1: passage(1, "a"), 2: passage(2, "a"), 3: passage(3, "b"), 4: passage(4, "a")}
    ranked = repeat_decay([(1, 1.0), (2, 0.95), (3, 0.9), (4, 0.2)], passages)
    assert [chunk_id for chunk_id, _ in ranked] == [1, 3, 2, 4]
    assert dict(ranked)[2] == pytest.approx(0.95 * REPEAT_DECAY)
    assert dict(ranked)[4] == pytest.approx(0.2 * REPEAT_DECAY ** 2)
    clearly_better = repeat_decay([(1, 1.0), (2, 0.99), (3, 0.5)], passages)
    assert [chunk_id for chunk_id, _ in clearly_better] == [1, 2, 3]


def test_term_counts_are_counted_once_per_state_of_the_store():
    from search.term_counts import TermCounts

    asked: list[list[str]] = []

    def count(keys):
        asked.append(keys)
        return {"council": 30} if "council" in keys else {}

    counts = TermCounts()
    assert counts.get(1, ["council", "koala"], lambda: 100, count) == ({"council": 30, "koala": 0}, 100)
    assert counts.get(1, ["koala", "council"], lambda: 100, count) == ({"koala": 0, "council": 30}, 100)
    assert asked == [["council", "koala"]]
    assert counts.get(2, ["council"], lambda: 120, count) == ({"council": 30}, 120)
    assert asked[-1] == ["council"]
