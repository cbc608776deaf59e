"""Fair exposure: one place of a graduate's first ten goes to a good match nobody has been shown lately.

Without it a few vacancies close to many profiles take everyone's first places and about a fifth of the vacancies
appear in nobody's top 10 (docs/matching.md). The pick must carry the same label as the match it replaces, so the
labels still read in the list's order, and be at least a third as likely to be right (calibration); it is marked
"few graduates have seen this yet". Hubs are also moved down by the score itself (`scoring.exposure_penalty`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

DISCOVERY_PLACE = 10  # the place given to the pick (the last of a shorter list)
DISCOVERY_ODDS = 1 / 3  # the pick's chance of being right, at least this share of the replaced match's


def discovery_index(
    scores: Sequence[float], unseen: Sequence[bool], place: int, chance: Callable[[float], float], label
) -> int | None:
    """Among the items after `place` (scores best first), the first that nobody has been shown lately, with the
    same label as the item at `place` and at least DISCOVERY_ODDS of its chance; None when there is none."""
    if place < 1 or len(scores) <= place:
        return None
    replaced = chance(scores[place - 1])
    for index in range(place, len(scores)):
        if not unseen[index]:
            continue
        candidate = chance(scores[index])
        if candidate < DISCOVERY_ODDS * replaced:
            return None  # scores only fall from here
        if label(candidate) == label(replaced):
            return index
    return None


def with_pick_at(items: list, place: int, index: int | None) -> list:
    """The list with item `index` moved to `place` (1-based), the others keeping their order."""
    if index is None:
        return items
    return [*items[: place - 1], items[index], *items[place - 1 : index], *items[index + 1 :]]
