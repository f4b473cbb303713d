"""Fixtures every area shares: one throwaway PostgreSQL with pgvector for the whole session, so
tests/search, tests/pg and tests/web start one server between them, not one each."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL with pgvector (pgserver), started on first use and stopped at the end."""
    from search.pg_local import start_server, stop_server

    try:
        # Outside pytest's temporary tree, whose root pytest keeps private to this user while the
        # server runs as its own user; one folder per test process, removed when it stops.
        server = start_server(Path(tempfile.gettempdir()) / f"minutebook-pg-{os.getpid()}",
                              delete=True)
    except RuntimeError as exc:
        pytest.skip(f"PostgreSQL store tests need pgserver to start PostgreSQL here: {exc}")
    yield server
    stop_server(server)
