"""The Store protocol: the one door to persisted documents, chunks, facts and their indexes.

No SQL lives outside the implementations of this protocol. SQLite (search/sqlite_store.py) is the
embedded default; a PostgreSQL implementation follows the same contract. Implementations also
provide the three candidate queries the engine ranks with (search.engine.SearchBackend:
keyword_hits, semantic_hits, passages), so ranking, fusion and snippets are written once.
"""
from __future__ import annotations

from typing import Iterable, Protocol, Sequence

from extract.facts import Extraction, Fact
from ingest.model import Document

from .model import Chunk, Filters, IngestOutcome, SearchQuery, SearchResponse, StoredDocument


class Store(Protocol):
    def add(self, document: Document, extraction: Extraction) -> IngestOutcome:
        """Store a document, its chunks, facts and index entries in one transaction.

        Storing bytes already stored (same document id) changes nothing and returns new=False.
        """

    def has_document(self, document_id: str) -> bool: ...

    def get_document(self, document_id: str, with_text: bool = False) -> StoredDocument | None: ...

    def list_documents(self, filters: Filters | None = None, limit: int = 50,
                       after: str | None = None) -> list[StoredDocument]:
        """Documents ordered by (date desc, id); `after` is the last id of the previous page."""

    def blocks(self, document_id: str) -> list[dict]:
        """The document's blocks (text, kind, page, paragraph, start, end) in reading order."""

    def chunks(self, document_id: str) -> list[Chunk]: ...

    def facts(self, document_id: str | None = None, kind: str | None = None,
              filters: Filters | None = None, limit: int | None = None,
              offset: int = 0) -> list[tuple[str, Fact]]:
        """(document_id, fact) pairs in document then position order."""

    def fact_rows(self, kind: str, filters: Filters | None = None, *, outcome: str | None = None,
                  include_procedural: bool = True, limit: int | None = None,
                  offset: int = 0) -> list[tuple[StoredDocument, Fact]]:
        """(document, fact) pairs of one kind, newest document first (date desc, id), then position.

        `outcome` keeps decisions with that outcome; `include_procedural=False` drops decisions
        marked procedural (apologies, declarations, previous minutes).
        """

    def last_modified(self) -> str | None:
        """ISO timestamp of the latest ingest (None when empty), for HTTP Last-Modified/ETag."""

    def search(self, query: SearchQuery) -> SearchResponse: ...

    def stats(self) -> dict:
        """Counts of documents, chunks, facts by kind, documents by authority and doc_type."""

    def rebuild_indexes(self) -> None:
        """Rebuild derived indexes (FAISS, full text) from the stored rows."""

    def close(self) -> None: ...
