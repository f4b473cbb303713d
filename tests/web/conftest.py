"""A real store filled once per session from corpus files, once for each kind of store (SQLite, and
PostgreSQL with pgvector on the session's pgserver), and the app and client over it: every test
that takes `store`, `app` or `client` is a contract test of the web app both stores must pass."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from extract.pipeline import extract
from ingest import read_document
from minutebook.settings import Settings, configure_runtime
from web.app import create_app

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
SEED_FILES = sorted(CORPUS.glob("00?_*.txt"))  # the five seed papers, 002 is the Portsmouth RCC report
EXTRA_FILES = [
    CORPUS / "trafford" / "trafford_decision_notice_H-63231.md",
    CORPUS / "limerick" / "limerick_minutes_special_2025-02-21.md",
]
RCC = "002_96ff2cac8c4be096.txt"  # the 9 January 2025 Portsmouth report on the RCC
HOSTILE_TEXT = (
    "Hostile test paper\n\n"
    "This paragraph carries markup that must never run: <script>alert(1)</script> "
    "and an <img src=x onerror=alert(2)> tag, plus a fake <mark>highlight</mark>.\n\n"
    "The committee agreed to note the report.\n"
)
ALLOWED_ORIGIN = "https://www.example-council.gov.uk"


@pytest.fixture(scope="session")
def corpus_files(tmp_path_factory) -> dict[str, Path]:
    hostile = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    hostile.write_text(HOSTILE_TEXT, encoding="utf-8")
    return {"hostile": hostile, **{p.name: p for p in [*SEED_FILES, *EXTRA_FILES]}}


STORE_KINDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def papers(corpus_files) -> list[tuple[object, object]]:
    """(Document, Extraction) of every corpus file, read and extracted once for both stores."""
    configure_runtime()
    return [(document, extract(document))
            for document in (read_document(path) for path in corpus_files.values())]


def _filled(store, papers):
    for document, extraction in papers:
        store.add(document, extraction)
    return store


@pytest.fixture(scope="session")
def sqlite_store(tmp_path_factory, papers):
    import search

    opened = _filled(search.open_store(tmp_path_factory.mktemp("store")), papers)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def postgresql_store(pg_server, sqlite_store):
    """The same papers, copied from the SQLite store as `minutebook migrate` copies them (one
    transaction per document through the store's own insert, embeddings carried over rather than
    computed again)."""
    import search
    from search.pg_local import create_database
    from search.transfer import copy_store

    opened = search.open_store(Path("unused"), create_database(pg_server, "web_corpus"))
    report = copy_store(sqlite_store, opened)
    assert not report.mismatched, report.line()
    yield opened
    opened.close()


@pytest.fixture(scope="session", params=STORE_KINDS)
def store(request):
    """The filled store, once for each kind: SQLite, then PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture(scope="session")
def doc_ids(corpus_files) -> dict[str, str]:
    """The id (SHA-256 of the bytes) of each ingested file, by name."""
    return {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in corpus_files.items()}


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("unused"), cors_origins=ALLOWED_ORIGIN)


@pytest.fixture(scope="session")
def app(settings, store):
    return create_app(settings, store=store, test_config={"TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()
