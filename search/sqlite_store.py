"""The SQLite store: documents, blocks, chunks (with embeddings), facts, an FTS5 keyword index,
and the FAISS cache beside it. The only module that connects to SQLite; the reads of documents,
blocks, chunks and facts are search.document_reads', the same SQL as the PostgreSQL store's but for
the SQLITE dialect.

One connection per thread (WAL lets readers run beside the writer), closed when its thread ends;
writes in this process take a lock, and `BEGIN IMMEDIATE` plus a busy timeout serialise writers
across processes.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import numpy as np

from extract.facts import Extraction, Fact, FactKind
from ingest.model import Document

from . import engine
from .chunking import chunk_document, embedding_text, embedding_text_parts, heading_field
from .embeddings import Embedder, from_blob, shared_embedder, to_blob
from .document_reads import DocumentReads
from .filter_sql import filter_sql, where_clause
from .model import Chunk, Filters, IngestOutcome, Passage, SearchQuery, SearchResponse
from .rows import (DOC_COLUMNS, FACT_COLUMNS, PASSAGE_COLUMNS, fact_values, to_chunk, to_passage,
                   to_stored_document)
from .schema import migrate
from .snippets import stem
from .sql_dialect import Dialect
from .term_counts import TermCounts
from .thread_connections import ThreadConnections
from .transfer import DocumentRows, StoredChunk
from .vector_index import StoreState, VectorIndex

DB_FILE = "minutebook.sqlite3"
INDEX_DIR = "index"
# bm25() column weights for chunks_fts (title, heading, text)
BM25_WEIGHTS = (2.0, 2.0, 1.0)

SQLITE = Dialect(
    placeholder="?",
    equal_ignoring_case="{column} = {p} COLLATE NOCASE",  # ASCII case folding
    no_limit=-1,
    not_procedural="COALESCE(json_extract(f.data, '$.procedural'), 0) = 0",
    read_json=json.loads,  # JSON columns are TEXT
)  # text parameters as they are (SQLite text may hold NUL), in SQLite's own byte order


class SqliteStore(DocumentReads):
    dialect = SQLITE

    def __init__(self, data_dir: Path, embedder: Embedder | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.data_dir / DB_FILE
        self.embedder = embedder or shared_embedder()
        self.vectors = VectorIndex(self.data_dir / INDEX_DIR, self.embedder.dimension)
        self._connections: ThreadConnections[sqlite3.Connection] = ThreadConnections(self._connect)
        self._write_lock = threading.Lock()
        self._term_counts = TermCounts()  # by stem, for the store's generation
        migrate(self._conn())

    # -- connections -----------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        return self._connections.get()

    def _connect(self) -> sqlite3.Connection:
        # check_same_thread=False: the thread that ends or closes the store closes it
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                               timeout=30.0)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    def close(self) -> None:
        self.vectors.save()
        self._connections.close_all()

    def __enter__(self) -> "SqliteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def add(self, document: Document, extraction: Extraction) -> IngestOutcome:
        if self.has_document(document.id):
            return IngestOutcome(document_id=document.id, new=False)
        meta = extraction.meta
        title = meta.title or document.title_hint
        chunks = chunk_document(document)
        texts = [embedding_text(c, title) for c in chunks]
        hashes = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
        vectors = self._embeddings_for(texts, hashes)
        conn = self._conn()
        with self._write_lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if conn.execute("SELECT 1 FROM documents WHERE id = ?", (document.id,)).fetchone():
                    conn.execute("ROLLBACK")
                    return IngestOutcome(document_id=document.id, new=False)
                self._insert_document(conn, document, extraction)
                self._insert_blocks(conn, document)
                chunk_ids = self._insert_chunks(conn, chunks, title, hashes, vectors)
                by_kind = self._insert_facts(conn, document.id, extraction.facts)
                generation = self._bump_generation(conn)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        self.vectors.add(np.array(chunk_ids, dtype=np.int64), vectors, generation)
        return IngestOutcome(document_id=document.id, new=True, chunks=len(chunks),
                             facts_by_kind=by_kind)

    def _embeddings_for(self, texts: list[str], hashes: list[str]) -> np.ndarray:
        """Vectors for the texts, reusing any stored for the same text by the same model."""
        known: dict[str, np.ndarray] = {}
        if hashes and self._meta("embedding_model") == self.embedder.name:
            for chunk in _batches(sorted(set(hashes)), 500):
                rows = self._conn().execute(
                    f"SELECT text_hash, embedding FROM chunks WHERE embedding IS NOT NULL AND "
                    f"text_hash IN ({','.join('?' * len(chunk))})", chunk)
                known.update((r["text_hash"], from_blob(r["embedding"])) for r in rows)
        missing = [i for i, h in enumerate(hashes) if h not in known]
        fresh = self.embedder.embed([texts[i] for i in missing])
        out = np.zeros((len(texts), self.embedder.dimension), dtype=np.float32)
        for row, i in enumerate(missing):
            out[i] = fresh[row]
        for i, h in enumerate(hashes):
            if h in known:
                out[i] = known[h]
        return out

    def _insert_document(self, conn: sqlite3.Connection, document: Document,
                         extraction: Extraction) -> None:
        meta = extraction.meta
        conn.execute(
            f"INSERT INTO documents ({DOC_COLUMNS}, properties, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (document.id, document.source, document.format.value, document.pages,
             document.size_bytes, meta.title or document.title_hint, meta.doc_type.value,
             meta.authority, meta.committee, meta.meeting_date, meta.decision_date,
             meta.author or document.author_hint, datetime.now(timezone.utc).isoformat(),
             json.dumps(document.properties), document.text))

    def _insert_blocks(self, conn: sqlite3.Connection, document: Document) -> None:
        conn.executemany(
            "INSERT INTO blocks (document_id, ordinal, kind, page, paragraph, start_char, end_char, "
            "level, table_header, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(document.id, i, b.kind.value, b.page, b.paragraph, b.start, b.end, b.level,
              b.table_header, b.text) for i, b in enumerate(document.blocks)])

    def _insert_chunks(self, conn: sqlite3.Connection, chunks: list[Chunk], title: str | None,
                       hashes: list[str], vectors: np.ndarray) -> list[int]:
        ids = []
        for chunk, text_hash, vector in zip(chunks, hashes, vectors):
            cur = conn.execute(
                "INSERT INTO chunks (document_id, ordinal, heading, context, text, page, page_end, "
                "paragraph, paragraph_end, start_char, end_char, text_hash, embedding) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (chunk.document_id, chunk.ordinal, chunk.heading, chunk.context, chunk.text,
                 chunk.page, chunk.page_end, chunk.paragraph, chunk.paragraph_end, chunk.start,
                 chunk.end, text_hash, to_blob(vector)))
            ids.append(cur.lastrowid)
            conn.execute("INSERT INTO chunks_fts (rowid, title, heading, text) VALUES (?, ?, ?, ?)",
                         (cur.lastrowid, title or "", heading_field(chunk), chunk.text))
        if chunks:
            conn.execute("INSERT INTO store_meta (key, value) VALUES ('embedding_model', ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         (self.embedder.name,))
        return ids

    def _insert_facts(self, conn: sqlite3.Connection, document_id: str,
                      facts: Sequence[Fact]) -> dict[str, int]:
        by_kind: dict[str, int] = {}
        for ordinal, fact in enumerate(facts):
            conn.execute(f"INSERT INTO facts ({FACT_COLUMNS}) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         fact_values(document_id, ordinal, fact.to_dict(), _json))
            by_kind[fact.kind.value] = by_kind.get(fact.kind.value, 0) + 1
        return by_kind

    def _bump_generation(self, conn: sqlite3.Connection) -> int:
        conn.execute("UPDATE store_meta SET value = CAST(value AS INTEGER) + 1 "
                     "WHERE key = 'generation'")
        return int(self._meta("generation", conn))

    def _meta(self, key: str, conn: sqlite3.Connection | None = None) -> str | None:
        row = (conn or self._conn()).execute("SELECT value FROM store_meta WHERE key = ?",
                                             (key,)).fetchone()
        return row["value"] if row else None

    # -- documents, blocks, chunks, facts (the rest: DocumentReads) -------------------------

    def document_rows(self, document_id: str) -> DocumentRows | None:
        """The document as stored, for copying it to another store (search.transfer)."""
        conn = self._conn()
        row = conn.execute(f"SELECT {DOC_COLUMNS}, properties, text FROM documents WHERE id = ?",
                           (document_id,)).fetchone()
        if row is None:
            return None
        chunks = tuple(StoredChunk(to_chunk(r), r["text_hash"], r["embedding"]) for r in
                       conn.execute("SELECT * FROM chunks WHERE document_id = ? ORDER BY ordinal",
                                    (document_id,)))
        facts = tuple(json.loads(r[0]) for r in conn.execute(
            "SELECT data FROM facts WHERE document_id = ? ORDER BY ordinal", (document_id,)))
        return DocumentRows(document=to_stored_document(row),
                            properties=json.loads(row["properties"]),
                            blocks=tuple(self.blocks(document_id)), chunks=chunks, facts=facts)

    # -- search ----------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResponse:
        return engine.search(self, query)

    def keyword_hits(self, terms: list[str], filters: Filters | None,
                     limit: int) -> list[tuple[int, float]]:
        """(chunk id, BM25 score, higher is better) of chunks matching any of the terms."""
        match = engine.fts_match(terms)
        where, params = _filter_sql(filters)
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        if not where:  # no join before the LIMIT: 100k chunks, p50 from 170 ms down (RESULTS.md)
            sql = (f"SELECT rowid, bm25(chunks_fts, {weights}) AS rank FROM chunks_fts "
                   f"WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?")
            return [(r[0], -r[1]) for r in self._conn().execute(sql, [match, limit])]
        where.insert(0, "chunks_fts MATCH ?")
        sql = (f"SELECT c.id, bm25(chunks_fts, {weights}) AS rank FROM chunks_fts "
               f"JOIN chunks c ON c.id = chunks_fts.rowid JOIN documents d ON d.id = c.document_id "
               f"{where_clause(where)} ORDER BY rank LIMIT ?")
        return [(r[0], -r[1]) for r in self._conn().execute(sql, [match] + params + [limit])]

    def term_rows(self, terms: list[str]) -> tuple[dict[str, int], int]:
        """How many chunks hold each term's stem, from FTS5's doclists (chunks_vocab), and how
        many chunks there are.

        Kept for the store's generation: counting "council" reads its whole doclist (~2 ms at
        100k chunks), and the counts only change when a document is added."""
        conn = self._conn()
        stems = {t: stem(t) for t in terms}

        def count(missing: list[str]) -> dict[str, int]:
            return dict(conn.execute(f"SELECT term, doc FROM chunks_vocab WHERE term IN "
                                     f"({', '.join('?' * len(missing))})", missing).fetchall())

        known, total = self._term_counts.get(
            int(self._meta("generation", conn) or 0), stems.values(),
            lambda: conn.execute("SELECT count(*) FROM chunks").fetchone()[0], count)
        return {t: known.get(s, 0) for t, s in stems.items()}, total

    def semantic_hits(self, vector: np.ndarray, filters: Filters | None,
                      limit: int) -> list[tuple[int, float]]:
        """(chunk id, cosine) of the nearest chunks that pass the filters."""
        self._ensure_vectors()
        allowed = None
        if _filter_sql(filters)[0]:
            where, params = _filter_sql(filters)
            allowed = [r[0] for r in self._conn().execute(
                f"SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id "
                f"{where_clause(where)}", params)]
        return self.vectors.search(vector, limit, allowed)

    def passages(self, chunk_ids: Iterable[int]) -> dict[int, Passage]:
        ids = list(chunk_ids)
        out: dict[int, Passage] = {}
        for batch in _batches(ids, 500):
            rows = self._conn().execute(
                f"SELECT {PASSAGE_COLUMNS} FROM chunks c JOIN documents d ON d.id = c.document_id "
                f"WHERE c.id IN ({','.join('?' * len(batch))})", batch)
            out.update((r["id"], to_passage(r)) for r in rows)
        return out

    def chunk_vectors(self, chunk_ids: Iterable[int]) -> np.ndarray:
        """The stored embeddings of these chunks (search.engine.feedback_hits)."""
        ids = list(chunk_ids)
        rows = self._conn().execute(
            f"SELECT embedding FROM chunks WHERE embedding IS NOT NULL AND id IN "
            f"({','.join('?' * len(ids))})", ids).fetchall() if ids else []
        if not rows:
            return np.zeros((0, self.embedder.dimension), dtype=np.float32)
        return np.stack([from_blob(r[0]) for r in rows])

    def fact_kinds(self, document_ids: Iterable[str]) -> dict[str, frozenset[str]]:
        """The kinds of fact each document holds: one probe of facts_kind per document and kind,
        so a document with thousands of facts costs no more than one with a few."""
        ids = list(document_ids)
        if not ids:
            return {}
        out: dict[str, set[str]] = {}
        rows = self._conn().execute(
            "SELECT d.value AS document_id, k.value AS kind FROM json_each(?) d, json_each(?) k "
            "WHERE EXISTS (SELECT 1 FROM facts f WHERE f.kind = k.value AND f.document_id = d.value)",
            [json.dumps(ids), json.dumps([kind.value for kind in FactKind])])
        for r in rows:
            out.setdefault(r["document_id"], set()).add(r["kind"])
        return {document_id: frozenset(kinds) for document_id, kinds in out.items()}

    # -- indexes ---------------------------------------------------------------------------

    def rebuild_indexes(self) -> None:
        """Re-embed chunks stored by another model, then rebuild the FTS and FAISS indexes."""
        self._reembed_if_model_changed()
        with self._write_lock:
            conn = self._conn()
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("DELETE FROM chunks_fts")
                conn.execute(
                    "INSERT INTO chunks_fts (rowid, title, heading, text) "
                    "SELECT c.id, COALESCE(d.title, ''), "
                    "TRIM(COALESCE(c.heading, '') || ' ' || COALESCE(c.context, '')), c.text "
                    "FROM chunks c JOIN documents d ON d.id = c.document_id")
                conn.execute("INSERT INTO chunks_fts (chunks_fts) VALUES ('optimize')")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        self.vectors.rebuild(self._vector_state(), self._embedding_batches)

    def _reembed_if_model_changed(self) -> None:
        if self._meta("embedding_model") in (None, self.embedder.name):
            return
        rows = self._conn().execute(
            "SELECT c.id, c.heading, c.context, c.text, d.title FROM chunks c "
            "JOIN documents d ON d.id = c.document_id ORDER BY c.id").fetchall()
        with self._write_lock:
            conn = self._conn()
            conn.execute("BEGIN IMMEDIATE")
            try:
                for batch in _batches(rows, 256):
                    texts = [embedding_text_parts(r["title"], r["heading"], r["context"], r["text"])
                             for r in batch]
                    for r, t, v in zip(batch, texts, self.embedder.embed(texts)):
                        conn.execute("UPDATE chunks SET embedding = ?, text_hash = ? WHERE id = ?",
                                     (to_blob(v), hashlib.sha256(t.encode()).hexdigest(), r["id"]))
                conn.execute("UPDATE store_meta SET value = ? WHERE key = 'embedding_model'",
                             (self.embedder.name,))
                self._bump_generation(conn)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def _vector_state(self) -> StoreState:
        conn = self._conn()
        count = conn.execute("SELECT COUNT(*) FROM chunks WHERE embedding IS NOT NULL").fetchone()[0]
        return StoreState(generation=int(self._meta("generation") or 0), count=count,
                          model=self._meta("embedding_model") or self.embedder.name)

    def _ensure_vectors(self) -> None:
        # the generation is one indexed row; counting chunks scans every BLOB (~0.8 s at 100k)
        if self.vectors.is_current(int(self._meta("generation") or 0)):
            return
        self.vectors.ensure(self._vector_state(), self._embedding_batches)

    def _embedding_batches(self, after_id: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        cursor = self._conn().execute(
            "SELECT id, embedding FROM chunks WHERE id > ? AND embedding IS NOT NULL ORDER BY id",
            (after_id,))
        while rows := cursor.fetchmany(2048):
            ids = np.array([r[0] for r in rows], dtype=np.int64)
            vectors = np.vstack([from_blob(r[1]) for r in rows])
            yield ids, vectors


# -- SQL pieces ------------------------------------------------------------------------------

def _filter_sql(filters: Filters | None) -> tuple[list[str], list]:
    """WHERE clauses on documents aliased `d` (search.filter_sql)."""
    return filter_sql(filters, SQLITE)


def _json(data: dict) -> str:
    return json.dumps(data, allow_nan=False)


def _batches(items: Sequence, size: int) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
