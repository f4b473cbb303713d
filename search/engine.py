"""Ranking: keyword (FTS5 BM25 | tsvector ts_rank_cd), semantic (FAISS | pgvector cosine), hybrid
(a weighted sum of the scaled scores, chosen over reciprocal rank fusion by measurement, with a
semantic ranker steered by the keyword ranker's first passages), the same code over either store.

The engine asks the store for candidate chunk ids and scores and for the passages behind them; it
holds no SQL. Results are capped per document so one paper does not fill the page, and a query
that matches no word and nothing semantically close returns no results with `weak=True`. Facet
counts are taken over all the matches the rankers found, not just the page returned, from the
passages already fetched for ranking: one extra query (the kinds of fact each document holds).
"""
from __future__ import annotations

import functools
from collections import Counter
from dataclasses import fields
from concurrent.futures import ThreadPoolExecutor
from typing import Iterable, Protocol

import numpy as np

from .embeddings import Embedder
from .model import (FacetCount, Facets, Filters, Mode, Passage, SearchQuery, SearchResponse,
                    SearchResult)
from .snippets import make_snippet, query_terms

RRF_K = 60  # reciprocal rank fusion constant (Cormack et al. 2009), kept for comparison
# Hybrid score = w * BM25 / best BM25 + (1 - w) * cosine, then the document bonus and the repeat
# decay below. Measured over the 64 judged queries of search/eval/queries.json
# (benchmarks/RESULTS.md): with both, every w from 0.35 to 0.5 and every decay from 0.8 to 0.9
# scores nDCG@10 0.906-0.908 on the SQLite store (keyword 0.906, semantic 0.828; on PostgreSQL
# hybrid 0.910, keyword 0.887); w 0.4 and 0.85 are the middle of that plateau. RRF (k 10-60)
# scores 0.868-0.871: it throws away how far ahead a ranker's first hit is.
KEYWORD_WEIGHT = 0.4
# Judgements and readers work at document level: a paper with several passages near the top is
# more likely the one that answers. Each other passage of the same document among the fused top
# DOCUMENT_WINDOW adds DOCUMENT_BONUS, at most DOCUMENT_BONUS_CAP times (cap 3 made the SQLite and
# PostgreSQL leaders part on near-ties; see tests/search/test_agreement.py).
DOCUMENT_BONUS = 0.1
DOCUMENT_WINDOW = 20
DOCUMENT_BONUS_CAP = 1
# ...but a reader gains less from a paper's second passage than from the next paper's first: the
# n-th passage of a document in the fused order scores REPEAT_DECAY ** (n - 1) of its own, so a
# second passage stays above another paper's only when it is clearly better (0.85: see above;
# without it hybrid scores 0.898 at w 0.4, below keyword).
REPEAT_DECAY = 0.85
# Hybrid's semantic ranker searches with the query's vector moved toward the passages the keyword
# ranker put first (Rocchio's relevance feedback, alpha 1, beta FEEDBACK_WEIGHT, on the embeddings
# of its top FEEDBACK_PASSAGES): the words pin down which papers are meant, the vectors then find
# what those papers say in other words. Over the 64 judged queries every k of 1-5 and weight of
# 0.75-2 scores hybrid nDCG@10 0.913-0.926 (without it 0.908; keyword 0.906), above keyword on
# both halves; k 3 and weight 1 sit inside that range (benchmarks/RESULTS.md). The unexpanded
# query still decides the relevance floor and what counts as a match.
FEEDBACK_PASSAGES = 3
FEEDBACK_WEIGHT = 1.0
CANDIDATES = 100  # how many hits each ranker contributes before fusion
PER_DOCUMENT = 3  # most passages from one document before others have had their turn
# Cosine below which the nearest passage is taken as unrelated to the query. Measured on the
# sample corpus (seeds + limerick + trafford): nonsense ("spaceship koala", "hello world",
# "weather forecast tomorrow") 0.10-0.23; on-topic words and questions 0.34-0.77.
SEMANTIC_FLOOR = 0.30
# Hybrid's keyword query costs about a microsecond for every row that holds any query word: FTS5
# and PostgreSQL score every such row before the LIMIT, so at 100k chunks "council" alone (30k
# rows) costs ~30 ms. When the words' rows add up to more than POSTINGS_LIMIT, hybrid leaves the
# commonest words (in more than COMMON_SHARE of all passages: "council", "services", "report")
# to the semantic ranker, which carries their meaning anyway, then drops the commonest of the rest
# until the limit holds, keeping at least MIN_TERMS words (one word alone cannot order its
# passages). Keyword mode always keeps every word: it is plain BM25. Below the limit nothing is
# dropped: on a small store a word's share of passages says little about how common it is
# (benchmarks/RESULTS.md has the relevance and latency measured with and without).
POSTINGS_LIMIT = 20_000
COMMON_SHARE = 0.2
MIN_TERMS = 2
POSTINGS_BUDGET = 0.5


