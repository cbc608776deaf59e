"""A ranker learned from what graduates did with what they were shown: LightGBM's LambdaRank over the signals the
hand-set score weighs, its output put back on the hand-set scale so that labels and the discovery places read it alike.

Pure: lists in, a model out; the service (`services/discovery/ranker.py`) finds the lists, trains on a time split
and swaps a model in only when it beats the current ranker on the most recent week.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from recruit.matching.scoring import hand_set_score

# What the learned ranker reads. Exposure is left out: a ranker that learned that much-shown vacancies get clicked
# would undo the discovery places (matching/exposure.py), which stay on top of any ranker.
FEATURES = ("similarity", "lexical", "skills", "city", "industry", "salary", "major", "applicants_per_place")
K = 10
SCALE_KNOTS = 64


@dataclass
class ShownList:
    """One list of matches as shown: each item's features (as stored) and how far the graduate went with it."""

    features: list[dict]
    gains: list[int]

    @property
    def has_positive(self) -> bool:
        """True when the graduate did something with at least one item (only such lists teach a ranker)."""
        return any(gain > 0 for gain in self.gains)


def feature_matrix(features: list[dict]) -> np.ndarray:
    """Rows of numbers in FEATURES order: a yes 1, a no 0, unknown NaN (LightGBM's missing value)."""

    def number(value) -> float:
        if value is None:
            return math.nan
        return float(value)  # bool is an int: True 1.0, False 0.0

    return np.array([[number(row.get(name)) for name in FEATURES] for row in features], dtype=np.float64)


def hand_set_scores(features: list[dict]) -> np.ndarray:
    """The hand-set score of each item."""
    return np.array([hand_set_score(row) for row in features])


def ndcg(lists: list[ShownList], scores: list[np.ndarray], k: int = K) -> float:
    """Mean nDCG@k of the lists ordered by `scores` (gain 2^g − 1), over lists with a positive item."""
    total, counted = 0.0, 0
    for shown, score in zip(lists, scores, strict=True):
        if not shown.has_positive:
            continue
        gains = np.asarray(shown.gains, dtype=float)
        order = np.argsort(-score, kind="stable")[:k]
        discounts = 1 / np.log2(np.arange(2, k + 2))
        dcg = float(((2 ** gains[order] - 1) * discounts[: len(order)]).sum())
        ideal = np.sort(gains)[::-1][:k]
        total += dcg / float(((2**ideal - 1) * discounts[: len(ideal)]).sum())
        counted += 1
    return total / counted if counted else 0.0


def _isotonic(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The non-decreasing step fit of y on x (pool adjacent violators), as knots for np.interp."""
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    blocks: list[list[float]] = []  # [sum of y, count, first x, last x]
    for xi, yi in zip(xs, ys, strict=True):
        blocks.append([yi, 1, xi, xi])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            total, count, _, last = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
            blocks[-1][3] = last
    knots_x = np.array([(b[2] + b[3]) / 2 for b in blocks])
    knots_y = np.array([b[0] / b[1] for b in blocks])
    if len(knots_x) > SCALE_KNOTS:
        keep = np.unique(np.linspace(0, len(knots_x) - 1, SCALE_KNOTS).round().astype(int))
        knots_x, knots_y = knots_x[keep], knots_y[keep]
    return knots_x, knots_y


@dataclass
class LearnedRanker:
    """A trained model and the monotone map from its output to the hand-set scale."""

    model_text: str
    scale_x: list[float]
    scale_y: list[float]

    def __post_init__(self):
        import lightgbm

        self._booster = lightgbm.Booster(model_str=self.model_text)

    def raw(self, features: list[dict]) -> np.ndarray:
        """The model's own scores (higher is better)."""
        if not features:
            return np.zeros(0)
        return self._booster.predict(feature_matrix(features), num_threads=1)

    def score(self, features: list[dict]) -> np.ndarray:
        """Scores on the hand-set scale, in the model's order (a strictly increasing map keeps ties apart)."""
        raw = self.raw(features)
        mapped = np.interp(raw, self.scale_x, self.scale_y)
        return mapped + 1e-6 * (raw - raw.min(initial=0.0)) / (1 + np.ptp(raw) if len(raw) else 1)


def train(lists: list[ShownList], seed: int = 7) -> LearnedRanker:
    """A LambdaRank model of these lists (those with a positive item), mapped onto the hand-set scale."""
    import lightgbm

    useful = [shown for shown in lists if shown.has_positive]
    matrix = np.vstack([feature_matrix(shown.features) for shown in useful])
    labels = np.concatenate([shown.gains for shown in useful])
    model = lightgbm.LGBMRanker(
        objective="lambdarank",
        n_estimators=120,
        learning_rate=0.05,
        num_leaves=15,
        min_child_samples=20,
        subsample=0.8,
        subsample_freq=1,
        colsample_bytree=0.9,
        random_state=seed,
        n_jobs=1,
        verbose=-1,
    )
    model.fit(matrix, labels, group=[len(shown.gains) for shown in useful])
    model_text = model.booster_.model_to_string()
    raw = model.booster_.predict(matrix, num_threads=1)
    hand = hand_set_scores([row for shown in useful for row in shown.features])
    # Put the learned order on the hand-set scale: the hand-set scores sorted, laid along the learned ones.
    scale_x, scale_y = _isotonic(raw, np.sort(hand)[np.argsort(np.argsort(raw, kind="stable"), kind="stable")])
    return LearnedRanker(model_text, scale_x.tolist(), scale_y.tolist())
