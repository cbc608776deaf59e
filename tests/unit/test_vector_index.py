"""The in-memory vector index: exact and HNSW answers agree, and changes show at once in both."""

import numpy as np
import pytest

from recruit.matching.index import VectorIndex


def _vectors(n=3000, dim=32, seed=0):
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(n, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.mark.parametrize("approximate_from", [1, 10**9], ids=["hnsw", "exact"])
def test_search_finds_nearest_and_follows_upserts_and_removals(approximate_from):
    vectors = _vectors()
    index = VectorIndex(32, approximate_from=approximate_from)
    index.build(np.arange(1, 3001), vectors)
    assert index.is_approximate is (approximate_from == 1)
    query = vectors[41].copy()
    assert index.search(query, 1)[0][0] == 42

    index.upsert([42], [-query])
    assert 42 not in index.search(query, 10)[0]
    index.upsert([5000], [query])
    assert index.search(query, 1)[0][0] == 5000
    index.remove([5000])
    assert 5000 not in index.search(query, 10)[0]
    even = index.search(query, 5, accept=lambda ids: ids % 2 == 0)[0]
    assert len(even) == 5 and all(i % 2 == 0 for i in even)


def test_hnsw_agrees_with_exact_search():
    vectors = _vectors(n=5000)
    exact, approximate = VectorIndex(32, approximate_from=10**9), VectorIndex(32, approximate_from=1)
    exact.build(np.arange(5000), vectors)
    approximate.build(np.arange(5000), vectors)
    queries = _vectors(n=50, seed=1)
    recall = np.mean([len(set(exact.search(q, 10)[0]) & set(approximate.search(q, 10)[0])) / 10 for q in queries])
    assert recall >= 0.95


def test_an_index_crossing_its_threshold_builds_its_graph_and_keeps_every_vector():
    vectors = _vectors(n=300)
    index = VectorIndex(32, approximate_from=200)
    for start in range(0, 300, 50):
        index.upsert(list(range(start, start + 50)), vectors[start : start + 50])
    assert index.is_approximate and len(index) == 300
    assert index.search(vectors[250], 1)[0][0] == 250
