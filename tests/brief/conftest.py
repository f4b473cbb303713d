"""A store filled once per session from the five seed papers (the RCC papers) and one unrelated
paper, once for each kind of store (SQLite; PostgreSQL with pgvector on the session's server),
and the RCC briefing composed once over each: every test here runs on both stores."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
FILES = sorted(CORPUS.glob("00?_*.txt")) + [CORPUS / "trafford" / "trafford_decision_notice_H-63231.md"]
TOPIC = "Regional Care Co-operative funding"
NONSENSE = "spaceship koala"
STORE_KINDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def sqlite_brief_store(new_store, read_paper):
    """(StoreSpec, open store): the papers added one by one, as `minutebook ingest` adds them."""
    spec = new_store("sqlite", "brief")
    opened = spec.open()
    for path in FILES:
        opened.add(*read_paper(path))
    yield spec, opened
    opened.close()


@pytest.fixture(scope="session")
def postgresql_brief_store(new_store, sqlite_brief_store):
    """(StoreSpec, open store): the same papers copied from the SQLite store as `minutebook migrate`
    copies them (the store's own insert, embeddings carried over rather than computed again)."""
    from search.transfer import copy_store

    spec = new_store("postgresql", "brief")
    opened = spec.open()
    report = copy_store(sqlite_brief_store[1], opened)
    assert not report.mismatched, report.line()
    yield spec, opened
    opened.close()


@pytest.fixture(scope="session", params=STORE_KINDS)
def filled_store(request):
    """(StoreSpec, open store), once for each kind: SQLite, then PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_brief_store")


@pytest.fixture(scope="session")
def store(filled_store):
    return filled_store[1]


@pytest.fixture(scope="session")
def store_spec(filled_store):
    """Where the filled store lives, for the CLI."""
    return filled_store[0]


@pytest.fixture(scope="session")
def doc_ids(store) -> dict[str, str]:
    """Document id by file name."""
    return {Path(d.source).name: d.id for d in store.list_documents(limit=100)}


@pytest.fixture(scope="session")
def briefing(store):
    from brief import compose_briefing

    return compose_briefing(store, TOPIC, today=date(2025, 5, 1))


@pytest.fixture(scope="session")
def too_little(store):
    from brief import compose_briefing

    return compose_briefing(store, NONSENSE, today=date(2025, 5, 1))
