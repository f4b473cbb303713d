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
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('chunks', 'chunk_terms')")}
        extensions = {r[0] for r in conn.execute("SELECT extname FROM pg_extension")}
    assert recorded == versions
    assert {"documents", "blocks", "chunks", "chunk_terms", "facts", "store_meta",
            "schema_migrations"} <= tables
    assert "vector" in extensions
    assert "USING hnsw (embedding vector_cosine_ops)" in indexes["chunks_embedding"]
    assert "USING gin (search_text)" in indexes["chunk_terms_search_text"]
    assert "chunks_search_text" not in indexes


def test_opening_a_store_twice_keeps_its_rows(new_database, few_papers):
    url = new_database()
    _, document, extraction = few_papers[0]
    with open_store(Path("unused"), url) as store:
        assert store.add(document, extraction).new
    with open_store(Path("unused"), url) as store:
        assert store.has_document(document.id)
        assert store.stats()["documents"] == 1


def test_a_version_one_store_keeps_its_keyword_index_in_version_two(new_database):
    """A database made by the first schema, with a chunk in it, is found by keyword after the
    second migration moves the tsvectors into chunk_terms."""
    from search.model import Mode, SearchQuery

    url = new_database()
    first = migrations(FOLDER)[0]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(first.sql)
        conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                     "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        conn.execute("INSERT INTO schema_migrations VALUES (1, %s, 'before')", (first.name,))
        conn.execute("INSERT INTO documents (id, source, format, pages, size_bytes, title, "
                     "ingested_at, text) VALUES ('d1', 'old.txt', 'txt', 1, 10, 'Highways', "
                     "'2024-01-01', 'Pothole repairs on Mill Lane')")
        conn.execute("INSERT INTO chunks (document_id, ordinal, text, page, page_end, paragraph, "
                     "paragraph_end, start_char, end_char, text_hash, search_text) VALUES "
                     "('d1', 0, 'Pothole repairs on Mill Lane', 1, 1, 1, 1, 0, 28, 'h', "
                     "to_tsvector('english', 'Pothole repairs on Mill Lane'))")
    with open_store(Path("unused"), url) as store:
        found = store.search(SearchQuery("pothole", mode=Mode.KEYWORD))
        assert [r.document_id for r in found.results] == ["d1"]
        assert store.term_rows(["pothole", "lane", "spaceship"]) == (
            {"pothole": 1, "lane": 1, "spaceship": 0}, 1)
