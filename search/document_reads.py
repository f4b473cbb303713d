"""The Store's reads of documents, blocks, chunks and facts, written once for both stores.

The queries are the same on SQLite and PostgreSQL but for what the store's Dialect spells (see
search.sql_dialect); rows become records by search.rows, filters become clauses by
search.filter_sql. Writing, the keyword and vector indexes, and search stay in each store.
"""
from __future__ import annotations

from typing import Any, ClassVar

from extract.facts import Fact

from .filter_sql import after_clause, fact_filter_sql, filter_sql, newest_first, where_clause
from .model import Chunk, Filters, StoredDocument
from .rows import (BLOCK_COLUMNS, CHUNK_COLUMNS, DOC_COLUMNS, SORT_DATE, prefixed, to_chunk,
                   to_stored_document)
from .sql_dialect import Dialect


class DocumentReads:
    """Mixed into a store that sets `dialect` and has `_conn()`: this thread's connection, whose
    `execute(sql, params)` gives rows read by column name (sqlite3.Row, psycopg's dict_row)."""

    dialect: ClassVar[Dialect]

    def _conn(self) -> Any:
        raise NotImplementedError

    def has_document(self, document_id: str) -> bool:
        p = self.dialect.placeholder
        return self._conn().execute(f"SELECT 1 FROM documents WHERE id = {p}",
                                    (document_id,)).fetchone() is not None

    def get_document(self, document_id: str, with_text: bool = False) -> StoredDocument | None:
        columns = DOC_COLUMNS + (", text" if with_text else "")
        row = self._conn().execute(
            f"SELECT {columns} FROM documents WHERE id = {self.dialect.placeholder}",
            (document_id,)).fetchone()
        return to_stored_document(row) if row else None

    def list_documents(self, filters: Filters | None = None, limit: int = 50,
                       after: str | None = None) -> list[StoredDocument]:
        dialect, p = self.dialect, self.dialect.placeholder
        where, params = filter_sql(filters, dialect)
        if after:
            row = self._conn().execute(f"SELECT {SORT_DATE} AS k FROM documents d WHERE id = {p}",
                                       (after,)).fetchone()
            if row is not None:
                clause, values = after_clause(row["k"], after, dialect)
                where.append(clause)
                params += values
        sql = (f"SELECT {prefixed(DOC_COLUMNS, 'd')} FROM documents d {where_clause(where)} "
               f"ORDER BY {newest_first(dialect)} LIMIT {p}")
        return [to_stored_document(r) for r in self._conn().execute(sql, params + [limit])]

    def blocks(self, document_id: str) -> list[dict]:
        rows = self._conn().execute(
            f"SELECT {BLOCK_COLUMNS} FROM blocks WHERE document_id = {self.dialect.placeholder} "
            f"ORDER BY ordinal", (document_id,))
        return [dict(r) for r in rows]

    def chunks(self, document_id: str) -> list[Chunk]:
        rows = self._conn().execute(
            f"SELECT {CHUNK_COLUMNS} FROM chunks c WHERE c.document_id = {self.dialect.placeholder} "
            f"ORDER BY c.ordinal", (document_id,))
        return [to_chunk(r) for r in rows]

    def facts(self, document_id: str | None = None, kind: str | None = None,
              filters: Filters | None = None, limit: int | None = None,
              offset: int = 0) -> list[tuple[str, Fact]]:
        dialect, p = self.dialect, self.dialect.placeholder
        where, params = fact_filter_sql(filters, dialect, document_id=document_id or None,
                                        kind=kind or None)
        sql = (f"SELECT f.document_id, f.data FROM facts f JOIN documents d ON d.id = f.document_id "
               f"{where_clause(where)} ORDER BY f.document_id{dialect.byte_order}, f.ordinal "
               f"LIMIT {p} OFFSET {p}")
        rows = self._conn().execute(sql, params + [self._limit(limit), offset])
        return [(r["document_id"], Fact.from_dict(dialect.read_json(r["data"]))) for r in rows]

    def fact_rows(self, kind: str, filters: Filters | None = None, *, outcome: str | None = None,
                  include_procedural: bool = True, limit: int | None = None,
                  offset: int = 0) -> list[tuple[StoredDocument, Fact]]:
        dialect, p = self.dialect, self.dialect.placeholder
        where, params = fact_filter_sql(filters, dialect, kind=kind, outcome=outcome or None)
        if not include_procedural:
            where.append(dialect.not_procedural)
        sql = (f"SELECT {prefixed(DOC_COLUMNS, 'd')}, f.data AS fact_data FROM facts f "
               f"JOIN documents d ON d.id = f.document_id {where_clause(where)} "
               f"ORDER BY {newest_first(dialect)}, f.ordinal LIMIT {p} OFFSET {p}")
        rows = self._conn().execute(sql, params + [self._limit(limit), offset])
        return [(to_stored_document(r), Fact.from_dict(dialect.read_json(r["fact_data"])))
                for r in rows]

    def last_modified(self) -> str | None:
        return self._conn().execute("SELECT MAX(ingested_at) AS t FROM documents").fetchone()["t"]

    def stats(self) -> dict:
        conn, order = self._conn(), self.dialect.byte_order

        def count(table: str) -> int:
            return conn.execute(f"SELECT COUNT(*) AS n FROM {table}").fetchone()["n"]

        def counts(column: str, table: str) -> dict[str, int]:
            rows = conn.execute(f"SELECT {column} AS k, COUNT(*) AS n FROM {table} "
                                f"GROUP BY {column} ORDER BY {column}{order} NULLS FIRST")
            return {(r["k"] if r["k"] is not None else "unknown"): r["n"] for r in rows}

        return {
            "documents": count("documents"),
            "chunks": count("chunks"),
            "facts": count("facts"),
            "facts_by_kind": counts("kind", "facts"),
            "documents_by_authority": counts("authority", "documents"),
            "documents_by_doc_type": counts("doc_type", "documents"),
        }

    def _limit(self, limit: int | None) -> int | None:
        return self.dialect.no_limit if limit is None else limit
