"""A store filled once per session from corpus/ — the five seed papers, a Markdown set of minutes,
a decision notice, and one made-up paper with known metadata and a hostile title — once for each
kind of store (SQLite, PostgreSQL with pgvector run by pgserver), so every test that takes
`corpus_store` or `make_store` is a contract test both stores must pass."""
from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest

from minutebook.settings import configure_runtime

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
FILES = sorted(CORPUS.glob("0*.txt")) + [
    CORPUS / "limerick" / "limerick_minutes_special_2025-02-21.md",
    CORPUS / "trafford" / "trafford_decision_notice_H-63231.md",
]
HOSTILE_TEXT = (
    "Testshire County Council\n\nMinutes of the Highways Committee\n\n"
    "## 4. Pothole repairs <script>alert(1)</script>\n\n"
    "4.1 The committee approved the pothole repair programme of £40,000 for the winter, "
    "with resurfacing on the High Street & Mill Lane <b>first</b>."
).encode()


STORE_KINDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    return list(FILES)


@pytest.fixture(scope="session", autouse=True)
def runtime() -> None:
    configure_runtime()


@pytest.fixture(scope="session")
def hostile_document():
    from extract.facts import (DecisionFact, DocType, DocumentMeta, Extraction, Location,
                               MoneyFact, Outcome)
    from ingest import read_bytes

    doc = read_bytes(HOSTILE_TEXT, "tests/testshire_highways.txt")
    where = doc.text.index("£40,000")
    meta = DocumentMeta(doc_type=DocType.MINUTES, title="Highways Committee minutes",
                        authority="Testshire County Council", committee="Highways Committee",
                        meeting_date="2024-05-01")
    facts = (
        MoneyFact(text="£40,000", amount=40000.0, purpose="pothole repairs",
                  location=Location(page=1, paragraph=4, start=where, end=where + 7)),
        DecisionFact(text=doc.blocks[-1].text, subject="pothole repair programme",
                     outcome=Outcome.APPROVED, decision_maker="Highways Committee",
                     location=Location(page=1, paragraph=4, start=doc.blocks[-1].start,
                                       end=doc.blocks[-1].end)),
    )
    return doc, Extraction(meta=meta, facts=facts)


@pytest.fixture(scope="session")
def corpus_papers(hostile_document) -> list[tuple[str, object, object]]:
    """(name, Document, Extraction) of each corpus file, read and extracted once for every store."""
    import extract
    from ingest import read_document

    papers = []
    for path in FILES:
        document = read_document(path)
        papers.append((path.name, document, extract.extract(document)))
    doc, extraction = hostile_document
    papers.append(("testshire", doc, extraction))
    return papers


def _fill(store, papers, kind: str):
    ids = {}
    began = time.perf_counter()
    for name, document, extraction in papers:
        store.add(document, extraction)
        ids[name] = document.id
    print(f"\nfilled the {kind} search test store with {len(ids)} documents in "
          f"{time.perf_counter() - began:.1f}s")
    return store, ids


@pytest.fixture(scope="session")
def sqlite_corpus_store(tmp_path_factory, corpus_papers):
    """(store, {file name: document id}) for the SQLite store."""
    from search import open_store

    store = open_store(tmp_path_factory.mktemp("store"))
    yield _fill(store, corpus_papers, "sqlite")
    store.close()


@pytest.fixture(scope="session")
def postgresql_corpus_store(pg_server, corpus_papers):
    """(store, {file name: document id}) for the PostgreSQL store."""
    from search import open_store
    from search.pg_local import create_database

    store = open_store(Path("unused"), create_database(pg_server, "search_corpus"))
    yield _fill(store, corpus_papers, "postgresql")
    store.close()


@pytest.fixture(scope="session", params=STORE_KINDS)
def corpus_store(request):
    """(store, {file name: document id}), once for each kind of store: the contract suite."""
    return request.getfixturevalue(f"{request.param}_corpus_store")


@pytest.fixture(params=STORE_KINDS)
def store_kind(request) -> str:
    return request.param


@pytest.fixture
def make_store(store_kind, tmp_path, request):
    """Opens a new, empty store of the test's kind; `make_store(like=store)` opens another handle
    on the same store. Every store opened is closed after the test."""
    from search import open_store
    from search.pg_local import create_database

    opened = []
    made = itertools.count()

    def make(like=None):
        if store_kind == "sqlite":
            store = open_store(like.data_dir if like else tmp_path / f"store{next(made)}")
        else:
            url = like.url if like else create_database(
                request.getfixturevalue("pg_server"), f"t{next(_databases)}")
            store = open_store(Path("unused"), url)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


_databases = itertools.count()