class SearchBackend(Protocol):
    embedder: Embedder

    def keyword_hits(self, terms: list[str], filters: Filters | None,
                     limit: int) -> list[tuple[int, float]]:
        """(chunk id, score, higher is better) of passages holding any of the terms."""

    def term_rows(self, terms: list[str]) -> tuple[dict[str, int], int]:
        """How many passages hold each term (by its stem), and how many passages there are."""

    def semantic_hits(self, vector: np.ndarray, filters: Filters | None,
                      limit: int) -> list[tuple[int, float]]: ...

    def passages(self, chunk_ids: list[int]) -> dict[int, Passage]: ...

    def fact_kinds(self, document_ids: list[str]) -> dict[str, frozenset[str]]:
        """The kinds of fact each document holds; documents holding none are left out."""

    def chunk_vectors(self, chunk_ids: list[int]) -> np.ndarray:
        """The stored embeddings of these chunks (rows for the ids found, in no set order)."""


@functools.lru_cache(maxsize=1)
def _workers() -> ThreadPoolExecutor:
    """Threads for query embedding, made on first use (nothing runs at import)."""
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="query-embed")


def fts_match(terms: list[str]) -> str:
    """An FTS5 expression matching any of the terms; each quoted, so no word acts as an operator."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


def distinctive_terms(terms: list[str], rows: dict[str, int], total: int,
                      limit: int = POSTINGS_LIMIT) -> list[str]:
    """The terms worth scoring in hybrid's keyword query, in their order (see POSTINGS_LIMIT).

    `rows` is how many passages hold each term, `total` how many passages there are."""
    def cost(chosen: list[str]) -> int:
        return sum(rows.get(t, 0) for t in chosen)

    if cost(terms) <= limit or not total:
        return list(terms)
    keep = [t for t in terms if rows.get(t, 0) <= COMMON_SHARE * total]
    if len(keep) < MIN_TERMS:
        keep = list(terms)
    while len(keep) > MIN_TERMS and cost(keep) > limit:
        keep.remove(max(keep, key=lambda t: (rows.get(t, 0), t)))
    return keep


def reciprocal_rank_fusion(*rankings: list[tuple[int, float]], k: int = RRF_K) -> list[tuple[int, float]]:
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, (chunk_id, _) in enumerate(ranking, start=1):
            scores[chunk_id] = scores.get(chunk_id, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def score_fusion(keyword: list[tuple[int, float]], semantic: list[tuple[int, float]],
                 weight: float = KEYWORD_WEIGHT) -> list[tuple[int, float]]:
    """Convex combination of the BM25 score scaled by the best one and the raw cosine.

    Unlike rank fusion it keeps how far ahead a ranker's first hit is: a passage that matches
    every query word is not pulled level with the semantic ranker's fifth guess."""
    best = max((score for _, score in keyword), default=0.0)
    scores: dict[int, float] = {}
    if best > 0:
        for chunk_id, score in keyword:
            scores[chunk_id] = weight * score / best
    for chunk_id, cosine in semantic:
        scores[chunk_id] = scores.get(chunk_id, 0.0) + (1.0 - weight) * max(cosine, 0.0)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def document_bonus(ranked: list[tuple[int, float]], passages: dict[int, Passage],
                   bonus: float = DOCUMENT_BONUS, window: int = DOCUMENT_WINDOW,
                   cap: int = DOCUMENT_BONUS_CAP) -> list[tuple[int, float]]:
    """Raise each passage by `bonus` for every other passage of its document in the top `window`."""
    near: dict[str, int] = {}
    for chunk_id, _ in ranked[:window]:
        if chunk_id in passages:
            doc = passages[chunk_id].chunk.document_id
            near[doc] = near.get(doc, 0) + 1
    scores = {chunk_id: score + bonus * min(max(near.get(passages[chunk_id].chunk.document_id, 0)
                                                 - 1, 0), cap)
              if chunk_id in passages else score
              for chunk_id, score in ranked}
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def repeat_decay(ranked: list[tuple[int, float]], passages: dict[int, Passage],
                 factor: float = REPEAT_DECAY) -> list[tuple[int, float]]:
    """Each document's n-th passage, in the order given, scaled by factor ** (n - 1)."""
    seen: dict[str, int] = {}
    scores = []
    for chunk_id, score in ranked:
        passage = passages.get(chunk_id)
        if passage is not None:
            n = seen.get(passage.chunk.document_id, 0)
            seen[passage.chunk.document_id] = n + 1
            score *= factor ** n
        scores.append((chunk_id, score))
    return sorted(scores, key=lambda item: (-item[1], item[0]))


