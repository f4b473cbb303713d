"""Maximal marginal relevance (Carbonell & Goldstein 1998): pick sentences that are close to the
topic and far from those already picked, so the summary covers several points, none twice."""
from __future__ import annotations

import numpy as np

LAMBDA = 0.7  # weight of relevance against novelty
DUPLICATE = 0.88  # cosine above which two sentences say the same thing


def mmr(relevance: np.ndarray, vectors: np.ndarray, k: int, lam: float = LAMBDA,
        duplicate: float = DUPLICATE) -> list[int]:
    """Indices of up to `k` items in pick order; `vectors` are L2-normalised rows."""
    chosen: list[int] = []
    left = list(range(len(relevance)))
    while left and len(chosen) < k:
        if chosen:
            redundancy = (vectors[left] @ vectors[chosen].T).max(axis=1)
        else:
            redundancy = np.zeros(len(left))
        scores = lam * relevance[left] - (1 - lam) * redundancy
        best = int(np.argmax(scores))
        if redundancy[best] >= duplicate:
            left = [i for i, r in zip(left, redundancy) if r < duplicate]
            continue
        chosen.append(left.pop(best))
    return chosen


def distinct(vectors: np.ndarray, order: list[int], duplicate: float = DUPLICATE) -> list[int]:
    """`order` without items that repeat an earlier one (cosine at or above `duplicate`)."""
    kept: list[int] = []
    for i in order:
        if not kept or float((vectors[kept] @ vectors[i]).max()) < duplicate:
            kept.append(i)
    return kept
