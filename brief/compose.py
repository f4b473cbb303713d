"""Compose a briefing note on a topic from the store: what the papers say, each statement cited.

The material is chosen robustly, not from one extractor's view: the passages that semantic search
finds close to the topic (cosine at or above the search relevance floor) define the scope; their
sentences feed the summary (MMR over sentence embeddings) and the risks; the facts extracted from
those papers are kept where they sit inside a relevant passage (and a paper's own dates always).
Every quote is checked against the paragraph it cites before it goes in.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

import numpy as np

from extract.facts import DateFact, DecisionFact, Fact, MoneyFact, PersonFact
from search.embeddings import Embedder
from search.engine import SEMANTIC_FLOOR
from search.model import Filters, Mode, SearchQuery, SearchResult
from search.store import Store

from .citations import CitationBook, Paper, Paragraph, load_paper
from .model import (Briefing, DecisionItem, KeyFigure, PersonItem, RiskItem, SummaryPoint,
                    TimelineEvent)
from .selection import distinct, mmr
from .sentences import Sentence, clip_around, is_prose, plain, split_sentences
from .wording import long_date

MIN_PASSAGES = 3  # fewer relevant passages than this and the note says there is too little
PASSAGES = 100  # how many passages semantic search is asked for
SUMMARY_POINTS = 5
MIN_WORDS = 6  # shorter sentences are neither summary points nor risks, so are not embedded
SENTENCE_FLOOR = 0.35  # a summary sentence must be at least this close to the topic
MAX_FIGURES = 20
MAX_DECISIONS = 12
MAX_TIMELINE = 20
MAX_PEOPLE = 15
MAX_RISKS = 8
PAPER_DATE_ROLES = ("meeting", "decision")  # dates that date the paper itself: always in scope
RISK_ROLES = ("deadline", "funding_end")
TIMELINE_ROLES = ("decision", "meeting", "funding_end", "deadline", "effective")  # kept first
RISK_CUE = re.compile(
    r"\b(?<!at )(risks?|concerns?|concerned|pressures?|deadlines?|overspen\w*|shortfalls?|cliff.edge|"
    r"time.limited|uncertain\w*|ends?|ending|until|expir\w*|fragile|insufficient|"
    r"rising costs?|escalating costs?)\b", re.IGNORECASE)
STRONG_CUE = re.compile(r"risk|concern|deadline|overspen|shortfall|cliff|time.limited|expir",
                        re.IGNORECASE)
# risk sentences rank by relevance plus these: a cited end-of-funding or deadline date weighs most
DATE_CUE_BONUS = 0.2
RISK_FLOOR = 0.28  # a risk sentence without such a date must be at least this close to the topic
FACT_BONUS = 0.1  # summary sentences that state an extracted figure or date rank this much higher
STRONG_CUE_BONUS = 0.1


@dataclass(frozen=True)
class Candidate:
    """A sentence of a relevant passage."""

    paper: Paper
    paragraph: Paragraph
    sentence: Sentence


def compose_briefing(store: Store, topic: str, authority: str | None = None,
                     since: str | None = None, today: date | None = None,
                     embedder: Embedder | None = None) -> Briefing:
    topic = " ".join(topic.split())
    if not topic:
        raise ValueError("the topic is empty")
    prepared = (today or date.today()).isoformat()
    header = dict(topic=topic, title=f"Briefing note: {topic}", prepared_on=prepared,
                  authority=authority, since=since)
    hits = relevant_passages(store, topic, Filters(authority=authority, since=since))
    if len(hits) < MIN_PASSAGES:
        return Briefing(enough=False, relevant_passages=len(hits),
                        message=too_little_message(topic, len(hits), authority, since), **header)
    embedder = embedder or getattr(store, "embedder", None) or Embedder()
    papers = {pid: paper for pid in dict.fromkeys(h.document_id for h in hits)
              if (paper := load_paper(store, pid)) is not None}
    scope = in_scope_paragraphs(hits, papers)
    candidates = passage_sentences(hits, papers)
    vectors = sentence_vectors(embedder, [c.sentence.text for c in candidates])
    relevance = vectors @ embedder.embed_query(topic)
    facts = [(papers[doc_id], fact) for doc_id in papers for _, fact in
             store.facts(document_id=doc_id)]
    book = CitationBook()
    summary = summary_points(candidates, vectors, relevance, facts, book)
    figures = key_figures(facts, scope, book)
    decisions = decision_items(facts, scope, book, embedder)
    timeline = timeline_events(facts, scope, book)
    people = person_items(facts, scope, book)
    risks = risk_items(candidates, vectors, relevance, facts, book)
    cited = {s.document_id for s in book.sources}
    dates = sorted(d for p in papers.values() if p.id in cited and (d := p.date))
    return Briefing(enough=True, relevant_passages=len(hits), papers=len(cited),
                    period_from=dates[0] if dates else None,
                    period_to=dates[-1] if dates else None, summary=summary, figures=figures,
                    decisions=decisions, timeline=timeline, people=people, risks=risks,
                    sources=tuple(book.sources), **header)


_VECTORS: "OrderedDict[tuple[str, str], np.ndarray]" = OrderedDict()
_VECTORS_LOCK = threading.Lock()
VECTOR_CACHE = 20000  # sentences whose vectors are kept between notes (about 30 MB)


def sentence_vectors(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """Embeddings of the sentences, reusing those of earlier notes in this process: the same
    papers are briefed on again and again, and embedding is the slow step."""
    name = getattr(embedder, "name", "")
    with _VECTORS_LOCK:
        known = {t: _VECTORS[(name, t)] for t in texts if (name, t) in _VECTORS}
    missing = list(dict.fromkeys(t for t in texts if t not in known))
    if missing:
        fresh = embedder.embed(missing)
        with _VECTORS_LOCK:
            for text, vector in zip(missing, fresh):
                _VECTORS[(name, text)] = known[text] = vector
            while len(_VECTORS) > VECTOR_CACHE:
                _VECTORS.popitem(last=False)
    if not texts:
        return np.zeros((0, getattr(embedder, "dimension", 384)), dtype=np.float32)
    return np.vstack([known[t] for t in texts])


def relevant_passages(store: Store, topic: str, filters: Filters) -> list[SearchResult]:
    """Passages whose cosine to the topic reaches the search engine's relevance floor."""
    response = store.search(SearchQuery(text=topic, mode=Mode.SEMANTIC, limit=PASSAGES,
                                        filters=filters))
    return [r for r in response.results if r.score >= SEMANTIC_FLOOR and r.start is not None]