def search(backend: SearchBackend, query: SearchQuery) -> SearchResponse:
    """The best `query.limit` passages, and how the documents of all the query's matches fall by
    each facet (see `matching_chunks` for what counts as a match)."""
    text = query.text.strip()
    if not text or query.limit <= 0:
        return SearchResponse(query=query.text, mode=query.mode, results=())
    terms = query_terms(text)
    keyword: list[tuple[int, float]] = []
    semantic: list[tuple[int, float]] = []
    vector = None
    if query.mode in (Mode.SEMANTIC, Mode.HYBRID):
        # embed on a worker while the full-text query runs: both release the GIL, so hybrid
        # waits for the slower of the two instead of their sum (benchmarks/RESULTS.md)
        vector = _workers().submit(backend.embedder.embed_query, text)
    if query.mode is Mode.KEYWORD and terms:
        keyword = backend.keyword_hits(terms, query.filters, CANDIDATES)
    elif query.mode is Mode.HYBRID and terms:
        keyword = backend.keyword_hits(distinctive_terms(terms, *backend.term_rows(terms)),
                                       query.filters, CANDIDATES)
    if vector is not None:
        semantic = backend.semantic_hits(vector.result(), query.filters, CANDIDATES)
    best_cosine = semantic[0][1] if semantic else 0.0
    if not keyword and best_cosine < SEMANTIC_FLOOR:
        return SearchResponse(query=query.text, mode=query.mode, results=(), weak=True)
    if query.mode is Mode.KEYWORD:
        ranked = keyword
    elif query.mode is Mode.SEMANTIC:
        ranked = semantic
    else:
        ranked = score_fusion(keyword, feedback_hits(backend, vector.result(), keyword,
                                                     query.filters) or semantic)
    matched, capped = matching_chunks(keyword, semantic)
    passages = backend.passages(list(dict.fromkeys([chunk_id for chunk_id, _ in ranked] + matched)))
    if query.mode is Mode.HYBRID:
        ranked = repeat_decay(document_bonus(ranked, passages), passages)
    chosen = spread_over_documents(ranked, passages, query.limit)
    results = tuple(result(rank, score, passages[chunk_id], terms)
                    for rank, (chunk_id, score) in enumerate(chosen, start=1))
    documents, facets = match_facets(backend, (passages[c] for c in matched if c in passages))
    return SearchResponse(query=query.text, mode=query.mode, results=results,
                          matched_documents=documents, facets=facets, matches_capped=capped)


def expanded_query(vector: np.ndarray, feedback: np.ndarray,
                   weight: float = FEEDBACK_WEIGHT) -> np.ndarray:
    """The query's vector plus `weight` times the mean of the feedback vectors, unit length."""
    moved = np.asarray(vector, dtype=np.float32) + weight * feedback.mean(axis=0)
    norm = float(np.linalg.norm(moved))
    return (moved / norm if norm else moved).astype(np.float32)


