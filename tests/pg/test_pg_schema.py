"""The PostgreSQL schema: numbered migrations applied on start, once, even by racing starters."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

from search import open_store
from search.pg_schema import FOLDER, migrate
from search.schema import migrations


def test_migrations_apply_once_however_many_start_at_once(new_database):
    url = new_database()
    versions = [m.version for m in migrations(FOLDER)]
    assert versions == sorted(versions) and versions[0] == 1

    def start(_):
        with psycopg.connect(url, autocommit=True) as conn:
            return migrate(conn)

    with ThreadPoolExecutor(max_workers=4) as pool:
        applied = list(pool.map(start, range(4)))
    assert sorted(v for run in applied for v in run) == versions  # each applied by one starter
    with psycopg.connect(url, autocommit=True) as conn:
        assert migrate(conn) == []
        recorded = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY 1")]
        tables = {r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        indexes = {r[0]: r[1] for r in conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'chunks'")}
        extensions = {r[0] for r in conn.execute("SELECT extname FROM pg_extension")}
    assert recorded == versions
    assert {"documents", "blocks", "chunks", "facts", "store_meta", "schema_migrations"} <= tables
    assert "vector" in extensions
    assert "USING hnsw (embedding vector_cosine_ops)" in indexes["chunks_embedding"]
    assert "USING gin (search_text)" in indexes["chunks_search_text"]


def test_opening_a_store_twice_keeps_its_rows(new_database, few_papers):
    url = new_database()
    _, document, extraction = few_papers[0]
    with open_store(Path("unused"), url) as store:
        assert store.add(document, extraction).new
    with open_store(Path("unused"), url) as store:
        assert store.has_document(document.id)
        assert store.stats()["documents"] == 1
