"""The PostgreSQL store: the SQLite store's tables, with a weighted tsvector + GIN keyword index and
a pgvector HNSW (cosine) index, shared by many processes and hosts. The only module that connects
to PostgreSQL.

Ranking, fusion, the relevance floor, snippets and the per-document cap are search.engine's, the
same code the SQLite store uses; this module only supplies the candidate queries. The reads of
documents, blocks, chunks and facts are search.document_reads', the same SQL as the SQLite store's
but for the POSTGRES dialect.

Many processes may ingest the same files at once: a document's id is the SHA-256 of its bytes and
the primary key, each document is written in one transaction whose first statement is
`INSERT … ON CONFLICT (id) DO NOTHING` (a second writer of the same document waits for the first
to commit, then inserts nothing), and a transaction that still fails on a serialisation failure,
deadlock or unique violation is retried from the start.

Each thread has its own connection (autocommit; `_transaction` opens transactions), closed when
the thread ends, so a thread-per-request server holds one connection per request in flight, not
one per request ever served.
"""
from __future__ import annotations

import hashlib
import math
import random
import time
from datetime import datetime, timezone
from typing import Callable, Iterable, Sequence, TypeVar

import numpy as np
import psycopg
from psycopg import errors
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from extract.facts import Extraction, FactKind
from ingest.model import Document

from . import engine
from .chunking import chunk_document, embedding_text, embedding_text_parts
from .embeddings import Embedder, shared_embedder
from .document_reads import DocumentReads
from .filter_sql import filter_sql, where_clause
from .model import Filters, IngestOutcome, Passage, SearchQuery, SearchResponse, StoredDocument
from .pg_schema import migrate
from .rows import (CHUNK_COLUMNS, DOC_COLUMNS, FACT_COLUMNS, PASSAGE_COLUMNS, fact_values,
                   to_chunk, to_passage, to_stored_document)
from .sql_dialect import Dialect
from .term_counts import TermCounts
from .thread_connections import ThreadConnections
from .transfer import DocumentRows, StoredChunk

T = TypeVar("T")

TS_CONFIG = "english"
# ts_rank_cd weights for {D, C, B, A}: body (D) half of title (A) and heading (B), as the SQLite
# store's bm25() weights (title 2, heading 2, body 1).
RANK_WEIGHTS = "{0.5, 0.5, 1.0, 1.0}"
# ts_rank_cd normalisation 1: divide by 1 + log(length), so long passages do not win by size alone
# (BM25 in the SQLite store normalises by length too).
RANK_NORMALISATION = 1
# ts_rank_cd grows with every repeat of a word; BM25 saturates (k1): a passage saying "care" ten
# times is not ten times about care. Each term's rank r counts as r / (r + RANK_SATURATION); one
# body occurrence in a passage of usual length ranks about 0.08. Over the 64 judged queries
# (benchmarks/RESULTS.md) keyword nDCG@10 rose from 0.798 to 0.886 (0.1 and 0.2 score the same),
# hybrid from 0.844 to 0.910, beside the SQLite store's BM25 (keyword 0.906, hybrid 0.908).
RANK_SATURATION = 0.15
# HNSW candidates per query (hnsw.ef_search); never below the hits asked for. At 100k chunks
# (benchmarks/RESULTS.md) recall@10 against exact search is 0.892 at 100, 0.948 at 200, 0.970 at
# 400 and 0.986 at 800.
EF_SEARCH = 400
RETRIES = 8  # attempts of one write transaction on serialisation failure, deadlock, unique violation
RETRYABLE = (errors.SerializationFailure, errors.DeadlockDetected, errors.UniqueViolation)
CONNECT_TIMEOUT_S = 10

# A chunk's keyword vector from its row (chunks `c`) and its document's (`d`): the title weighs A,
# the heading and table header B (search.chunking.heading_field), the body D.
SEARCH_TEXT = (f"setweight(to_tsvector('{TS_CONFIG}', COALESCE(d.title, '')), 'A') || "
               f"setweight(to_tsvector('{TS_CONFIG}', concat_ws(' ', c.heading, c.context)), 'B') || "
               f"setweight(to_tsvector('{TS_CONFIG}', c.text), 'D')")
# Fills chunk_terms for the chunks of the documents matched by the condition on `c` and `d`.
_INSERT_TERMS = ("INSERT INTO chunk_terms (chunk_id, search_text) "
                 f"SELECT c.id, {SEARCH_TEXT} FROM chunks c JOIN documents d ON d.id = c.document_id ")