def too_little_message(topic: str, found: int, authority: str | None, since: str | None) -> str:
    where = "".join([f" of {authority}" if authority else "", f" dated from {long_date(since)}" if since else ""])
    passages = "passage comes" if found == 1 else "passages come"
    return (f"There is too little in the papers{where} to brief on \u201c{topic}\u201d: {found} "
            f"{passages} close enough to the topic, and a note needs at least {MIN_PASSAGES}.")


def in_scope_paragraphs(hits: list[SearchResult], papers: dict[str, Paper]) -> set[tuple[str, int, int]]:
    scope: set[tuple[str, int, int]] = set()
    for hit in hits:
        paper = papers.get(hit.document_id)
        if paper is not None:
            scope.update((paper.id, p.page, p.paragraph) for p in paper.within(hit.start, hit.end))
    return scope


def passage_sentences(hits: list[SearchResult], papers: dict[str, Paper]) -> list[Candidate]:
    seen: set[tuple[str, int, int]] = set()
    out: list[Candidate] = []
    for hit in hits:
        paper = papers.get(hit.document_id)
        if paper is None:
            continue
        for paragraph in paper.within(hit.start, hit.end):
            key = (paper.id, paragraph.page, paragraph.paragraph)
            if key in seen or paragraph.kind == "heading":
                continue
            seen.add(key)
            out.extend(Candidate(paper, paragraph, s) for s in split_sentences(paragraph.text)
                       if len(s.text.split()) >= MIN_WORDS and "|" not in s.text)
    return out


def summary_points(candidates: list[Candidate], vectors: np.ndarray, relevance: np.ndarray,
                   facts: list[tuple[Paper, Fact]], book: CitationBook) -> tuple[SummaryPoint, ...]:
    """Up to SUMMARY_POINTS sentences by MMR; a sentence stating an extracted figure or date
    counts as a little more relevant, since it carries the substance of a point."""
    stated = {(p.id, plain(f.text)) for p, f in facts if isinstance(f, (MoneyFact, DateFact))}
    pool = [i for i, c in enumerate(candidates)
            if is_prose(c.sentence.text) and relevance[i] >= SENTENCE_FLOOR]
    weight = np.array([relevance[i] + (FACT_BONUS if any(
        pid == candidates[i].paper.id and t in plain(candidates[i].sentence.text)
        for pid, t in stated) else 0.0) for i in pool], dtype=np.float32)
    picked = mmr(weight, vectors[pool], SUMMARY_POINTS)
    points = []
    for j in picked:
        c = candidates[pool[j]]
        cite = book.cite(c.paper, c.paragraph, c.sentence.text)
        points.append(SummaryPoint(c.sentence.text, cite, round(float(relevance[pool[j]]), 4)))
    return tuple(points)


