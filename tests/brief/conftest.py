"""A store filled once per session from the five seed papers (the RCC papers) and one unrelated
paper, and the RCC briefing composed once over it."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from minutebook.settings import configure_runtime

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
FILES = sorted(CORPUS.glob("00?_*.txt")) + [CORPUS / "trafford" / "trafford_decision_notice_H-63231.md"]
TOPIC = "Regional Care Co-operative funding"
NONSENSE = "spaceship koala"


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("brief-store")


@pytest.fixture(scope="session")
def store(store_dir):
    import extract
    import search
    from ingest import read_document

    configure_runtime()
    opened = search.open_store(store_dir)
    for path in FILES:
        document = read_document(path)
        opened.add(document, extract.extract(document))
    yield opened
    opened.close()


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
