"""The semantic index: FAISS inner product over chunk embeddings, exact (IndexFlatIP) below
HNSW_THRESHOLD vectors and HNSW above it, where an exact scan would pass the latency budget.

It is a cache. The embeddings live in the store (one BLOB per chunk), so the file in
`data_dir/index/` can be deleted at any time and is rebuilt without re-embedding anything. A JSON
sidecar records the store generation the file reflects; a newer generation means catch up (the
chunks added since) or rebuild.
"""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import faiss
import numpy as np

INDEX_FILE = "chunks.faiss"
META_FILE = "chunks.json"
# Above this many vectors the index is HNSW. Measured (benchmarks/RESULTS.md): an exact scan of
# 100k x 384 takes ~10 ms a query on 2 cores. At 100k chunks, for queries that are not stored
# passages, HNSW's recall@10 against the exact scan is 0.954 at efSearch 128, 0.980 at 256 and
# 0.988 at 400, which costs 0.5 ms a query: the query's embedding costs ten times that.
HNSW_THRESHOLD = 50_000
HNSW_NEIGHBOURS = 32  # M: links per node
EF_CONSTRUCTION = 80
EF_SEARCH = 400  # set on every index loaded, so a file saved with another value follows this one
# The graph's recall falls as it grows: at 1M chunks efSearch 400 keeps 0.868, 800 0.906 and 1600
# 0.939 (1.0, 1.6 and 3.4 ms a query). Each EF_PER_VECTORS more vectors past the first
# EF_PER_VECTORS add EF_SEARCH candidates, up to EF_SEARCH_MAX.
EF_PER_VECTORS = 250_000
EF_SEARCH_MAX = 1600


