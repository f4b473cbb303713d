from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
CORPUS_REAL = REPO.parent / "shared" / "corpus-real"


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def corpus_real() -> Path:
    if not CORPUS_REAL.is_dir():
        pytest.skip("../shared/corpus-real is absent")
    return CORPUS_REAL