def feedback_hits(backend: SearchBackend, vector: np.ndarray, keyword: list[tuple[int, float]],
                  filters: Filters | None) -> list[tuple[int, float]]:
    """The semantic hits of the query moved toward the keyword ranker's first passages (see
    FEEDBACK_PASSAGES); empty when there are none to learn from."""
    feedback = backend.chunk_vectors([chunk_id for chunk_id, _ in keyword[:FEEDBACK_PASSAGES]])
    if not len(feedback):
        return []
    return backend.semantic_hits(expanded_query(vector, feedback), filters, CANDIDATES)


def matching_chunks(keyword: list[tuple[int, float]],
                    semantic: list[tuple[int, float]]) -> tuple[list[int], bool]:
    """The passages that match the query, and whether there may be more than these.

    A match is every keyword hit (a passage holding a query word; in hybrid mode, one of the
    words hybrid scores, see POSTINGS_LIMIT) plus every semantic hit whose cosine is at or above
    SEMANTIC_FLOOR: the nearest neighbours below it are the closest of the unrelated, and
    counting them would make every query match most of the store. Only the rankers of the mode
    in use ran, so keyword mode counts keyword hits alone and semantic mode semantic hits alone.
    Each ranker returns at most CANDIDATES passages: when one returned that many (the semantic
    one with its last still above the floor), more passages may match than were counted."""
    close = [chunk_id for chunk_id, cosine in semantic if cosine >= SEMANTIC_FLOOR]
    capped = len(keyword) >= CANDIDATES or len(close) >= CANDIDATES
    return list(dict.fromkeys([chunk_id for chunk_id, _ in keyword] + close)), capped


def match_facets(backend: SearchBackend, matched: Iterable[Passage]) -> tuple[int, Facets]:
    """How many distinct documents the matched passages come from, and those documents counted
    by authority, doc_type, committee, year of their date, and kind of fact they hold."""
    documents: dict[str, Passage] = {}
    for passage in matched:
        documents.setdefault(passage.chunk.document_id, passage)
    kinds = backend.fact_kinds(sorted(documents)) if documents else {}
    counts: dict[str, Counter[str]] = {f.name: Counter() for f in fields(Facets)}
    for document_id, p in documents.items():
        for name, value in (("authority", p.authority), ("doc_type", p.doc_type),
                            ("committee", p.committee), ("year", p.date[:4] if p.date else None)):
            if value:
                counts[name][value] += 1
        counts["fact_type"].update(kinds.get(document_id, ()))
    return len(documents), Facets(**{
        name: tuple(FacetCount(value, n) for value, n in
                    sorted(counter.items(), key=lambda item: (-item[1], item[0])))
        for name, counter in counts.items()})


def spread_over_documents(ranked: list[tuple[int, float]], passages: dict[int, Passage],
                          limit: int, per_document: int = PER_DOCUMENT) -> list[tuple[int, float]]:
    """The best `limit` hits with at most `per_document` from any one document, then, if the
    page is not full, the best of the rest in their order."""
    taken: list[tuple[int, float]] = []
    held: list[tuple[int, float]] = []
    per_doc: dict[str, int] = {}
    for hit in ranked:
        passage = passages.get(hit[0])
        if passage is None:
            continue
        doc = passage.chunk.document_id
        if per_doc.get(doc, 0) < per_document:
            per_doc[doc] = per_doc.get(doc, 0) + 1
            taken.append(hit)
        else:
            held.append(hit)
        if len(taken) >= limit:
            break
    return taken + held[:limit - len(taken)]


def result(rank: int, score: float, passage: Passage, terms: list[str]) -> SearchResult:
    chunk = passage.chunk
    return SearchResult(
        rank=rank, score=round(float(score), 4), document_id=chunk.document_id,
        source=passage.source, title=passage.title, doc_type=passage.doc_type,
        authority=passage.authority, date=passage.date, page=chunk.page,
        paragraph=chunk.paragraph, text=chunk.text, snippet=make_snippet(chunk.text, terms),
        committee=passage.committee, start=chunk.start, end=chunk.end)
