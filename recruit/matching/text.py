"""The texts the matcher embeds: what a graduate offers and what a vacancy asks for, nothing personal.

Only the fields named here are read, so gender, age, photo, ID number or household registration can never
reach a vector even if a profile came to hold them.

The model reads 128 word pieces well (its training length) and truncates beyond; a long text is therefore
embedded as several views and pooled (`views`): a vacancy as windows of about 90 words, each after its
title; a graduate as the whole text plus each sentence (what this gains: docs/benchmarks.md).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from recruit.language import CJK_CHARACTERS
from recruit.models.matching import EmbeddingOwner
from recruit.reference.education import DEGREE_NAMES, Degree

DEGREE_WORDS = {degree: f"{names.phrase} {names.zh}" for degree, names in DEGREE_NAMES.items()}
MAX_CHARS = 4000  # beyond this a text only costs time
WINDOW_WORDS = 90
MAX_VIEWS = 12
_SENTENCE_END = re.compile(r"(?<=[.;!?。；！？])\s*")
_WORD = re.compile(f"[{CJK_CHARACTERS}]|[^\\s{CJK_CHARACTERS}]+")


@dataclass(frozen=True)
class MatchText:
    """A headline and a body, as embedded; `digest` identifies both."""

    headline: str
    body: str

    @property
    def digest(self) -> str:
        """SHA-256 of headline and body: unchanged text is never embedded twice."""
        return hashlib.sha256(f"{self.headline}\x1f{self.body}".encode()).hexdigest()

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to match on yet."""
        return not (self.headline or self.body)


def _join(*parts) -> str:
    text = " ".join(" ".join(str(part).split()) for part in parts if part)
    return text[:MAX_CHARS]


def _sentence(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if not text or text[-1] in ".。!！?？;；" else text + "."


def _skills(skills) -> str:
    names = [str(skill).strip() for skill in (skills or ()) if str(skill).strip()]
    return "Skills: " + ", ".join(names) + "." if names else ""


def graduate_text(
    major: str | None, degree: Degree | str | None, skills, about: str | None, resume_text: str | None
) -> MatchText:
    """A graduate's text: major, degree, skills, about me and résumé text."""
    degree_words = DEGREE_WORDS.get(Degree(degree)) if degree else ""
    major = " ".join((major or "").split())
    return MatchText(
        headline=major,
        body=_join(_sentence(major), _sentence(degree_words), _skills(skills), _sentence(about), resume_text),
    )


def vacancy_text(title: str | None, requirements: str | None, skills, description: str | None) -> MatchText:
    """A vacancy's text: title, requirements, skills and description."""
    title = " ".join((title or "").split())
    return MatchText(
        headline=title, body=_join(_sentence(title), _sentence(requirements), _skills(skills), description)
    )


def profile_match_text(profile) -> MatchText:
    """The text of a GraduateProfile."""
    return graduate_text(profile.major, profile.degree, profile.skills, profile.about, profile.resume_text)


def vacancy_match_text(vacancy) -> MatchText:
    """The text of a Vacancy."""
    return vacancy_text(vacancy.title, vacancy.requirements, vacancy.skills, vacancy.description)


def sentences(text: str) -> list[str]:
    """The sentences of a text (English or Chinese punctuation)."""
    return [part.strip() for part in _SENTENCE_END.split(text or "") if part.strip()]


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))  # a Chinese character counts as a word: each is about one word piece


def windows(match_text: MatchText, words: int = WINDOW_WORDS) -> list[str]:
    """The body cut at sentence ends into windows of about `words` words, each after the headline."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    for sentence in sentences(match_text.body):
        length = _word_count(sentence)
        if current and size + length > words:
            out.append(" ".join(current))
            current, size = [], 0
        current.append(sentence)
        size += length
    if current:
        out.append(" ".join(current))
    out = out[:MAX_VIEWS]
    head = match_text.headline
    return [window if i == 0 or not head else f"{head}. {window}" for i, window in enumerate(out)]


def views(match_text: MatchText, side: EmbeddingOwner) -> list[str]:
    """The texts embedded for one document and pooled into its vector (a graduate's or a vacancy's)."""
    if match_text.is_empty:
        return []
    if side is EmbeddingOwner.VACANCY:
        return windows(match_text) or [match_text.headline]
    parts = sentences(match_text.body)
    whole = match_text.body or match_text.headline
    return [whole] + (parts[:MAX_VIEWS] if len(parts) > 1 else [])


def pool(vectors, side: EmbeddingOwner):
    """One normalised vector from a document's view vectors (see `views`)."""
    import numpy as np

    vectors = np.asarray(vectors, dtype=np.float32)
    if side is EmbeddingOwner.VACANCY or len(vectors) == 1:
        pooled = vectors.mean(axis=0)
    else:
        pooled = vectors[0] + vectors[1:].mean(axis=0)  # the whole text, and its sentences as much again
    return pooled / max(float(np.linalg.norm(pooled)), 1e-12)
