"""Numbered PostgreSQL migrations (search/pg_migrations/NNNN_name.sql), applied on start, each once.

Every migration runs in its own transaction under a transaction-level advisory lock, so several
processes starting on an empty database at once apply each migration exactly once: the others wait
for the lock, then find it recorded in schema_migrations and skip it.
"""
from __future__ import annotations

from datetime import datetime, timezone

import psycopg

from .schema import migrations

FOLDER = "pg_migrations"
# pg_advisory_xact_lock key: any constant this application owns ("minutebook" as an int64).
LOCK_KEY = int.from_bytes(b"minutebk", "big") & 0x7FFF_FFFF_FFFF_FFFF


def migrate(conn: psycopg.Connection) -> list[int]:
    """Apply pending migrations on an autocommit connection; returns the versions applied."""
    done: list[int] = []
    for migration in migrations(FOLDER):
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
            conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                         "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            if conn.execute("SELECT 1 FROM schema_migrations WHERE version = %s",
                            (migration.version,)).fetchone():
                continue
            conn.execute(migration.sql)  # a script: several statements, so no parameters
            conn.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (%s, %s, %s)",
                         (migration.version, migration.name, datetime.now(timezone.utc).isoformat()))
        done.append(migration.version)
    return done
