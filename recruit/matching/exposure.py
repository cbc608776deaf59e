"""Fair exposure: three places of a graduate's first ten go to good matches few graduates have been shown.

Without them a few vacancies close to many profiles take everyone's first places and a fifth of the vacancies (on
the English development set; 14 % on the seeded campaign) appear in nobody's top 10 (docs/matching.md). The tenth
place goes to the best match nobody has been shown in the last seven days, the eighth and ninth to the best shown
less than half as often as an average open vacancy; each pick must be at least a third as likely to be right as the
match whose place it takes (calibration). Picks are shown marked "few graduates have seen this vacancy yet", with
their own label, apart from the order of the others (whose labels still read in the list's order).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

# (place, exposure below which a match may take it: 0 means never shown), filled in this order.
DISCOVERY_PLACES = ((8, 0.5), (9, 0.5), (10, 0.0))
SHORT_LIST_PLACES = ((0, 0.0),)  # a list shorter than ten: its last place, for a match nobody was shown
DISCOVERY_ODDS = 1 / 3  # a pick's chance of being right, at least this share of the replaced match's


def places_for(limit: int) -> tuple[tuple[int, float], ...]:
    """The discovery places of a list of `limit` items."""
    if limit >= max(place for place, _ in DISCOVERY_PLACES):
        return DISCOVERY_PLACES
    return tuple((limit, below) for _, below in SHORT_LIST_PLACES)


def is_little_seen(exposure: float | None, below: float) -> bool:
    """Whether a match of this exposure (None: never shown lately) may take a place that asks for `below`."""
    return exposure is None if below == 0 else (exposure is None or exposure < below)


def discovery_index(
    scores: Sequence[float], eligible: Sequence[bool], place: int, chance: Callable[[float], float]
) -> int | None:
    """Among the items after `place` (scores best first), the first eligible one with at least DISCOVERY_ODDS of
    the chance of the item at `place`; None when there is none."""
    if place < 1 or len(scores) <= place:
        return None
    replaced = chance(scores[place - 1])
    for index in range(place, len(scores)):
        if chance(scores[index]) < DISCOVERY_ODDS * replaced:
            return None  # scores only fall from here
        if eligible[index]:
            return index
    return None


def with_picks(items: list, scores: Callable, exposure: Callable, limit: int, chance: Callable) -> tuple[list, list]:
    """The list with its discovery places filled (`scores(item)`, `exposure(item)` → multiple of the fair share or
    None); returns the list and the items picked."""
    picked = []
    for place, below in places_for(limit):
        index = discovery_index(
            [scores(item) for item in items],
            [is_little_seen(exposure(item), below) and item not in picked for item in items],
            place,
            chance,
        )
        if index is not None:
            picked.append(items[index])
            items = with_pick_at(items, place, index)
    return items, picked


def with_pick_at(items: list, place: int, index: int | None) -> list:
    """The list with item `index` moved to `place` (1-based), the others keeping their order."""
    if index is None:
        return items
    return [*items[: place - 1], items[index], *items[place - 1 : index], *items[index + 1 :]]
