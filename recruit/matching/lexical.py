"""The lexical signal: words in English, characters, pairs and words in Chinese, ranked by TF-IDF cosine.

Tokens are computed once per text by the worker (jieba is slow to load and to run) and stored beside the
vectors; the web processes keep a TF-IDF index of them in memory. Chinese is matched through jieba's words
and through overlapping character pairs, so 会计学 finds 会计 and 财务会计 finds 会计; English words are
stemmed (PyStemmer) so "accounting" finds "accountant".
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable

import numpy as np
from scipy import sparse

from recruit.language import CJK_CHARACTERS, chinese_words, english_stems

_PIECES = re.compile(rf"[{CJK_CHARACTERS}]+|[a-z0-9][a-z0-9+#]*")
ENGLISH_STOPWORDS = frozenset(
    """
a about above after again all also am an and any are as at be been before being below between both but by can
could did do does doing down during each etc few for from further had has have having he her here hers him his
how i if in into is it its itself just may me might more most must my no nor not now of off on once only or other
our ours out over own same she should so some such than that the their theirs them then there these they this
those through to too under until up use used using very was we well were what when where which while who whom
why will with would you your yours include includes including includ related various within
""".split()
)
CHINESE_STOPWORDS = frozenset(
    """
的 和 与 及 或 等 在 了 对 为 是 中 并 其 以 从 于 把 被 将 由 按 各 该 有 能 可 进行 相关 负责
""".split()
)


def _english_stem(words: list[str]) -> list[str]:
    return english_stems(words)


def _chinese_words(run: str) -> list[str]:
    return [word for word in chinese_words(run) if len(word) > 1 and word not in CHINESE_STOPWORDS]


def lexical_terms(text: str) -> list[str]:
    """The lexical terms of a text: stemmed English words, Chinese words and Chinese character pairs."""
    english: list[str] = []
    chinese: list[str] = []
    for piece in _PIECES.findall((text or "").lower()):
        if piece[0].isascii():
            if piece not in ENGLISH_STOPWORDS and (len(piece) > 1 or piece.isdigit()):
                english.append(piece)
        else:
            chinese.extend(piece)  # single characters carry meaning in Chinese (学, 师, 医)
            chinese.extend(piece[i : i + 2] for i in range(len(piece) - 1))
            chinese.extend(_chinese_words(piece))  # a real two-character word counts again beside its pair
    return _english_stem(english) + chinese if english else chinese


class LexicalIndex:
    """TF-IDF cosine over one side's documents (token lists by owner id), updated incrementally.

    The cosine of TF-IDF vectors ranked better than BM25 for the short texts graduates write (a major's name alone
    is a common Chinese profile; docs/benchmarks.md). Document vectors are weighted with the idf of the last full
    build, which is redone when the collection has grown by a fifth; a changed document gets a new row and its old
    one is dropped.
    """

    REBUILD_GROWTH = 1.2
    MERGE_EVERY = 2000

    def __init__(self):
        self._lock = threading.RLock()
        self._documents: dict[int, Counter] = {}
        self._vocabulary: dict[str, int] = {}
        self._idf = np.zeros(0, dtype=np.float32)
        self._built_size = 0
        self._matrix = sparse.csr_matrix((0, 0), dtype=np.float32)
        self._row_ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._pending: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._dead_rows: set[int] = set()

    def __len__(self) -> int:
        return len(self._documents)

    def upsert(self, owner_ids: Iterable[int], token_lists: Iterable[list[str]]) -> None:
        """Add or replace these documents."""
        with self._lock:
            for owner_id, terms in zip(owner_ids, token_lists, strict=True):
                self._documents[owner_id] = Counter(terms)
                old = self._row_of.pop(owner_id, None)
                if old is not None:
                    self._dead_rows.add(old)
                self._pending[owner_id] = self._vector(self._documents[owner_id])
            if len(self._documents) >= max(1, self._built_size) * self.REBUILD_GROWTH:
                self._rebuild()
            elif len(self._pending) >= self.MERGE_EVERY:
                self._merge()

    def remove(self, owner_ids: Iterable[int]) -> None:
        """Forget these documents."""
        with self._lock:
            for owner_id in owner_ids:
                self._documents.pop(owner_id, None)
                self._pending.pop(owner_id, None)
                old = self._row_of.pop(owner_id, None)
                if old is not None:
                    self._dead_rows.add(old)

    def _vector(self, counts: Counter) -> tuple[np.ndarray, np.ndarray]:
        """Column indexes and l2-normalised tf-idf weights of a document (unknown terms: idf of a rare term)."""
        rare = float(np.log((1 + self._built_size) / 2) + 1)
        columns, weights = [], []
        for term, count in counts.items():
            column = self._vocabulary.get(term)
            if column is None:
                column = self._vocabulary[term] = len(self._vocabulary)
            columns.append(column)
            weights.append(count * (self._idf[column] if column < len(self._idf) else rare))
        weights = np.asarray(weights, dtype=np.float32)
        norm = float(np.linalg.norm(weights))
        return np.asarray(columns, dtype=np.int64), (weights / norm if norm else weights)

    def _rebuild(self) -> None:
        """Recompute idf over every document and every row."""
        frequency = Counter()
        for counts in self._documents.values():
            frequency.update(counts.keys())
        self._vocabulary = {term: i for i, term in enumerate(frequency)}
        n = len(self._documents)
        df = np.asarray(list(frequency.values()), dtype=np.float32)
        self._idf = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)  # smoothed, as scikit-learn does
        self._built_size = n
        self._matrix = sparse.csr_matrix((0, len(self._vocabulary)), dtype=np.float32)
        self._row_ids, self._row_of, self._dead_rows = [], {}, set()
        self._pending = {owner_id: self._vector(counts) for owner_id, counts in self._documents.items()}
        self._merge()

    def _merge(self) -> None:
        """Move pending rows into the matrix."""
        if not self._pending:
            return
        width = len(self._vocabulary)
        indptr, indices, data = [0], [], []
        for owner_id, (columns, weights) in self._pending.items():
            indices.append(columns)
            data.append(weights)
            indptr.append(indptr[-1] + len(columns))
            self._row_of[owner_id] = len(self._row_ids)
            self._row_ids.append(owner_id)
        block = sparse.csr_matrix(
            (
                np.concatenate(data) if data else np.zeros(0, np.float32),
                np.concatenate(indices) if indices else np.zeros(0, np.int64),
                indptr,
            ),
            shape=(len(self._pending), width),
        )
        old = self._matrix
        old.resize((old.shape[0], width))
        self._matrix = sparse.vstack([old, block], format="csr")
        self._pending = {}

    def _query(self, query_terms: list[str]) -> sparse.csr_matrix:
        counts = Counter(term for term in query_terms if term in self._vocabulary)
        columns = [self._vocabulary[t] for t in counts]
        weights = np.asarray(
            [c * (self._idf[i] if i < len(self._idf) else 0.0) for i, c in zip(columns, counts.values(), strict=True)],
            dtype=np.float32,
        )
        norm = float(np.linalg.norm(weights))
        return sparse.csr_matrix(
            (weights / norm if norm else weights, (np.zeros(len(columns), int), columns)),
            shape=(1, len(self._vocabulary)),
        )

    def scores_of(self, query_terms: list[str], owner_ids: Iterable[int]) -> np.ndarray:
        """Cosine of the query with each of the given documents (0 for unknown ones)."""
        with self._lock:
            self._ensure_built()
            self._merge()
            query = self._query(query_terms).T.tocsr()
            owner_ids = list(owner_ids)
            rows = [self._row_of.get(owner_id, -1) for owner_id in owner_ids]
            known = [i for i, row in enumerate(rows) if row >= 0]
            out = np.zeros(len(owner_ids), dtype=np.float32)
            if known and query.nnz:
                out[known] = np.asarray((self._matrix[[rows[i] for i in known]] @ query).todense()).ravel()
            return out

    def top(self, query_terms: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k best documents for the query over the whole index, best first."""
        with self._lock:
            self._ensure_built()
            self._merge()
            query = self._query(query_terms).T.tocsr()
            if not query.nnz or self._matrix.shape[0] == 0:
                return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
            scores = np.asarray((self._matrix @ query).todense()).ravel()
            if self._dead_rows:
                scores[list(self._dead_rows)] = 0.0
            k = min(k, int((scores > 0).sum()))
            if k == 0:
                return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
            top = np.argpartition(-scores, k - 1)[:k]
            order = top[np.argsort(-scores[top], kind="stable")]
            return np.asarray(self._row_ids, dtype=np.int64)[order], scores[order]

    def _ensure_built(self) -> None:
        if self._built_size == 0 and self._documents:
            self._rebuild()
