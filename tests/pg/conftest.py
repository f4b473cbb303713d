"""A real PostgreSQL with pgvector (pgserver) for the session, shared with tests/search, and a fresh
database per test."""
from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path

import pytest

from minutebook.settings import configure_runtime

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
# A few small real papers: enough for writers to collide, quick to extract and embed.
FEW_FILES = [CORPUS / "000_ca3a0b9b00b65f02.txt", CORPUS / "004_8bc79f27482c5890.txt",
             CORPUS / "trafford" / "trafford_decision_notice_H-63231.md"]

_databases = itertools.count()


@pytest.fixture(scope="session", autouse=True)
def runtime() -> None:
    configure_runtime()


@pytest.fixture(scope="session")
def pg_server():
    from search.pg_local import start_server, stop_server

    try:
        # Outside pytest's temporary tree, whose root pytest keeps private to this user while the
        # server runs as its own user; one folder per test process, removed when it stops.
        server = start_server(Path(tempfile.gettempdir()) / f"minutebook-pg-{os.getpid()}",
                              delete=True)
    except RuntimeError as exc:
        pytest.skip(f"PostgreSQL store tests need pgserver to start PostgreSQL here: {exc}")
    yield server
    stop_server(server)  # a second call, from the other conftest, is a no-op


@pytest.fixture
def new_database(pg_server):
    """Makes an empty database on the session's server and returns its URL."""
    from search.pg_local import create_database

    return lambda: create_database(pg_server, f"pg{next(_databases)}")


@pytest.fixture(scope="session")
def few_files() -> list[Path]:
    return list(FEW_FILES)


@pytest.fixture(scope="session")
def few_papers():
    """(path, Document, Extraction) of FEW_FILES, extracted once."""
    from extract.pipeline import extract
    from ingest import read_document

    return [(path, doc, extract(doc)) for path in FEW_FILES for doc in (read_document(path),)]
