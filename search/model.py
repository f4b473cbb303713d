"""Typed records of the search stage: queries, filters, results, and the stored rows."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Mode(str, Enum):
    KEYWORD = "keyword"
    SEMANTIC = "semantic"
    HYBRID = "hybrid"


@dataclass(frozen=True)
class Filters:
    authority: str | None = None
    committee: str | None = None
    doc_type: str | None = None
    since: str | None = None  # ISO date, inclusive, on the document's date
    until: str | None = None
    fact_type: str | None = None  # only documents that have a fact of this kind


@dataclass(frozen=True)
class SearchQuery:
    text: str
    mode: Mode = Mode.HYBRID
    limit: int = 10
    filters: Filters = field(default_factory=Filters)


@dataclass(frozen=True)
class Chunk:
    """A passage that search indexes: one or more blocks that belong together."""

    document_id: str
    ordinal: int  # position within the document
    text: str
    page: int
    page_end: int
    paragraph: int
    paragraph_end: int
    start: int  # offsets in Document.text
    end: int
    heading: str | None = None  # the heading the passage sits under
    context: str | None = None  # text that gives it meaning but lies elsewhere: a table's header row


@dataclass(frozen=True)
class Passage:
    """A stored chunk with the fields of its document that a search result shows."""

    chunk_id: int
    chunk: Chunk
    source: str
    title: str | None
    doc_type: str | None
    authority: str | None
    committee: str | None
    date: str | None  # the meeting date, else the decision date


@dataclass(frozen=True)
class SearchResult:
    rank: int
    score: float
    document_id: str
    source: str
    title: str | None
    doc_type: str | None
    authority: str | None
    date: str | None
    page: int
    paragraph: int
    text: str
    snippet: str  # HTML: escaped text with <mark> around matched terms
    committee: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class FacetCount:
    """How many matching documents have this value."""

    value: str
    count: int


@dataclass(frozen=True)
class Facets:
    """Matching documents counted by each property a search can be filtered on.

    Each tuple runs from the most documents to the fewest, then by value. A document without a
    value (no committee, no date) is counted under no value of that facet; `fact_type` counts the
    documents holding at least one fact of each kind, so a document counts under several kinds.
    """

    authority: tuple[FacetCount, ...] = ()
    doc_type: tuple[FacetCount, ...] = ()
    committee: tuple[FacetCount, ...] = ()
    year: tuple[FacetCount, ...] = ()  # of the document's date (meeting, else decision)
    fact_type: tuple[FacetCount, ...] = ()


@dataclass(frozen=True)
class SearchResponse:
    query: str
    mode: Mode
    results: tuple[SearchResult, ...]
    weak: bool = False  # true when nothing passed the relevance floor
    # Counted over every match, not just the returned page (search.engine.matching_chunks says
    # what matches): how many distinct documents, and how they fall by each facet.
    matched_documents: int = 0
    facets: Facets = field(default_factory=Facets)
    # True when a ranker returned as many candidates as it may, so more passages may match than
    # were counted: matched_documents and the facet counts are then lower bounds.
    matches_capped: bool = False

    def to_dict(self) -> dict:
        from dataclasses import asdict, fields

        return {
            "query": self.query,
            "mode": self.mode.value,
            "weak": self.weak,
            "matched_documents": self.matched_documents,
            "matches_capped": self.matches_capped,
            "facets": {f.name: [asdict(c) for c in getattr(self.facets, f.name)]
                       for f in fields(self.facets)},
            "results": [asdict(r) for r in self.results],
        }


@dataclass(frozen=True)
class StoredDocument:
    """A document row as the store returns it: the ingest record's fields plus extracted metadata."""

    id: str
    source: str
    format: str
    pages: int
    size_bytes: int
    title: str | None
    doc_type: str
    authority: str | None
    committee: str | None
    meeting_date: str | None
    decision_date: str | None
    author: str | None
    ingested_at: str
    text: str | None = None


@dataclass(frozen=True)
class IngestOutcome:
    """What storing one document did."""

    document_id: str
    new: bool  # False when the same bytes were already stored
    chunks: int = 0
    facts_by_kind: dict[str, int] = field(default_factory=dict)
