"""The discovery place: which unseen match may take it, and how the list moves."""

from recruit.matching.evaluate import exposure_of, gini
from recruit.matching.exposure import discovery_index, places_for, with_pick_at, with_picks


def _chance(score: float) -> float:
    return score  # scores standing for chances: labels at 0.30 and 0.12


def test_the_first_unseen_match_with_a_third_of_the_chance_takes_the_place():
    scores = [0.9, 0.8, 0.25, 0.2, 0.15, 0.1]
    unseen = [False, False, False, False, True, True]
    assert discovery_index(scores, unseen, 3, _chance) == 4  # 0.15 is over a third of 0.25


def test_no_pick_when_the_unseen_match_is_far_less_likely():
    assert discovery_index([0.9, 0.8, 0.25, 0.2, 0.05], [False, False, False, False, True], 3, _chance) is None
    assert discovery_index([0.9, 0.8], [True, True], 3, _chance) is None  # no item after the place


def test_the_pick_moves_to_its_place_and_the_rest_keep_their_order():
    assert with_pick_at(list("abcdef"), 3, 4) == list("abecdf")
    assert with_pick_at(list("abc"), 3, None) == list("abc")


def test_gini_and_never_shown():
    assert gini([5, 5, 5, 5]) == 0
    assert gini([0, 0, 0, 12]) == 0.75
    spread = exposure_of([["a", "b"], ["a", "c"]], ["a", "b", "c", "d"])
    assert spread.never_shown == 0.25 and 0 < spread.gini < 1


def test_two_little_seen_then_one_never_seen_match_fill_the_eighth_to_tenth_places():
    items = [(f"v{i}", 0.9 - i * 0.02) for i in range(14)]  # v0 best
    exposure = {f"v{i}": 3.0 for i in range(14)}
    exposure.update({"v10": 0.2, "v11": None, "v12": 0.4, "v13": None})  # None: never shown lately
    ranked, picked = with_picks(items, lambda item: item[1], lambda item: exposure[item[0]], 10, _chance)
    assert [name for name, _ in ranked[:10]] == ["v0", "v1", "v2", "v3", "v4", "v5", "v6", "v10", "v11", "v13"]
    assert [name for name, _ in picked] == ["v10", "v11", "v13"]  # v12, seen a little, may not take the tenth


def test_a_short_list_gives_only_its_last_place_and_only_to_a_match_nobody_was_shown():
    assert places_for(5) == ((5, 0.0),) and places_for(20) == ((8, 0.5), (9, 0.5), (10, 0.0))
