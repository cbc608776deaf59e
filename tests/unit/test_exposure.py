"""The discovery place: which unseen match may take it, and how the list moves."""

from recruit.matching.calibration import strength
from recruit.matching.evaluate import exposure_of, gini
from recruit.matching.exposure import discovery_index, with_pick_at


def _chance(score: float) -> float:
    return score  # scores standing for chances: labels at 0.30 and 0.12


def test_the_first_unseen_match_with_the_same_label_and_a_third_of_the_chance_takes_the_place():
    scores = [0.9, 0.8, 0.25, 0.2, 0.15, 0.1]
    unseen = [False, False, False, False, True, True]
    assert discovery_index(scores, unseen, 3, _chance, strength) == 4  # 0.15: "good" like 0.25, over a third


def test_no_pick_when_the_unseen_match_is_far_less_likely_or_labelled_lower():
    assert discovery_index([0.9, 0.8, 0.25, 0.05], [False, False, False, True], 3, _chance, strength) is None
    assert discovery_index([0.9, 0.8, 0.31, 0.29], [False, False, False, True], 3, _chance, strength) is None
    assert discovery_index([0.9, 0.8], [True, True], 3, _chance, strength) is None  # no item after the place


def test_the_pick_moves_to_its_place_and_the_rest_keep_their_order():
    assert with_pick_at(list("abcdef"), 3, 4) == list("abecdf")
    assert with_pick_at(list("abc"), 3, None) == list("abc")


def test_gini_and_never_shown():
    assert gini([5, 5, 5, 5]) == 0
    assert gini([0, 0, 0, 12]) == 0.75
    spread = exposure_of([["a", "b"], ["a", "c"]], ["a", "b", "c", "d"])
    assert spread.never_shown == 0.25 and 0 < spread.gini < 1
