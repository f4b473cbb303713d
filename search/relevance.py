"""Measured relevance: officers' questions with graded judgements, and nDCG@k, MRR and recall@k
for each search mode.

Judgements name a document (its source path, matched as a suffix of the stored source) and,
optionally, pages, so they survive changes to chunking. A result earns a judgement's grade the
first time it lands on it; later passages from the same judged document or page earn nothing, so
three chunks of one page cannot count three times. Grades: 0 none, 1 background, 2 about the
question, 3 answers it. MRR and recall count grade 2 and above as relevant.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .model import Mode, SearchQuery, SearchResponse, SearchResult

QUERIES_FILE = Path(__file__).with_name("eval") / "queries.json"
RELEVANT = 2  # the lowest grade that counts as relevant for MRR and recall
NONSENSE = ("spaceship koala",)


@dataclass(frozen=True)
class Judgement:
    source: str
    grade: int
    pages: tuple[int, ...] | None = None  # None: any page of the document

    def covers(self, result: SearchResult) -> bool:
        return result.source.replace("\\", "/").endswith(self.source) and (
            self.pages is None or result.page in self.pages)


@dataclass(frozen=True)
class EvalQuery:
    id: str
    text: str
    split: str  # "tune" or "held-out"
    judgements: tuple[Judgement, ...]


@dataclass(frozen=True)
class Scores:
    ndcg: float
    mrr: float
    recall: float
    queries: int


@dataclass(frozen=True)
class Report:
    k: int
    by_split: dict[str, dict[Mode, Scores]]  # "all", "tune", "held-out"
    nonsense_weak: dict[Mode, bool] = field(default_factory=dict)


def load_queries(path: Path = QUERIES_FILE) -> list[EvalQuery]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [EvalQuery(id=q["id"], text=q["text"], split=q.get("split", "tune"),
                      judgements=tuple(Judgement(j["source"], int(j["grade"]),
                                                 tuple(j["pages"]) if "pages" in j else None)
                                       for j in q["judgements"]))
            for q in data["queries"]]


def gains(results: Sequence[SearchResult], judgements: Sequence[Judgement]) -> list[int]:
    """The grade each result earns, in rank order; a judgement is earned once, by its first hit."""
    earned: set[int] = set()
    out = []
    for result in results:
        gain = 0
        for i, judgement in enumerate(judgements):
            if i not in earned and judgement.covers(result):
                earned.add(i)
                gain = judgement.grade
                break
        out.append(gain)
    return out


def dcg(grades: Iterable[int]) -> float:
    return sum((2 ** g - 1) / math.log2(rank + 1) for rank, g in enumerate(grades, start=1))


def ndcg_at(found: Sequence[int], judgements: Sequence[Judgement], k: int) -> float:
    ideal = dcg(sorted((j.grade for j in judgements), reverse=True)[:k])
    return dcg(found[:k]) / ideal if ideal else 0.0


def reciprocal_rank(found: Sequence[int]) -> float:
    return next((1.0 / rank for rank, g in enumerate(found, start=1) if g >= RELEVANT), 0.0)


def recall_at(found: Sequence[int], judgements: Sequence[Judgement], k: int) -> float:
    wanted = sum(1 for j in judgements if j.grade >= RELEVANT)
    return sum(1 for g in found[:k] if g >= RELEVANT) / wanted if wanted else 0.0


def mean_scores(per_query: list[tuple[float, float, float]]) -> Scores:
    n = len(per_query)
    if not n:
        return Scores(0.0, 0.0, 0.0, 0)
    return Scores(*(sum(s[i] for s in per_query) / n for i in range(3)), queries=n)


def evaluate(search: Callable[[SearchQuery], SearchResponse], queries: Sequence[EvalQuery],
             modes: Sequence[Mode] = tuple(Mode), k: int = 10) -> Report:
    """Run every query in every mode through `search` (a store's search method) and score it."""
    splits = ["all"] + sorted({q.split for q in queries}, key=lambda s: (s != "tune", s))
    rows: dict[str, dict[Mode, list]] = {s: {m: [] for m in modes} for s in splits}
    for query in queries:
        for mode in modes:
            found = gains(search(SearchQuery(query.text, mode=mode, limit=k)).results,
                          query.judgements)
            row = (ndcg_at(found, query.judgements, k), reciprocal_rank(found),
                   recall_at(found, query.judgements, k))
            rows["all"][mode].append(row)
            rows[query.split][mode].append(row)
    weak = {mode: all(search(SearchQuery(text, mode=mode, limit=k)).weak
                      and not search(SearchQuery(text, mode=mode, limit=k)).results
                      for text in NONSENSE) for mode in modes}
    return Report(k=k, by_split={s: {m: mean_scores(r) for m, r in by_mode.items()}
                                 for s, by_mode in rows.items()}, nonsense_weak=weak)


def format_report(report: Report) -> str:
    k = report.k
    lines = [f"{'queries':<10} {'mode':<9} {'n':>3} {f'nDCG@{k}':>8} {'MRR':>6} {f'recall@{k}':>9}"]
    for split, by_mode in report.by_split.items():
        for mode, s in by_mode.items():
            lines.append(f"{split:<10} {mode.value:<9} {s.queries:>3} {s.ndcg:>8.3f} "
                         f"{s.mrr:>6.3f} {s.recall:>9.3f}")
    for mode, weak in report.nonsense_weak.items():
        lines.append(f"nonsense {', '.join(repr(t) for t in NONSENSE)} in {mode.value}: "
                     + ("no results, weak=True" if weak else "RESULTS RETURNED"))
    return "\n".join(lines)


def report_dict(report: Report) -> dict:
    return {"k": report.k,
            "scores": {split: {m.value: {"ndcg": round(s.ndcg, 4), "mrr": round(s.mrr, 4),
                                         "recall": round(s.recall, 4), "queries": s.queries}
                               for m, s in by_mode.items()}
                       for split, by_mode in report.by_split.items()},
            "nonsense_weak": {m.value: w for m, w in report.nonsense_weak.items()}}
