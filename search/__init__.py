"""search: the store (SQLite, or PostgreSQL with pgvector), chunking, keyword and semantic indexes,
and the search engine over them. Nothing is opened or loaded on import."""
from __future__ import annotations

from pathlib import Path

from .model import (Chunk, Filters, IngestOutcome, Mode, Passage, SearchQuery, SearchResponse,
                    SearchResult, StoredDocument)
from .store import Store


class StoreUnavailable(NotImplementedError):
    """The configured store cannot be used (a server that does not answer, a database without
    pgvector); str() is a one-line message for the user."""


def open_store(data_dir: Path, url: str | None = None, model_cache: Path | None = None) -> Store:
    """The store for the settings: SQLite in `data_dir`, unless `url` names a server store.

    `model_cache` is where the exported embedding model is kept between runs
    (`Settings.model_cache_dir`); without it each process exports its own copy."""
    from .embeddings import shared_embedder

    embedder = shared_embedder(model_cache)
    if url and url.startswith(("postgresql://", "postgres://")):
        from .pg_store import PgStore

        return PgStore(url, embedder=embedder)
    if url and not url.startswith("sqlite:"):
        raise ValueError(f"unknown store URL {url!r}: expected a postgresql:// URL or none")
    if url and url != "sqlite:":
        data_dir = Path(url.removeprefix("sqlite:"))  # sqlite:DIR names the folder
    from .sqlite_store import SqliteStore

    return SqliteStore(Path(data_dir), embedder=embedder)


__all__ = ["Chunk", "Filters", "IngestOutcome", "Mode", "Passage", "SearchQuery", "SearchResponse",
           "SearchResult", "Store", "StoreUnavailable", "StoredDocument", "open_store"]
