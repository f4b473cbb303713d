"""The FAISS index is exact below the threshold and HNSW above it, and finds the same neighbours."""
import numpy as np
import pytest

from search.vector_index import StoreState, VectorIndex


def vectors(n: int, dim: int = 16) -> np.ndarray:
    v = np.random.default_rng(3).standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.mark.parametrize("count, kind", [(40, "flat"), (41, "hnsw")])
def test_the_index_kind_follows_the_size(tmp_path, count, kind):
    data = vectors(count)
    ids = np.arange(1, count + 1, dtype=np.int64)
    index = VectorIndex(tmp_path, 16, hnsw_threshold=40)
    index.ensure(StoreState(generation=1, count=count, model="m"), lambda after: [(ids, data)])
    assert index.kind == kind
    assert [i for i, _ in index.search(data[7], 1)] == [8]
    assert {i for i, _ in index.search(data[7], 5, allowed=[3, 4, 8])} == {3, 4, 8}

    reloaded = VectorIndex(tmp_path, 16, hnsw_threshold=40)
    reloaded.ensure(StoreState(generation=1, count=count, model="m"), lambda after: [])
    assert reloaded.kind == kind and reloaded.size == count


def test_growing_past_the_threshold_rebuilds_as_hnsw(tmp_path):
    data = vectors(60)
    ids = np.arange(1, 61, dtype=np.int64)
    index = VectorIndex(tmp_path, 16, hnsw_threshold=40)
    index.ensure(StoreState(1, 30, "m"), lambda after: [(ids[:30], data[:30])])
    assert index.kind == "flat"
    index.ensure(StoreState(2, 60, "m"), lambda after: [(ids[ids > after], data[ids > after])])
    assert index.kind == "hnsw" and index.size == 60


def test_hnsw_candidates_grow_with_the_index():
    from search.vector_index import EF_SEARCH, EF_SEARCH_MAX, ef_search_for

    assert ef_search_for(60_000) == EF_SEARCH
    assert ef_search_for(250_000) == EF_SEARCH < ef_search_for(250_001)
    assert ef_search_for(1_000_000) == EF_SEARCH_MAX == ef_search_for(5_000_000)
