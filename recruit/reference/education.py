"""Degrees and the discipline categories of the undergraduate catalogue (14 since 2022)."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Degree(enum.StrEnum):
    ASSOCIATE = "associate"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTOR = "doctor"

    @property
    def rank(self) -> int:
        """Position in the ladder: a minimum degree admits this rank and above."""
        return list(Degree).index(self)


def degrees_admitted_for(degree: Degree | None) -> list[str]:
    """The minimum-degree values a graduate of `degree` satisfies (none for an unknown degree)."""
    return [d.value for d in Degree if degree is not None and d.rank <= degree.rank]


def degrees_meeting(minimum: Degree) -> list[str]:
    """The degree values that satisfy a vacancy's minimum degree."""
    return [d.value for d in Degree if d.rank >= minimum.rank]


def degree_meets(degree: Degree | None, minimum: Degree | None) -> bool:
    """Tell whether a graduate's degree satisfies a vacancy's minimum degree."""
    if minimum is None:
        return True
    return degree is not None and degree.rank >= minimum.rank


@dataclass(frozen=True)
class DegreeNames:
    """A degree's names: in Chinese (本科), in English (Bachelor), and as an English sentence says it."""

    zh: str
    en: str
    phrase: str


# The one definition of what each degree is called.
DEGREE_NAMES = {
    Degree.ASSOCIATE: DegreeNames("专科", "Associate", "associate degree"),
    Degree.BACHELOR: DegreeNames("本科", "Bachelor", "bachelor's degree"),
    Degree.MASTER: DegreeNames("硕士", "Master", "master's degree"),
    Degree.DOCTOR: DegreeNames("博士", "Doctor", "doctorate"),
}

DISCIPLINES: tuple[tuple[str, str, str], ...] = (
    ("01", "哲学", "Philosophy"),
    ("02", "经济学", "Economics"),
    ("03", "法学", "Law"),
    ("04", "教育学", "Education"),
    ("05", "文学", "Literature"),
    ("06", "历史学", "History"),
    ("07", "理学", "Science"),
    ("08", "工学", "Engineering"),
    ("09", "农学", "Agriculture"),
    ("10", "医学", "Medicine"),
    ("11", "军事学", "Military science"),
    ("12", "管理学", "Management"),
    ("13", "艺术学", "Art"),
    ("14", "交叉学科", "Interdisciplinary studies"),
)
DISCIPLINE_CODES = tuple(d[0] for d in DISCIPLINES)