def _place(paper: Paper, fact: Fact, scope: set, always: bool = False) -> Paragraph | None:
    """The paragraph that holds the fact's text, if it lies in scope (or `always`)."""
    found = paper.locate(fact.text, fact.location)
    if found is None or not (always or (paper.id, found.page, found.paragraph) in scope):
        return None
    return found


def sentence_holding(paragraph: Paragraph, text: str, offset: int | None = None) -> str:
    """The sentence of the paragraph that holds `text` (the one at `offset` if that does),
    clipped around it when long."""
    sentences = split_sentences(paragraph.text) or [Sentence(paragraph.text, 0, len(paragraph.text))]
    holding = [s for s in sentences if plain(text).lower() in plain(s.text).lower()]
    if offset is not None:
        local = offset - paragraph.start
        at = [s for s in holding if s.start <= local < s.end]
        holding = at or holding
    sentence = holding[0].text if holding else paragraph.text
    return clip_around(sentence, text)


def key_figures(facts: list[tuple[Paper, Fact]], scope: set, book: CitationBook) -> tuple[KeyFigure, ...]:
    """Money facts inside relevant passages, each once per paper (and once where two papers
    carry the same sentence), in the order of the papers' dates; undated papers last."""
    seen: set[tuple] = set()
    found: list[tuple[Paper, MoneyFact, Paragraph, str]] = []
    for paper, fact in facts:
        if not isinstance(fact, MoneyFact) or fact.amount is None:
            continue
        paragraph = _place(paper, fact, scope)
        if paragraph is None:
            continue
        quote = sentence_holding(paragraph, fact.text, fact.location.start if fact.location else None)
        keys = {(paper.id, fact.amount, fact.per, fact.fiscal_year),
                (fact.amount, fact.per, _letters(quote))}
        if keys & seen:
            continue
        seen.update(keys)
        found.append((paper, fact, paragraph, quote))
    found.sort(key=lambda item: item[0].date or "9999")
    return tuple(KeyFigure(
        quote=quote, cite=book.cite(paper, paragraph, quote), amount_text=fact.text,
        amount=fact.amount, currency=fact.currency, per=fact.per, qualifier=fact.qualifier,
        fiscal_year=fact.fiscal_year, purpose=fact.purpose, authority=paper.document.authority,
        date=paper.date, period=fact.fiscal_year or paper.date)
        for paper, fact, paragraph, quote in found[:MAX_FIGURES])


def _letters(text: str) -> str:
    """Text reduced to its letters and digits, so near-identical copies compare equal."""
    return re.sub(r"[\W_]+", "", text.lower())


def _paper_date_fact(facts: list[tuple[Paper, Fact]], paper: Paper,
                     value: str | None) -> DateFact | None:
    for role in PAPER_DATE_ROLES:
        for p, fact in facts:
            if p is paper and isinstance(fact, DateFact) and fact.role == role and \
                    (value is None or fact.value == value):
                return fact
    return None


def decision_items(facts: list[tuple[Paper, Fact]], scope: set, book: CitationBook,
                   embedder: Embedder) -> tuple[DecisionItem, ...]:
    chosen: list[tuple[Paper, DecisionFact, Paragraph]] = []
    for paper, fact in facts:
        if isinstance(fact, DecisionFact) and not fact.procedural:
            paragraph = _place(paper, fact, scope)
            if paragraph is not None:
                chosen.append((paper, fact, paragraph))
    if not chosen:
        return ()
    vectors = sentence_vectors(embedder, [plain(f.text) for _, f, _ in chosen])
    out = []
    for i in distinct(vectors, list(range(len(chosen))))[:MAX_DECISIONS]:
        paper, fact, paragraph = chosen[i]
        quote = clip_around(fact.text.strip(), fact.text.strip()[:40], limit=600)
        cite = book.cite(paper, paragraph, quote)
        date_fact = _paper_date_fact(facts, paper, paper.date)
        date_quote = date_cite = None
        if date_fact is not None:
            where = paper.locate(date_fact.text, date_fact.location)
            if where is not None:
                date_quote, date_cite = date_fact.text, book.cite(paper, where, date_fact.text)
        out.append(DecisionItem(
            quote=quote, cite=cite, subject=fact.subject, decision_maker=fact.decision_maker,
            outcome=fact.outcome.value if fact.outcome else None,
            authority=paper.document.authority,
            date=(date_fact.value if date_fact else None) or paper.date,
            date_quote=date_quote, date_cite=date_cite))
    return tuple(out)


