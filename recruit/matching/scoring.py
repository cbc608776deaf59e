"""One score from what people weigh, and the reasons shown with it. Pure functions, no database.

The content part (similarity + weighted lexical signal, `recruit.matching.ranking`) was tuned on the
development sets with `recruit eval`; the structured signals, which those sets cannot measure, are weighted
by judgement: each moves a match by less than a clear difference in content does, so a good fit in content
is never buried under a preferred city alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SKILLS_WEIGHT = 0.08
CITY_WEIGHT = 0.04
INDUSTRY_WEIGHT = 0.03
SALARY_WEIGHT = 0.03
MAJOR_WEIGHT = 0.05
# A vacancy with this many applicants per open place is already well served: it is pushed down so that
# SMEs with few applicants get seen.
CROWDED_RATIO = 10
CROWDED_PENALTY = 0.06
FEW_APPLICANTS_BONUS = 0.01


def normalise_term(term: str) -> str:
    """A skill or major as compared: case-folded, spaces squeezed."""
    return " ".join(str(term).casefold().split())


def mentions(text: str, term: str) -> bool:
    """Whether a case-folded text names a term: as a whole word in Latin script, anywhere in Chinese."""
    if not term:
        return False
    if term.isascii():
        return re.search(r"(?<![a-z0-9])" + re.escape(term) + r"(?![a-z0-9])", text) is not None
    return term in text  # Chinese has no spaces between words: a contained term is a mention


def skills_overlap(wanted: list[str], offered: list[str], offered_text: str) -> tuple[list[str], list[str]]:
    """Which of the wanted skills the other side lists or mentions, and which it does not."""
    offered_set = {normalise_term(skill) for skill in offered}
    text = normalise_term(offered_text)
    matched, missing = [], []
    for skill in wanted:
        term = normalise_term(skill)
        if not term:
            continue
        (matched if term in offered_set or mentions(text, term) else missing).append(skill)
    return matched, missing


def major_fits(major: str | None, preferred_majors: list[str]) -> bool | None:
    """Whether a graduate's major is among a vacancy's preferred majors (None: the vacancy names none)."""
    preferred = [normalise_term(item) for item in preferred_majors if str(item).strip()]
    if not preferred:
        return None
    mine = normalise_term(major or "")
    return bool(mine) and any(mine == item or item in mine or mine in item for item in preferred)


@dataclass
class MatchSignals:
    """Everything one graduate–vacancy pair is scored on."""

    similarity: float
    lexical: float = 0.0  # the lexical part of the content score, already weighted
    skills_matched: list[str] = field(default_factory=list)
    skills_missing: list[str] = field(default_factory=list)
    city_preferred: bool | None = None
    industry_preferred: bool | None = None
    salary_fits: bool | None = None
    major_fits: bool | None = None
    applicants_per_place: float = 0.0
    exposure: float = 0.0  # recent top-10 impressions as a multiple of the fair share (matching/exposure.py)

    def as_features(self, precise: bool = False) -> dict:
        """The signals as numbers, as stored with what was shown (rounded) and as a learned ranker reads them."""
        wanted = len(self.skills_matched) + len(self.skills_missing)
        numbers = {
            "similarity": self.similarity,
            "lexical": self.lexical,
            "skills": len(self.skills_matched) / wanted if wanted else None,
            "applicants_per_place": self.applicants_per_place,
            "exposure": self.exposure,
        }
        if not precise:
            numbers = {name: None if value is None else round(value, 5) for name, value in numbers.items()}
        return {
            **numbers,
            "city": self.city_preferred,
            "industry": self.industry_preferred,
            "salary": self.salary_fits,
            "major": self.major_fits,
        }


def _signed(value: bool | None) -> float:
    return 0.0 if value is None else (1.0 if value else -0.5)


def score(signals: MatchSignals) -> float:
    """The one number recommendations are ordered by (higher is better), with the hand-set weights."""
    return hand_set_score(signals.as_features(precise=True))


def hand_set_score(features: dict) -> float:
    """The hand-set score of a pair from its features (`MatchSignals.as_features`)."""
    value = (
        features["similarity"]
        + features["lexical"]
        + SKILLS_WEIGHT * (features["skills"] or 0.0)
        + CITY_WEIGHT * _signed(features["city"])
        + INDUSTRY_WEIGHT * _signed(features["industry"])
        + SALARY_WEIGHT * _signed(features["salary"])
        + MAJOR_WEIGHT * _signed(features["major"])
    )
    crowding = features["applicants_per_place"]
    if crowding >= CROWDED_RATIO:
        value -= CROWDED_PENALTY
    elif crowding < 1:
        value += FEW_APPLICANTS_BONUS
    return value
