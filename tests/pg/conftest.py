"""A fresh database per test on the session's PostgreSQL with pgvector (tests/conftest.py's
pg_server, shared with tests/search and tests/web)."""
from __future__ import annotations

import itertools
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
