import sqlite3

from search.schema import migrate, migrations


def test_migrations_apply_in_order_and_reapply_as_a_no_op(tmp_path):
    conn = sqlite3.connect(tmp_path / "s.sqlite3", isolation_level=None)
    versions = [m.version for m in migrations()]
    assert versions == sorted(versions) and versions[0] == 1

    assert migrate(conn) == versions
    assert migrate(conn) == []

    recorded = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert recorded == versions
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "blocks", "chunks", "chunks_fts", "facts", "store_meta"} <= tables


def test_opening_a_store_twice_keeps_its_rows(tmp_path, hostile_document):
    from search.sqlite_store import SqliteStore

    doc, extraction = hostile_document
    with SqliteStore(tmp_path) as store:
        store.add(doc, extraction)
    with SqliteStore(tmp_path) as store:
        assert store.has_document(doc.id)
        assert store.stats()["documents"] == 1
        mode = store._conn().execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
