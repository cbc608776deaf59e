"""The calibration of match scores: a curve that rises with the score, labels in its order, a fit that finds it."""

import numpy as np

from recruit.matching.calibration import Curve, curves_for, fit_curve, likelihood, strength


def test_the_likelihood_rises_with_the_score_in_either_language():
    for share in (0.0, 0.5, 1.0):
        chances = [likelihood(score, share) for score in np.linspace(-1, 9, 200)]
        assert chances == sorted(chances) and 0 <= chances[0] < chances[-1] <= 1


def test_a_chinese_query_needs_a_higher_score_for_the_same_label():
    """Chinese scores carry a lexical part weighted 80 times more: 0.7 is strong in English, not in Chinese."""
    assert strength(likelihood(0.7, 0.0)) == "strong"
    assert strength(likelihood(0.7, 1.0)) == "fair"
    assert strength(likelihood(4.0, 1.0)) == "strong"


def test_labels_follow_the_likelihood():
    labels = [strength(chance) for chance in (0.9, 0.3, 0.29, 0.12, 0.11, 0.0)]
    assert labels == ["strong", "strong", "good", "good", "fair", "fair"]


def test_the_fit_recovers_a_known_curve():
    rng = np.random.default_rng(7)
    scores = rng.uniform(0, 1, 20_000)
    truth = Curve(slope=8.0, intercept=-5.0)
    right = rng.uniform(size=scores.size) < 1 / (1 + np.exp(-(truth.slope * scores + truth.intercept)))
    fitted = fit_curve(scores.tolist(), right.tolist())
    assert abs(fitted.slope - 8.0) < 0.6 and abs(fitted.intercept + 5.0) < 0.4


def test_a_trained_model_is_known_by_its_kind_whatever_its_weights():
    from recruit.matching.encoder_settings import model_family
    from recruit.matching.ranking import lexical_weight

    assert model_family("all-MiniLM-L6-v2+int8") == "all-MiniLM-L6-v2"
    assert model_family("recruit-e5-8df9ef96de") == model_family("recruit-e5-0123456789") == "recruit-e5"
    assert curves_for("recruit-e5-8df9ef96de") == curves_for("recruit-e5-0123456789") != curves_for("all-MiniLM-L6-v2")
    # A multilingual model reads Chinese itself: the words count for much less than under the English model.
    assert lexical_weight("会计学", "recruit-e5-8df9ef96de") < lexical_weight("会计学", "all-MiniLM-L6-v2+int8") / 10
