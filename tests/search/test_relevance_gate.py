"""The relevance the search issue asks for, measured on the whole of corpus/ with the repo's
judged queries, on both stores: hybrid nDCG@10 at least 0.80 and above keyword and semantic
alone, and a nonsense query returns nothing. Each paper is read and extracted once for both."""
from __future__ import annotations

from pathlib import Path

import pytest

from minutebook.pipeline import discover
from search import relevance
from search.model import Mode

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def whole_corpus_report(request, new_store, read_paper) -> relevance.Report:
    spec = new_store(request.param, "relevance_gate")
    store = spec.open()
    try:
        for path in discover([CORPUS]):
            store.add(*read_paper(path))
        return relevance.evaluate(store.search, relevance.load_queries())
    finally:
        store.close()


def test_hybrid_beats_each_mode_alone(whole_corpus_report):
    scores = whole_corpus_report.by_split["all"]
    assert scores[Mode.HYBRID].queries >= 30
    assert scores[Mode.HYBRID].ndcg >= 0.80
    assert scores[Mode.HYBRID].ndcg > scores[Mode.KEYWORD].ndcg
    assert scores[Mode.HYBRID].ndcg > scores[Mode.SEMANTIC].ndcg


def test_hybrid_keeps_up_with_keyword_on_the_held_out_half(whole_corpus_report):
    """The fusion settings were chosen where both halves agree; a change that fits only the tune
    half falls behind here. (One query swapping two passages moves a half by about 0.005, so
    the halves are held to within 0.01, the whole set to strictly above.)"""
    held = whole_corpus_report.by_split["held-out"]
    assert held[Mode.HYBRID].ndcg >= held[Mode.KEYWORD].ndcg - 0.01


def test_nonsense_returns_nothing_in_any_mode(whole_corpus_report):
    assert all(whole_corpus_report.nonsense_weak.values())
