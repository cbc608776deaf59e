"""Vector search over stored embeddings: exact with numpy, approximate (usearch HNSW) above a size.

`VectorIndex` holds one side's vectors (vacancies or graduates) in memory, takes changes incrementally
(`upsert`, `remove`) and answers top-k by inner product. Exact search is the reference; from
`APPROXIMATE_FROM` vectors on, an HNSW graph answers instead and is kept up to date on every change.
Filtered searches over-fetch and widen until enough rows pass the filter; an explicit set of rows is scored
exactly through `vectors()` (see `recruit.matching.ranking`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable

import numpy as np

APPROXIMATE_FROM = 50_000  # below this an exact scan takes under a few milliseconds
# int8 graph, 64 on insertion, 256 when searching, best 128 re-scored in float32 (chosen at 1M vectors:
# docs/benchmarks.md).
HNSW_CONNECTIVITY = 16
HNSW_EXPANSION_ADD = 64
HNSW_EXPANSION_SEARCH = 256
RERANK_FETCH = 128


def exact_top(matrix: np.ndarray, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows and scores of the k largest inner products of `query` with the rows of `matrix`, best first."""
    if len(matrix) == 0 or k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return _top_of_scores(matrix @ query, k)


def _top_of_scores(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    top = np.argpartition(-scores, k - 1)[:k]
    order = top[np.argsort(-scores[top], kind="stable")]
    return order, scores[order]


def _usearch_index():
    """usearch's Index class, loaded after onnxruntime when that is installed.

    Loading usearch (2.26) first makes a later `import onnxruntime` (1.32) crash the process (seen here, in
    libstdc++), and the worker and CLI load both.
    """
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        pass
    from usearch.index import Index

    return Index


class VectorIndex:
    """The vectors of one side, by owner id, searchable exactly or approximately."""

    def __init__(self, dim: int, approximate_from: int = APPROXIMATE_FROM, hnsw_dtype: str = "i8"):
        self.dim = dim
        self.approximate_from = approximate_from
        self.hnsw_dtype = hnsw_dtype
        self._ids = np.zeros(0, dtype=np.int64)
        self._matrix = np.zeros((0, dim), dtype=np.float32)
        self._alive = np.zeros(0, dtype=bool)
        self._row_of: dict[int, int] = {}
        self._count = 0
        self._graph = None
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return len(self._row_of)

    @property
    def is_approximate(self) -> bool:
        """True when searches go through the HNSW graph."""
        return self._graph is not None

    def vectors(self, owner_ids: Iterable[int]) -> tuple[list[int], np.ndarray]:
        """The owners among `owner_ids` that have a vector, and their vectors (one row each)."""
        present = [i for i in owner_ids if i in self._row_of]
        return present, self._matrix[[self._row_of[i] for i in present]]

    def upsert(self, owner_ids: list[int], vectors: np.ndarray) -> None:
        """Add or replace the vectors of these owners."""
        if not owner_ids:
            return
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(owner_ids), self.dim)
        with self._lock:
            for owner_id, vector in zip(owner_ids, vectors, strict=True):
                row = self._row_of.get(owner_id)
                if row is None:
                    row = self._append_row()
                    self._row_of[owner_id] = row
                    self._ids[row] = owner_id
                self._matrix[row] = vector
                self._alive[row] = True
            if self._graph is not None:
                keys = np.asarray(owner_ids, dtype=np.uint64)
                present = keys[[self._graph.contains(int(key)) for key in keys]]
                if len(present):
                    self._graph.remove(present)
                self._graph.add(keys, vectors)
            elif len(self) >= self.approximate_from:
                self._build_graph()

    def remove(self, owner_ids: Iterable[int]) -> None:
        """Forget these owners' vectors."""
        with self._lock:
            gone = []
            for owner_id in owner_ids:
                row = self._row_of.pop(owner_id, None)
                if row is not None:
                    self._alive[row] = False
                    self._matrix[row] = 0.0
                    gone.append(owner_id)
            if gone and self._graph is not None:
                self._graph.remove(np.asarray(gone, dtype=np.uint64))

    def search(
        self, query: np.ndarray, k: int, accept: Callable[[np.ndarray], np.ndarray] | None = None, exact: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """Owner ids and scores of the best k, best first; `accept` maps ids to a mask of those allowed."""
        query = np.asarray(query, dtype=np.float32)
        with self._lock:
            if self._graph is None or exact:
                return self._exact_search(query, k, accept)
            fetch = max(k * 4, RERANK_FETCH)
            while True:
                # The graph holds int8 copies; its best `fetch` are scored again on the float32 rows.
                matches = self._graph.search(query, min(fetch, len(self)))
                keys = [int(key) for key in np.asarray(matches.keys) if int(key) in self._row_of]
                rows = np.asarray([self._row_of[key] for key in keys], dtype=np.int64)
                scores = self._matrix[rows] @ query if len(rows) else np.zeros(0, dtype=np.float32)
                order = np.argsort(-scores, kind="stable")
                ids, scores = np.asarray(keys, dtype=np.int64)[order], scores[order]
                if accept is not None:
                    mask = accept(ids)
                    ids, scores = ids[mask], scores[mask]
                if len(ids) >= k or fetch >= len(self):
                    return ids[:k], scores[:k]
                fetch *= 4

    def _exact_search(self, query, k, accept):
        scores = self._matrix[: self._count] @ query
        scores[~self._alive[: self._count]] = -np.inf
        fetch = max(k * 4, 64)
        while True:
            rows, top_scores = _top_of_scores(scores, fetch)
            rows, top_scores = rows[np.isfinite(top_scores)], top_scores[np.isfinite(top_scores)]
            ids = self._ids[rows]
            if accept is not None:
                mask = accept(ids)
                ids, top_scores = ids[mask], top_scores[mask]
            if len(ids) >= k or fetch >= self._count:
                return ids[:k], top_scores[:k]
            fetch *= 4

    def _append_row(self) -> int:
        if self._count == len(self._ids):
            capacity = max(1024, 2 * len(self._ids))
            self._ids = np.resize(self._ids, capacity)
            self._alive = np.concatenate([self._alive, np.zeros(capacity - len(self._alive), dtype=bool)])
            matrix = np.zeros((capacity, self.dim), dtype=np.float32)
            matrix[: self._count] = self._matrix[: self._count]
            self._matrix = matrix
        self._count += 1
        return self._count - 1

    def _build_graph(self) -> None:
        Index = _usearch_index()
        graph = Index(
            ndim=self.dim,
            metric="ip",
            dtype=self.hnsw_dtype,
            connectivity=HNSW_CONNECTIVITY,
            expansion_add=HNSW_EXPANSION_ADD,
            expansion_search=HNSW_EXPANSION_SEARCH,
        )
        alive = np.flatnonzero(self._alive[: self._count])
        if len(alive):
            graph.add(self._ids[alive].astype(np.uint64), self._matrix[alive], threads=os.cpu_count() or 1)
        self._graph = graph

    def build(self, owner_ids: np.ndarray, vectors: np.ndarray) -> None:
        """Load many vectors at once (faster than upserting them one batch at a time)."""
        with self._lock:
            owner_ids = np.asarray(owner_ids, dtype=np.int64)
            self._ids = owner_ids.copy()
            self._matrix = np.array(vectors, dtype=np.float32, copy=True)  # never write into the caller's array
            self._alive = np.ones(len(owner_ids), dtype=bool)
            self._count = len(owner_ids)
            self._row_of = {int(i): row for row, i in enumerate(owner_ids)}
            self._graph = None
            if self._count >= self.approximate_from:
                self._build_graph()
