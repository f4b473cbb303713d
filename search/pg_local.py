"""A throwaway PostgreSQL with pgvector on this machine, run by the `pgserver` package (a test
dependency): for the tests, the benchmark, and trying the server store without a database server.
Production points MINUTEBOOK_STORE at a real server instead.
"""
from __future__ import annotations

import re
from pathlib import Path

import psycopg


def start_server(directory: Path, delete: bool = False):
    """The server whose data lives in `directory` (created and started if need be); it stops (and,
    with `delete`, its folder is removed) on `.cleanup()` or when the last process holding it
    exits. Raises RuntimeError when it cannot start here."""
    try:
        import pgserver
    except ImportError as exc:
        raise RuntimeError("the pgserver package is not installed (pip install pgserver)") from exc
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    try:
        return pgserver.get_server(directory, cleanup_mode="delete" if delete else "stop")
    except Exception as exc:  # pgserver raises what initdb and pg_ctl raise
        raise RuntimeError(f"pgserver could not start PostgreSQL in {directory}: {exc}") from exc


def create_database(server, name: str) -> str:
    """A new, empty database on `server`; returns its URL."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise ValueError(f"not a plain database name: {name!r}")
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return server.get_uri(name)


def stop_server(server) -> None:
    """Stop a throwaway server at once (no shutdown checkpoint: its data is about to go), then let
    pgserver remove its folder if it was started with `delete`."""
    from pgserver._commands import pg_ctl

    try:
        pg_ctl(["-w", "-m", "immediate", "stop"], pgdata=server.pgdata, user=server.system_user)
    except Exception:  # already stopped; cleanup() below copes either way
        pass
    info = getattr(server, "_postmaster_info", None)
    if info is not None:
        try:
            info.process.wait(10)  # gone, so cleanup() does not try to stop it again
        except Exception:
            pass
    server.cleanup()