def timeline_events(facts: list[tuple[Paper, Fact]], scope: set,
                    book: CitationBook) -> tuple[TimelineEvent, ...]:
    """Dated events, one per paper and date (the paper's own decision or meeting date first,
    then ends and deadlines), and once where two papers carry the same sentence."""
    found: list[tuple[Paper, DateFact, Paragraph, str]] = []
    seen: set[tuple] = set()
    dated = [(p, f) for p, f in facts if isinstance(f, DateFact) and f.value]
    dated.sort(key=lambda item: TIMELINE_ROLES.index(item[1].role)
               if item[1].role in TIMELINE_ROLES else len(TIMELINE_ROLES))
    for paper, fact in dated:
        paragraph = _place(paper, fact, scope, always=fact.role in PAPER_DATE_ROLES)
        if paragraph is None:
            continue
        quote = sentence_holding(paragraph, fact.text, fact.location.start if fact.location else None)
        keys = {(paper.id, fact.value), (fact.value, _letters(quote))}
        if keys & seen:
            continue
        seen.update(keys)
        found.append((paper, fact, paragraph, quote))
    found.sort(key=lambda item: (item[1].value, item[0].document.authority or ""))
    out = []
    for paper, fact, paragraph, quote in found[:MAX_TIMELINE]:
        out.append(TimelineEvent(date=fact.value, quote=quote,
                                 cite=book.cite(paper, paragraph, quote), date_text=fact.text,
                                 role=fact.role, authority=paper.document.authority))
    return tuple(out)


def person_items(facts: list[tuple[Paper, Fact]], scope: set,
                 book: CitationBook) -> tuple[PersonItem, ...]:
    by_name: dict[str, list[tuple[Paper, PersonFact, Paragraph, str]]] = {}
    for paper, fact in facts:
        if not isinstance(fact, PersonFact) or not fact.name:
            continue
        quote = fact.name if paper.locate(fact.name, fact.location) else fact.text
        paragraph = paper.locate(quote, fact.location)
        if paragraph is None:
            continue
        header = paragraph.start < 2000 and paragraph.paragraph <= 12  # the paper's own people
        if (paper.id, paragraph.page, paragraph.paragraph) not in scope and not header:
            continue
        by_name.setdefault(fact.name, []).append((paper, fact, paragraph, quote))
    out = []
    for name, mentions in list(by_name.items())[:MAX_PEOPLE]:
        with_role = [m for m in mentions if m[1].role] or mentions
        paper, fact, paragraph, quote = with_role[0]
        authorities = tuple(dict.fromkeys(a for m in mentions if (a := m[0].document.authority)))
        out.append(PersonItem(name=name, quote=quote, cite=book.cite(paper, paragraph, quote),
                              role=fact.role,
                              councillor=any(m[1].councillor for m in mentions) or None,
                              authorities=authorities))
    return tuple(out)


def risk_items(candidates: list[Candidate], vectors: np.ndarray, relevance: np.ndarray,
               facts: list[tuple[Paper, Fact]], book: CitationBook) -> tuple[RiskItem, ...]:
    """Sentences of relevant passages that state a concern, pressure, deadline or end, and those
    holding a date the extractors marked as a deadline or the end of funding."""
    ends = {(p.id, plain(f.text)) for p, f in facts
            if isinstance(f, DateFact) and f.role in RISK_ROLES}
    cues: dict[int, str] = {}
    score: dict[int, float] = {}
    for i, c in enumerate(candidates):
        text = c.sentence.text
        date_cue = next((t for pid, t in ends if pid == c.paper.id and t in plain(text)), None)
        match = RISK_CUE.search(text)
        if date_cue or (match and relevance[i] >= RISK_FLOOR):
            cues[i] = date_cue or match.group(0)
            score[i] = (float(relevance[i]) + (DATE_CUE_BONUS if date_cue else 0.0)
                        + (STRONG_CUE_BONUS if STRONG_CUE.search(text) else 0.0))
    order = sorted(cues, key=lambda i: -score[i])
    out = []
    for i in distinct(vectors, order)[:MAX_RISKS]:
        c = candidates[i]
        quote = clip_around(c.sentence.text, cues[i])
        out.append(RiskItem(quote=quote, cite=book.cite(c.paper, c.paragraph, quote), cue=cues[i]))
    return tuple(out)
