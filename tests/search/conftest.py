"""A store filled once per session from corpus/: the five seed papers, a Markdown set of minutes,
a decision notice, and one made-up paper with known metadata and a hostile title."""
from __future__ import annotations

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
def corpus_store(tmp_path_factory, hostile_document):
    """(store, {file name: document id}); prints how long filling took."""
    import extract
    from ingest import read_document
    from search import open_store

    data_dir = tmp_path_factory.mktemp("store")
    store = open_store(data_dir)
    ids = {}
    began = time.perf_counter()
    for path in FILES:
        document = read_document(path)
        store.add(document, extract.extract(document))
        ids[path.name] = document.id
    doc, extraction = hostile_document
    store.add(doc, extraction)
    ids["testshire"] = doc.id
    print(f"\nfilled the search test store with {len(ids)} documents in "
          f"{time.perf_counter() - began:.1f}s")
    yield store, ids
    store.close()
