"""The SQLite store: documents, blocks, chunks (with embeddings), facts, an FTS5 keyword index,
and the FAISS cache beside it. The only module that speaks SQL to SQLite.

One connection per thread (WAL lets readers run beside the writer); writes in this process take a
lock, and `BEGIN IMMEDIATE` plus a busy timeout serialise writers across processes.
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

from extract.facts import Extraction, Fact
from ingest.model import Document

from . import engine
from .chunking import chunk_document, embedding_text, embedding_text_parts, heading_field
from .embeddings import Embedder, from_blob, shared_embedder, to_blob
from .model import Chunk, Filters, IngestOutcome, Passage, SearchQuery, SearchResponse, StoredDocument
from .schema import migrate
from .snippets import stem
from .transfer import DocumentRows, StoredChunk
from .vector_index import StoreState, VectorIndex

DB_FILE = "minutebook.sqlite3"
INDEX_DIR = "index"
# bm25() column weights for chunks_fts (title, heading, text)
BM25_WEIGHTS = (2.0, 2.0, 1.0)

_DOC_COLUMNS = ("id, source, format, pages, size_bytes, title, doc_type, authority, committee, "
                "meeting_date, decision_date, author, ingested_at")
# the chunk columns a passage needs: not the embedding BLOB (1.5 KiB a row, ~200 rows a query)
_PASSAGE_COLUMNS = ", ".join(f"c.{c}" for c in (
    "id", "document_id", "ordinal", "text", "page", "page_end", "paragraph", "paragraph_end",
    "start_char", "end_char", "heading", "context"))
_DATE = "COALESCE(d.meeting_date, d.decision_date)"
_SORT_DATE = "COALESCE(d.meeting_date, d.decision_date, '')"


class SqliteStore:
    def __init__(self, data_dir: Path, embedder: Embedder | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.data_dir / DB_FILE
        self.embedder = embedder or shared_embedder()
        self.vectors = VectorIndex(self.data_dir / INDEX_DIR, self.embedder.dimension)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._term_counts: tuple[int, int, dict[str, int]] = (-1, 0, {})  # generation, chunks, df
        self._term_counts_lock = threading.Lock()
        migrate(self._conn())

    # -- connections -----------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                   timeout=30.0)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
            with self._connections_lock:
                self._connections.append(conn)
        return conn

    def close(self) -> None:
        self.vectors.save()
        with self._connections_lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

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
            f"INSERT INTO documents ({_DOC_COLUMNS}, properties, text) "
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
            data = fact.to_dict()
            loc = fact.location
            conn.execute(
                "INSERT INTO facts (document_id, ordinal, kind, data, page, paragraph, start_char, "
                "end_char, amount, value, name, role, outcome) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document_id, ordinal, fact.kind.value, json.dumps(data, allow_nan=False),
                 loc.page if loc else None, loc.paragraph if loc else None,
                 loc.start if loc else None, loc.end if loc else None,
                 data.get("amount"), data.get("value"), data.get("name"), data.get("role"),
                 data.get("outcome")))
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

    # -- documents, blocks, chunks, facts ----------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        return self._conn().execute("SELECT 1 FROM documents WHERE id = ?",
                                    (document_id,)).fetchone() is not None

    def get_document(self, document_id: str, with_text: bool = False) -> StoredDocument | None:
        columns = _DOC_COLUMNS + (", text" if with_text else "")
        row = self._conn().execute(f"SELECT {columns} FROM documents WHERE id = ?",
                                   (document_id,)).fetchone()
        return _stored_document(row) if row else None

    def list_documents(self, filters: Filters | None = None, limit: int = 50,
                       after: str | None = None) -> list[StoredDocument]:
        where, params = _filter_sql(filters)
        if after:
            row = self._conn().execute(f"SELECT {_SORT_DATE} AS k FROM documents d WHERE id = ?",
                                       (after,)).fetchone()
            if row is not None:
                where.append(f"({_SORT_DATE} < ? OR ({_SORT_DATE} = ? AND d.id > ?))")
                params += [row["k"], row["k"], after]
        sql = (f"SELECT {_prefixed(_DOC_COLUMNS, 'd')} FROM documents d {_where(where)} "
               f"ORDER BY {_SORT_DATE} DESC, d.id LIMIT ?")
        return [_stored_document(r) for r in self._conn().execute(sql, params + [limit])]

    def blocks(self, document_id: str) -> list[dict]:
        rows = self._conn().execute(
            "SELECT text, kind, page, paragraph, start_char, end_char, level, table_header "
            "FROM blocks WHERE document_id = ? ORDER BY ordinal", (document_id,))
        return [{"text": r["text"], "kind": r["kind"], "page": r["page"],
                 "paragraph": r["paragraph"], "start": r["start_char"], "end": r["end_char"],
                 "level": r["level"], "table_header": r["table_header"]} for r in rows]

    def chunks(self, document_id: str) -> list[Chunk]:
        rows = self._conn().execute("SELECT * FROM chunks WHERE document_id = ? ORDER BY ordinal",
                                    (document_id,))
        return [_chunk(r) for r in rows]

    def document_rows(self, document_id: str) -> DocumentRows | None:
        """The document as stored, for copying it to another store (search.transfer)."""
        conn = self._conn()
        row = conn.execute(f"SELECT {_DOC_COLUMNS}, properties, text FROM documents WHERE id = ?",
                           (document_id,)).fetchone()
        if row is None:
            return None
        chunks = tuple(StoredChunk(_chunk(r), r["text_hash"], r["embedding"]) for r in conn.execute(
            "SELECT * FROM chunks WHERE document_id = ? ORDER BY ordinal", (document_id,)))
        facts = tuple(json.loads(r[0]) for r in conn.execute(
            "SELECT data FROM facts WHERE document_id = ? ORDER BY ordinal", (document_id,)))
        return DocumentRows(document=_stored_document(row), properties=json.loads(row["properties"]),
                            blocks=tuple(self.blocks(document_id)), chunks=chunks, facts=facts)

    def facts(self, document_id: str | None = None, kind: str | None = None,
              filters: Filters | None = None, limit: int | None = None,
              offset: int = 0) -> list[tuple[str, Fact]]:
        where, params = _filter_sql(filters)
        if document_id:
            where.append("f.document_id = ?")
            params.append(document_id)
        if kind:
            where.append("f.kind = ?")
            params.append(kind)
        sql = (f"SELECT f.document_id, f.data FROM facts f JOIN documents d ON d.id = f.document_id "
               f"{_where(where)} ORDER BY f.document_id, f.ordinal LIMIT ? OFFSET ?")
        rows = self._conn().execute(sql, params + [-1 if limit is None else limit, offset])
        return [(r["document_id"], Fact.from_dict(json.loads(r["data"]))) for r in rows]

    def fact_rows(self, kind: str, filters: Filters | None = None, *, outcome: str | None = None,
                  include_procedural: bool = True, limit: int | None = None,
                  offset: int = 0) -> list[tuple[StoredDocument, Fact]]:
        where, params = _filter_sql(filters)
        where.append("f.kind = ?")
        params.append(kind)
        if outcome:
            where.append("f.outcome = ?")
            params.append(outcome)
        if not include_procedural:
            where.append("COALESCE(json_extract(f.data, '$.procedural'), 0) = 0")
        sql = (f"SELECT {_prefixed(_DOC_COLUMNS, 'd')}, f.data AS fact_data FROM facts f "
               f"JOIN documents d ON d.id = f.document_id {_where(where)} "
               f"ORDER BY {_SORT_DATE} DESC, d.id, f.ordinal LIMIT ? OFFSET ?")
        rows = self._conn().execute(sql, params + [-1 if limit is None else limit, offset])
        return [(_stored_document(r), Fact.from_dict(json.loads(r["fact_data"]))) for r in rows]

    def last_modified(self) -> str | None:
        return self._conn().execute("SELECT MAX(ingested_at) FROM documents").fetchone()[0]

    def stats(self) -> dict:
        conn = self._conn()

        def counts(sql: str) -> dict[str, int]:
            return {(r[0] if r[0] is not None else "unknown"): r[1] for r in conn.execute(sql)}

        return {
            "documents": conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
            "chunks": conn.execute("SELECT COUNT(*) FROM chunks").fetchone()[0],
            "facts": conn.execute("SELECT COUNT(*) FROM facts").fetchone()[0],
            "facts_by_kind": counts("SELECT kind, COUNT(*) FROM facts GROUP BY kind ORDER BY kind"),
            "documents_by_authority": counts(
                "SELECT authority, COUNT(*) FROM documents GROUP BY authority ORDER BY authority"),
            "documents_by_doc_type": counts(
                "SELECT doc_type, COUNT(*) FROM documents GROUP BY doc_type ORDER BY doc_type"),
        }

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
               f"{_where(where)} ORDER BY rank LIMIT ?")
        return [(r[0], -r[1]) for r in self._conn().execute(sql, [match] + params + [limit])]

    def term_rows(self, terms: list[str]) -> tuple[dict[str, int], int]:
        """How many chunks hold each term's stem, from FTS5's doclists (chunks_vocab), and how
        many chunks there are.

        Kept for the store's generation: counting "council" reads its whole doclist (~2 ms at
        100k chunks), and the counts only change when a document is added."""
        conn = self._conn()
        total, known = self._term_counts_for(int(self._meta("generation", conn) or 0), conn)
        stems = {t: stem(t) for t in terms}
        missing = sorted(set(stems.values()) - known.keys())
        if missing:
            found = dict(conn.execute(f"SELECT term, doc FROM chunks_vocab WHERE term IN "
                                      f"({', '.join('?' * len(missing))})", missing).fetchall())
            known.update({s: int(found.get(s, 0)) for s in missing})
        return {t: known.get(s, 0) for t, s in stems.items()}, total

    def _term_counts_for(self, generation: int,
                         conn: sqlite3.Connection) -> tuple[int, dict[str, int]]:
        with self._term_counts_lock:
            if self._term_counts[0] != generation:
                total = conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
                self._term_counts = (generation, total, {})
            return self._term_counts[1], self._term_counts[2]

    def semantic_hits(self, vector: np.ndarray, filters: Filters | None,
                      limit: int) -> list[tuple[int, float]]:
        """(chunk id, cosine) of the nearest chunks that pass the filters."""
        self._ensure_vectors()
        allowed = None
        if _filter_sql(filters)[0]:
            where, params = _filter_sql(filters)
            allowed = [r[0] for r in self._conn().execute(
                f"SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id "
                f"{_where(where)}", params)]
        return self.vectors.search(vector, limit, allowed)

    def passages(self, chunk_ids: Iterable[int]) -> dict[int, Passage]:
        ids = list(chunk_ids)
        out: dict[int, Passage] = {}
        for batch in _batches(ids, 500):
            rows = self._conn().execute(
                f"SELECT {_PASSAGE_COLUMNS}, d.source, d.title, d.doc_type, d.authority, "
                f"d.committee, "
                f"{_DATE} AS date FROM chunks c JOIN documents d ON d.id = c.document_id "
                f"WHERE c.id IN ({','.join('?' * len(batch))})", batch)
            for r in rows:
                out[r["id"]] = Passage(chunk_id=r["id"], chunk=_chunk(r), source=r["source"],
                                       title=r["title"], doc_type=r["doc_type"],
                                       authority=r["authority"], committee=r["committee"],
                                       date=r["date"])
        return out

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


# -- row mapping and SQL pieces ------------------------------------------------------------

def _stored_document(row: sqlite3.Row) -> StoredDocument:
    keys = row.keys()
    return StoredDocument(
        id=row["id"], source=row["source"], format=row["format"], pages=row["pages"],
        size_bytes=row["size_bytes"], title=row["title"], doc_type=row["doc_type"],
        authority=row["authority"], committee=row["committee"], meeting_date=row["meeting_date"],
        decision_date=row["decision_date"], author=row["author"], ingested_at=row["ingested_at"],
        text=row["text"] if "text" in keys else None)


def _chunk(row: sqlite3.Row) -> Chunk:
    return Chunk(document_id=row["document_id"], ordinal=row["ordinal"], text=row["text"],
                 page=row["page"], page_end=row["page_end"], paragraph=row["paragraph"],
                 paragraph_end=row["paragraph_end"], start=row["start_char"], end=row["end_char"],
                 heading=row["heading"], context=row["context"])


def _filter_sql(filters: Filters | None) -> tuple[list[str], list]:
    """WHERE clauses on documents aliased `d`."""
    where: list[str] = []
    params: list = []
    if filters is None:
        return where, params
    for column in ("authority", "committee", "doc_type"):
        value = getattr(filters, column)
        if value:
            where.append(f"d.{column} = ? COLLATE NOCASE")
            params.append(value)
    if filters.since:
        where.append(f"{_DATE} >= ?")
        params.append(filters.since)
    if filters.until:
        where.append(f"{_DATE} <= ?")
        params.append(filters.until)
    if filters.fact_type:
        where.append("EXISTS (SELECT 1 FROM facts ff WHERE ff.document_id = d.id AND ff.kind = ?)")
        params.append(filters.fact_type)
    return where, params


def _where(clauses: list[str]) -> str:
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def _prefixed(columns: str, alias: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in columns.split(","))


def _batches(items: Sequence, size: int) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