def ef_search_for(count: int) -> int:
    """HNSW candidates per query for an index of `count` vectors."""
    return min(EF_SEARCH_MAX, EF_SEARCH * max(1, -(-count // EF_PER_VECTORS)))

# Yields (chunk ids, vectors) batches for chunks with id > the given one.
EmbeddingSource = Callable[[int], Iterable[tuple[np.ndarray, np.ndarray]]]


@dataclass(frozen=True)
class StoreState:
    """What the store says the index should hold."""

    generation: int
    count: int
    model: str


class VectorIndex:
    def __init__(self, directory: Path, dimension: int,
                 hnsw_threshold: int = HNSW_THRESHOLD) -> None:
        self.directory = directory
        self.dimension = dimension
        self.hnsw_threshold = hnsw_threshold
        self._lock = threading.RLock()
        self._index: faiss.IndexIDMap2 | None = None
        self._generation = -1
        self._max_id = 0
        self._model = ""
        self._dirty = False

    # -- keeping it in step with the store -------------------------------------------------

    def ensure(self, state: StoreState, source: EmbeddingSource) -> None:
        """Load, catch up or rebuild so the index reflects `state`."""
        with self._lock:
            if self._index is None:
                self._load(state)
            if self._index is not None and self._generation == state.generation \
                    and self._index.ntotal == state.count:
                return
            if self._index is not None and self._model == state.model \
                    and self._generation < state.generation \
                    and self.kind_for(state.count) == self.kind:
                self._append(source(self._max_id))
                self._generation = state.generation
                self._dirty = True
                if self._index.ntotal == state.count:
                    return
            self.rebuild(state, source)

    def rebuild(self, state: StoreState, source: EmbeddingSource) -> None:
        with self._lock:
            self._index = self._empty(state.count)
            self._max_id = 0
            self._append(source(0))
            self._generation = state.generation
            self._model = state.model
            self._dirty = True
            self.save()

    def add(self, ids: np.ndarray, vectors: np.ndarray, generation: int) -> None:
        """Add one document's chunks, if the index is loaded and was current before that add."""
        with self._lock:
            if self._index is None or self._generation != generation - 1:
                return  # the next ensure() catches up from the store
            self._append([(ids, vectors)])
            self._generation = generation
            self._dirty = True

    def save(self) -> None:
        with self._lock:
            if self._index is None or not self._dirty:
                return
            self.directory.mkdir(parents=True, exist_ok=True)
            # One temporary name per process: several server workers may save at once.
            tmp = self.directory / f"{INDEX_FILE}.{os.getpid()}.tmp"
            faiss.write_index(self._index, str(tmp))
            tmp.replace(self.directory / INDEX_FILE)
            meta = {"generation": self._generation, "count": int(self._index.ntotal),
                    "max_id": self._max_id, "model": self._model, "dimension": self.dimension}
            tmp_meta = self.directory / f"{META_FILE}.{os.getpid()}.tmp"
            tmp_meta.write_text(json.dumps(meta))
            tmp_meta.replace(self.directory / META_FILE)
            self._dirty = False

    # -- querying --------------------------------------------------------------------------

    def search(self, vector: np.ndarray, k: int,
               allowed: Iterable[int] | None = None) -> list[tuple[int, float]]:
        """(chunk id, cosine) pairs, best first; only ids in `allowed` when it is given."""
        with self._lock:
            if self._index is None or self._index.ntotal == 0 or k <= 0:
                return []
            query = np.asarray(vector, dtype=np.float32).reshape(1, -1)
            params = None
            if allowed is not None:
                ids = np.fromiter(allowed, dtype=np.int64)
                if ids.size == 0:
                    return []
                params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(ids))
                k = min(k, int(ids.size))
            k = min(k, int(self._index.ntotal))
            scores, ids_found = self._index.search(query, k, params=params)
        return [(int(i), float(s)) for i, s in zip(ids_found[0], scores[0]) if i >= 0]

    def is_current(self, generation: int) -> bool:
        """Loaded and reflecting this store generation: nothing to catch up."""
        with self._lock:
            return self._index is not None and self._generation == generation

    @property
    def size(self) -> int:
        with self._lock:
            return 0 if self._index is None else int(self._index.ntotal)

    # -- internals -------------------------------------------------------------------------

    def kind_for(self, count: int) -> str:
        return "hnsw" if count > self.hnsw_threshold else "flat"

    @property
    def kind(self) -> str:
        """"flat" or "hnsw": what the loaded index is."""
        with self._lock:
            if self._index is None:
                return ""
            inner = faiss.downcast_index(self._index.index)
            return "hnsw" if isinstance(inner, faiss.IndexHNSW) else "flat"

    def _empty(self, count: int) -> faiss.IndexIDMap2:
        if self.kind_for(count) == "flat":
            return faiss.IndexIDMap2(faiss.IndexFlatIP(self.dimension))
        inner = faiss.IndexHNSWFlat(self.dimension, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        inner.hnsw.efConstruction = EF_CONSTRUCTION
        return faiss.IndexIDMap2(inner)

    def _append(self, batches: Iterable[tuple[np.ndarray, np.ndarray]]) -> None:
        for ids, vectors in batches:
            if len(ids) == 0:
                continue
            self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                                     np.asarray(ids, dtype=np.int64))
            self._max_id = max(self._max_id, int(np.max(ids)))
        _set_ef_search(self._index)

    def _load(self, state: StoreState) -> None:
        index_path, meta_path = self.directory / INDEX_FILE, self.directory / META_FILE
        if not (index_path.exists() and meta_path.exists()):
            return
        try:
            meta = json.loads(meta_path.read_text())
            index = faiss.read_index(str(index_path))
        except (OSError, ValueError, RuntimeError):
            return  # a damaged cache is rebuilt
        if meta.get("dimension") != self.dimension or meta.get("model") != state.model \
                or index.ntotal != meta.get("count") or meta.get("generation", 0) > state.generation:
            return
        _set_ef_search(index)
        self._index = index
        self._generation = int(meta["generation"])
        self._max_id = int(meta.get("max_id", 0))
        self._model = meta["model"]


def _set_ef_search(index: faiss.IndexIDMap2) -> None:
    """efSearch for the index's size now (ef_search_for), on an HNSW index."""
    inner = faiss.downcast_index(index.index)
    if isinstance(inner, faiss.IndexHNSW):
        inner.hnsw.efSearch = ef_search_for(int(index.ntotal))