def describe(url: str) -> str:
    """Where a URL points, without its password: for messages."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "an unreadable postgresql:// URL"
    host = info.get("host") or "localhost"
    return f"host {host}, database {info.get('dbname') or info.get('user') or 'default'}"


def _text(value: str) -> str:
    """A value to compare with stored text. PostgreSQL text cannot hold NUL and refuses a
    parameter with one (SQLite compares it, and finds nothing); U+FFFD in its place keeps the
    value unequal to anything stored, so both stores give the same empty answer, not an error."""
    return value.replace("\x00", "\ufffd")


POSTGRES = Dialect(
    placeholder="%s",
    equal_ignoring_case="lower({column}) = lower({p})",  # Unicode case folding
    no_limit=None,
    not_procedural="COALESCE((f.data ->> 'procedural')::boolean, false) = false",
    text=_text,
    byte_order=' COLLATE "C"',  # text in SQLite's (byte) order, so both stores page alike
)  # jsonb columns arrive as Python data: read_json as is


class PgStore(DocumentReads):
    dialect = POSTGRES

    def __init__(self, url: str, embedder: Embedder | None = None, ef_search: int = EF_SEARCH) -> None:
        self.url = url
        self.embedder = embedder or shared_embedder()
        self.ef_search = ef_search
        self._connections: ThreadConnections[psycopg.Connection] = ThreadConnections(
            self._connect, usable=lambda conn: not conn.closed)
        self._migrated = False
        self._term_counts = TermCounts()  # by term, for the highest chunk id
        self._conn()  # connect and migrate now, so a bad URL fails when the store is opened

    # -- connections -----------------------------------------------------------------------

    def _conn(self) -> psycopg.Connection:
        return self._connections.get()

    def _connect(self) -> psycopg.Connection:
        from pgvector.psycopg import register_vector

        from . import StoreUnavailable

        try:
            conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row,
                                   connect_timeout=CONNECT_TIMEOUT_S,
                                   application_name="minutebook")
        except psycopg.Error as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise StoreUnavailable(f"cannot connect to PostgreSQL ({describe(self.url)}): "
                                   f"{first}") from exc
        try:
            if not self._migrated:
                migrate(conn)
                self._migrated = True
            register_vector(conn)
        except psycopg.Error as exc:
            conn.close()
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise StoreUnavailable(f"cannot prepare the PostgreSQL store ({describe(self.url)}): "
                                   f"{first} (it needs the pgvector extension: CREATE EXTENSION "
                                   f"vector)") from exc
        return conn

    def close(self) -> None:
        self._connections.close_all()

    def __enter__(self) -> "PgStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _transaction(self, work: Callable[[psycopg.Connection], T]) -> T:
        """Run `work` in one transaction, again from the start if it meets a concurrent writer."""
        conn = self._conn()
        for attempt in range(1, RETRIES + 1):
            try:
                with conn.transaction():
                    return work(conn)
            except RETRYABLE:
                if attempt == RETRIES:
                    raise
                time.sleep(random.uniform(0, 0.02 * 2 ** attempt))
        raise AssertionError("unreachable")

    # -- writing ---------------------------------------------------------------------------

    def add(self, document: Document, extraction: Extraction) -> IngestOutcome:
        if self.has_document(document.id):
            return IngestOutcome(document_id=document.id, new=False)
        meta = extraction.meta
        title = meta.title or document.title_hint
        chunks = chunk_document(document)
        texts = [embedding_text(c, title) for c in chunks]
        hashes = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
        vectors = self._embeddings_for(hashes, texts)
        stored = StoredDocument(
            id=document.id, source=document.source, format=document.format.value,
            pages=document.pages, size_bytes=document.size_bytes, title=title,
            doc_type=meta.doc_type.value, authority=meta.authority, committee=meta.committee,
            meeting_date=meta.meeting_date, decision_date=meta.decision_date,
            author=meta.author or document.author_hint,
            ingested_at=datetime.now(timezone.utc).isoformat(), text=document.text)
        rows = DocumentRows(
            document=stored, properties=document.properties,
            blocks=tuple({"text": b.text, "kind": b.kind.value, "page": b.page,
                          "paragraph": b.paragraph, "start": b.start, "end": b.end,
                          "level": b.level, "table_header": b.table_header}
                         for b in document.blocks),
            chunks=tuple(StoredChunk(c, h, v.tobytes()) for c, h, v in zip(chunks, hashes, vectors)),
            facts=tuple(f.to_dict() for f in extraction.facts))
        if not self.add_rows(rows):
            return IngestOutcome(document_id=document.id, new=False)
        by_kind: dict[str, int] = {}
        for fact in extraction.facts:
            by_kind[fact.kind.value] = by_kind.get(fact.kind.value, 0) + 1
        return IngestOutcome(document_id=document.id, new=True, chunks=len(chunks),
                             facts_by_kind=by_kind)

    def add_rows(self, rows: DocumentRows) -> bool:
        """Store a document's rows in one transaction; False if that document is already stored."""
        return self._transaction(lambda conn: self._insert(conn, rows))

    def _insert(self, conn: psycopg.Connection, rows: DocumentRows) -> bool:
        d = rows.document
        inserted = conn.execute(
            f"INSERT INTO documents ({DOC_COLUMNS}, properties, text) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (id) DO NOTHING RETURNING id",
            (d.id, d.source, d.format, d.pages, d.size_bytes, d.title, d.doc_type, d.authority,
             d.committee, d.meeting_date, d.decision_date, d.author, d.ingested_at,
             Jsonb(rows.properties), d.text)).fetchone()
        if inserted is None:
            return False  # another process stored these bytes first
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO blocks (document_id, ordinal, kind, page, paragraph, start_char, "
                "end_char, level, table_header, text) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [(d.id, i, b["kind"], b["page"], b["paragraph"], b["start"], b["end"], b["level"],
                  b["table_header"], b["text"]) for i, b in enumerate(rows.blocks)])
            cur.executemany(
                "INSERT INTO chunks (document_id, ordinal, heading, context, text, page, page_end, "
                "paragraph, paragraph_end, start_char, end_char, text_hash, embedding) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [(d.id, c.ordinal, c.heading, c.context, c.text, c.page, c.page_end, c.paragraph,
                  c.paragraph_end, c.start, c.end, s.text_hash,
                  None if s.embedding is None else np.frombuffer(s.embedding, dtype=np.float32))
                 for s in rows.chunks for c in (s.chunk,)])
            cur.execute(_INSERT_TERMS + "WHERE c.document_id = %s", (d.id,))
            cur.executemany(
                f"INSERT INTO facts ({FACT_COLUMNS}) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [fact_values(d.id, i, data, Jsonb) for i, data in enumerate(rows.facts)])
        if rows.chunks:
            conn.execute("INSERT INTO store_meta (key, value) VALUES ('embedding_model', %s) "
                         "ON CONFLICT (key) DO NOTHING", (self.embedder.name,))
        return True

    def _embeddings_for(self, hashes: list[str], texts: list[str]) -> np.ndarray:
        """Vectors for the texts, reusing any stored for the same text by the same model."""
        known: dict[str, np.ndarray] = {}
        if hashes and self._meta("embedding_model") == self.embedder.name:
            rows = self._conn().execute(
                "SELECT DISTINCT ON (text_hash) text_hash, embedding FROM chunks "
                "WHERE embedding IS NOT NULL AND text_hash = ANY(%s)", (sorted(set(hashes)),))
            known = {r["text_hash"]: _array(r["embedding"]) for r in rows}
        missing = [i for i, h in enumerate(hashes) if h not in known]
        fresh = self.embedder.embed([texts[i] for i in missing])
        out = np.zeros((len(texts), self.embedder.dimension), dtype=np.float32)
        for row, i in enumerate(missing):
            out[i] = fresh[row]
        for i, h in enumerate(hashes):
            if h in known:
                out[i] = known[h]
        return out

    def _meta(self, key: str) -> str | None:
        row = self._conn().execute("SELECT value FROM store_meta WHERE key = %s", (key,)).fetchone()
        return row["value"] if row else None

    # -- documents, blocks, chunks, facts (the rest: DocumentReads) -------------------------

    def document_rows(self, document_id: str) -> DocumentRows | None:
        """The document as stored, for copying and checking copies (search.transfer)."""
        conn = self._conn()
        row = conn.execute(f"SELECT {DOC_COLUMNS}, properties, text FROM documents WHERE id = %s",
                           (document_id,)).fetchone()
        if row is None:
            return None
        chunks = tuple(
            StoredChunk(to_chunk(r), r["text_hash"],
                        None if r["embedding"] is None else _array(r["embedding"]).tobytes())
            for r in conn.execute(f"SELECT {CHUNK_COLUMNS}, c.text_hash, c.embedding FROM chunks c "
                                  "WHERE c.document_id = %s ORDER BY c.ordinal", (document_id,)))
        facts = tuple(r["data"] for r in conn.execute(
            "SELECT data FROM facts WHERE document_id = %s ORDER BY ordinal", (document_id,)))
        return DocumentRows(document=to_stored_document(row), properties=row["properties"],
                            blocks=tuple(self.blocks(document_id)), chunks=chunks, facts=facts)

    # -- search ----------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResponse:
        return engine.search(self, query)

    def keyword_hits(self, terms: list[str], filters: Filters | None,
                     limit: int) -> list[tuple[int, float]]:
        """(chunk id, score, higher is better) of chunks holding any of the terms (stemmed).

        The score is BM25's shape on ts_rank_cd: for each term, its weighted, length-normalised
        ts_rank_cd, saturated (RANK_SATURATION), times the term's inverse document frequency over
        all chunks, summed. Without
        the IDF a common word ("council") would outweigh a rare one ("pothole"), which BM25 in the
        SQLite store does not let happen, and the two stores' keyword rankings would part. The
        document frequencies come from `term_rows`, counted once per state of the store.
        """
        if not terms:
            return []
        rows, total = self.term_rows(terms)
        found = [t for t in terms if rows.get(t, 0) > 0]
        if not found:
            return []
        idf = [math.log(1 + (total - rows[t] + 0.5) / (rows[t] + 0.5)) for t in found]
        where, params = _filter_sql(filters)
        sql = (
            "WITH weighted AS (SELECT plainto_tsquery(%s::regconfig, t) AS q, max(idf) AS idf "
            "                  FROM unnest(%s::text[], %s::float8[]) AS x(t, idf) GROUP BY 1), "
            f"ranked AS (SELECT t.chunk_id AS id, w.idf, ts_rank_cd('{RANK_WEIGHTS}', t.search_text, "
            f"w.q, {RANK_NORMALISATION}) AS r "
            "FROM weighted w JOIN chunk_terms t ON t.search_text @@ w.q "
            + ("JOIN chunks c ON c.id = t.chunk_id JOIN documents d ON d.id = c.document_id "
               if where else "")  # unfiltered, the narrow table alone
            + f"{where_clause(where)}) "
            f"SELECT id, sum(idf * r / (r + {RANK_SATURATION})) AS rank FROM ranked "
            "GROUP BY id ORDER BY rank DESC, id LIMIT %s")
        result = self._conn().execute(sql, [TS_CONFIG, found, idf] + params + [limit])
        return [(r["id"], float(r["rank"])) for r in result]

    def term_rows(self, terms: list[str]) -> tuple[dict[str, int], int]:
        """How many chunks' search_text holds each term (stemmed), and how many chunks there are.

        Counting a common word reads its whole GIN posting list (~30k rows for "council" at 100k
        chunks), so counts are kept until the store changes: chunks are only ever added, so the
        highest chunk id says when (one index probe a query). Any process may have added them."""
        conn = self._conn()

        def count(missing: list[str]) -> dict[str, int]:
            rows = conn.execute(
                "SELECT t, CASE WHEN numnode(plainto_tsquery(%s::regconfig, t)) = 0 THEN 0 ELSE "
                "(SELECT count(*) FROM chunk_terms "
                " WHERE search_text @@ plainto_tsquery(%s::regconfig, t)) "
                "END AS n FROM unnest(%s::text[]) AS t", [TS_CONFIG, TS_CONFIG, missing])
            return {r["t"]: r["n"] for r in rows}

        state = conn.execute("SELECT coalesce(max(id), 0) AS m FROM chunks").fetchone()["m"]
        counts, total = self._term_counts.get(
            state, terms, lambda: conn.execute("SELECT count(*) AS n FROM chunks").fetchone()["n"],
            count)
        return {t: counts.get(t, 0) for t in terms}, total

    def semantic_hits(self, vector: np.ndarray, filters: Filters | None,
                      limit: int) -> list[tuple[int, float]]:
        """(chunk id, cosine) of the nearest chunks that pass the filters.

        Without filters the HNSW index answers (approximate, hnsw.ef_search candidates). With
        filters the search is exact over the chunks that pass them: HNSW filters after it has
        picked its candidates, so a narrow filter could otherwise return too few.
        """
        query = np.asarray(vector, dtype=np.float32)
        where, params = _filter_sql(filters)
        if where:
            sql = (f"SELECT c.id, 1 - (c.embedding <=> %s) AS cosine FROM chunks c "
                   f"JOIN documents d ON d.id = c.document_id "
                   f"{where_clause(['c.embedding IS NOT NULL'] + where)} "
                   f"ORDER BY cosine DESC, c.id LIMIT %s")
            args = [query] + params + [limit]
        else:
            sql = ("SELECT c.id, 1 - (c.embedding <=> %s) AS cosine FROM chunks c "
                   "ORDER BY c.embedding <=> %s LIMIT %s")
            args = [query, query, limit]

        def nearest(conn: psycopg.Connection) -> list[tuple[int, float]]:
            conn.execute("SELECT set_config('hnsw.ef_search', %s, true)",
                         (str(max(self.ef_search, limit)),))
            return [(r["id"], float(r["cosine"])) for r in conn.execute(sql, args)
                    if r["cosine"] is not None]

        return self._transaction(nearest)

    def passages(self, chunk_ids: Iterable[int]) -> dict[int, Passage]:
        ids = list(chunk_ids)
        if not ids:
            return {}
        rows = self._conn().execute(
            f"SELECT {PASSAGE_COLUMNS} FROM chunks c JOIN documents d ON d.id = c.document_id "
            f"WHERE c.id = ANY(%s)", (ids,))
        return {r["id"]: to_passage(r) for r in rows}

    def chunk_vectors(self, chunk_ids: Iterable[int]) -> np.ndarray:
        """The stored embeddings of these chunks (search.engine.feedback_hits)."""
        rows = self._conn().execute("SELECT embedding FROM chunks WHERE id = ANY(%s)",
                                    [list(chunk_ids)]).fetchall()
        if not rows:
            return np.zeros((0, self.embedder.dimension), dtype=np.float32)
        return np.stack([_array(r["embedding"]) for r in rows])

    def fact_kinds(self, document_ids: Iterable[str]) -> dict[str, frozenset[str]]:
        """The kinds of fact each document holds: one probe of facts_kind per document and kind."""
        ids = [_text(i) for i in document_ids]
        if not ids:
            return {}
        out: dict[str, set[str]] = {}
        rows = self._conn().execute(
            "SELECT d.id AS document_id, k.kind FROM unnest(%s::text[]) AS d(id) "
            "CROSS JOIN unnest(%s::text[]) AS k(kind) "
            "WHERE EXISTS (SELECT 1 FROM facts f WHERE f.kind = k.kind AND f.document_id = d.id)",
            [ids, [kind.value for kind in FactKind]])
        for r in rows:
            out.setdefault(r["document_id"], set()).add(r["kind"])
        return {document_id: frozenset(kinds) for document_id, kinds in out.items()}

    # -- indexes ---------------------------------------------------------------------------

    def rebuild_indexes(self) -> None:
        """Re-embed chunks stored by another model, recompute the keyword vectors, re-analyse."""
        self._term_counts.clear()  # the keyword vectors may stem differently now
        if self._meta("embedding_model") not in (None, self.embedder.name):
            self._reembed()

        def recompute(conn: psycopg.Connection) -> None:
            conn.execute("DELETE FROM chunk_terms")
            conn.execute(_INSERT_TERMS)

        self._transaction(recompute)
        self._conn().execute("ANALYZE chunks")
        self._conn().execute("ANALYZE chunk_terms")

    def _reembed(self) -> None:
        rows = self._conn().execute(
            "SELECT c.id, c.heading, c.context, c.text, d.title FROM chunks c "
            "JOIN documents d ON d.id = c.document_id ORDER BY c.id").fetchall()

        def write(conn: psycopg.Connection) -> None:
            for batch in _batches(rows, 256):
                texts = [embedding_text_parts(r["title"], r["heading"], r["context"], r["text"])
                         for r in batch]
                with conn.cursor() as cur:
                    cur.executemany("UPDATE chunks SET embedding = %s, text_hash = %s WHERE id = %s",
                                    [(v, hashlib.sha256(t.encode()).hexdigest(), r["id"])
                                     for r, t, v in zip(batch, texts, self.embedder.embed(texts))])
            conn.execute("UPDATE store_meta SET value = %s WHERE key = 'embedding_model'",
                         (self.embedder.name,))

        self._transaction(write)


# -- values and SQL pieces -----------------------------------------------------------------

def _array(vector) -> np.ndarray:
    """A stored pgvector value as float32 (the binary loader gives a pgvector.Vector)."""
    values = vector.to_numpy() if hasattr(vector, "to_numpy") else vector
    return np.asarray(values, dtype=np.float32)


def _filter_sql(filters: Filters | None) -> tuple[list[str], list]:
    """WHERE clauses on documents aliased `d` (search.filter_sql): the SQLite store's meaning."""
    return filter_sql(filters, POSTGRES)


def _batches(items: Sequence, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]
