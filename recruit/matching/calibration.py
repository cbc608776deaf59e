"""How likely a match is to be right, from its score: the one figure (a label) that orders a list of matches.

A score is a content score (cosine + weighted lexical signal, `ranking`) moved by the structured signals
(`scoring`), all in content units, so one curve maps it to the chance that the pair is a real destination:
the logistic curve fitted on the development sets' top 50 per graduate (`recruit eval` prints the fit and each
label's measured share of right pairs). The content scale depends on the text's script (the lexical weight is
80 times larger for Chinese under the bundled English model), so there is a curve for English and one for
Chinese, blended by the query's share of Chinese. A label never contradicts the order of the list: the curve
rises with the score, and a list is ordered by the score.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from recruit.matching.encoder_settings import DEFAULT_MODEL, model_family


@dataclass(frozen=True)
class Curve:
    """A logistic curve: the chance of a right match at a score."""

    slope: float
    intercept: float

    def logit(self, score: float) -> float:
        """The log-odds of a right match at this score."""
        return self.slope * score + self.intercept


# Fitted with `recruit eval` on ../shared/data/matching-dev (English) and matching-dev-zh (Chinese), int8 model.
CURVES: dict[str, tuple[Curve, Curve]] = {
    DEFAULT_MODEL: (Curve(slope=10.88, intercept=-7.40), Curve(slope=1.885, intercept=-6.50)),
    # The trained encoder (`recruit train-encoder`), fitted the same way with recruit-e5-8df9ef96de. It was trained
    # on these sets, so the curves are optimistic for programmes it has not seen: refit on held-out data when there is.
    "recruit-e5": (Curve(slope=24.019, intercept=-20.359), Curve(slope=32.313, intercept=-30.548)),
}
# Models without their own curves (another sentence-transformers folder) use the default model's: their labels
# are then a guide only, until `recruit eval` is run on them and their curves are added here.
STRONG_FROM = 0.30  # top decile of English matches: 39 % right on the development set
GOOD_FROM = 0.12


class Strength(enum.StrEnum):
    """A match's label, shown beside its reasons."""

    STRONG = "strong"
    GOOD = "good"
    FAIR = "fair"


def curves_for(model_name: str) -> tuple[Curve, Curve]:
    """The (English, Chinese) curves of a model, by its base name (an int8 variant shares them)."""
    return CURVES.get(model_family(model_name), CURVES[DEFAULT_MODEL])


def likelihood(score: float, chinese_share: float, model_name: str = DEFAULT_MODEL) -> float:
    """The chance that a match of this score is right, for a query text with this share of Chinese (0–1)."""
    english, chinese = curves_for(model_name)
    logit = (1 - chinese_share) * english.logit(score) + chinese_share * chinese.logit(score)
    return 1 / (1 + math.exp(-max(-60.0, min(60.0, logit))))


def strength(chance: float) -> Strength:
    """The label of a match from its likelihood."""
    if chance >= STRONG_FROM:
        return Strength.STRONG
    if chance >= GOOD_FROM:
        return Strength.GOOD
    return Strength.FAIR


def fit_curve(scores: list[float], right: list[bool], steps: int = 50) -> Curve:
    """The logistic curve that best fits scores to right/wrong outcomes (Newton's method, a small ridge)."""
    import numpy as np

    x = np.column_stack([np.asarray(scores, dtype=float), np.ones(len(scores))])
    y = np.asarray(right, dtype=float)
    weights = np.zeros(2)
    for _ in range(steps):
        chance = 1 / (1 + np.exp(-np.clip(x @ weights, -60, 60)))
        gradient = x.T @ (chance - y) + 1e-6 * weights
        hessian = (x.T * (chance * (1 - chance))) @ x + 1e-6 * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-9:
            break
    return Curve(slope=float(weights[0]), intercept=float(weights[1]))
