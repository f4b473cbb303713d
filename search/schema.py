"""Numbered SQL migrations (search/migrations/NNNN_name.sql), applied in order, each once.

Applied versions are recorded in schema_migrations; each migration and its record commit together,
so a store is never left half-migrated, and applying again is a no-op.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources

_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations(folder: str = "migrations") -> list[Migration]:
    """The numbered scripts in `folder` of this package (pg_migrations holds PostgreSQL's)."""
    found = []
    for entry in resources.files(__package__).joinpath(folder).iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: m.version)


def statements(sql: str) -> list[str]:
    """Split a script into complete statements (sqlite3.complete_statement knows BEGIN...END)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip() and not all(l.strip().startswith("--") or not l.strip() for l in buf.splitlines()):
        raise ValueError(f"incomplete SQL statement: {buf.strip()[:80]}")
    return out


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                 "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply pending migrations on a connection in autocommit mode; returns the versions applied."""
    done: list[int] = []
    for migration in migrations():
        conn.execute("BEGIN IMMEDIATE")
        try:
            if migration.version in applied_versions(conn):
                conn.execute("ROLLBACK")
                continue
            for statement in statements(migration.sql):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                         (migration.version, migration.name, datetime.now(timezone.utc).isoformat()))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        done.append(migration.version)
    return done
