"""Recommendations both ways: vacancies for a graduate, candidates for a vacancy, each with its reasons.

Runs in the web process on the vectors and terms the worker stored (`recruit.matching.store`); it never
loads a model. Hard filters are applied in the database to the candidate pool the indexes propose, or,
when the graduate filters the list, first (the filtered vacancies are then scored exactly):
vacancy published, company verified, deadline not passed, degree requirement met, not hidden by the
graduate; for SMEs, graduates who are visible to employers.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from recruit import clock
from recruit.matching import calibration, scoring
from recruit.matching.calibration import Strength
from recruit.matching.exposure import with_picks
from recruit.matching.ranking import POOL_SIZE, chinese_share, content_matches, lexical_weight, widening_matches
from recruit.matching.store import side_store
from recruit.matching.text import profile_match_text, vacancy_match_text
from recruit.models import (
    Application,
    ApplyInvitation,
    DismissedVacancy,
    Embedding,
    EmbeddingOwner,
    GraduateProfile,
    User,
    Vacancy,
)
from recruit.reference.education import degrees_admitted_for, degrees_meeting
from recruit.services.discovery import feedback, ranker
from recruit.services.discovery.search import MAX_TERMS, VacancyQuery, apply_filters, apply_keywords, open_vacancies
from recruit.services.discovery.search_index import query_words
from recruit.services.hiring.applications import OPEN_STATUSES

EXACT_FILTERED_UP_TO = 50_000  # a filtered list up to this size is scored exactly, not through the pool
RESCORED_PER_ITEM, RESCORED_AT_LEAST = 3, 60


@dataclass
class Reasons:
    """Why a match was recommended, as shown next to it."""

    similarity: float
    strength: Strength = Strength.FAIR  # the label that orders the list (calibrated on the development sets)
    few_have_seen: bool = False  # given its place because nobody has been shown it lately (matching/exposure.py)
    skills_matched: list[str] = field(default_factory=list)
    skills_missing: list[str] = field(default_factory=list)
    city: str | None = None  # the preferred city it is in
    industry_preferred: bool = False
    major_fits: bool | None = None
    salary_fits: bool | None = None


@dataclass
class VacancyMatch:
    """A recommended vacancy."""

    vacancy: Vacancy
    score: float
    reasons: Reasons
    signals: scoring.MatchSignals | None = None


@dataclass
class CandidateMatch:
    """A recommended graduate for a vacancy."""

    profile: GraduateProfile
    score: float
    reasons: Reasons
    is_invited: bool = False
    signals: scoring.MatchSignals | None = None


class RecommendationState(enum.StrEnum):
    """Whether a list of matches can be shown, and if not, why."""

    READY = "ready"
    PREPARING = "preparing"  # the worker has not embedded the latest text yet
    INCOMPLETE = "incomplete"  # the profile lacks what matching needs
    PAUSED = "paused"  # the graduate accepted an offer and has not said they are looking again


@dataclass
class Recommendations:
    """A list of matches, or why there is none yet."""

    state: RecommendationState
    items: list = field(default_factory=list)

    @property
    def is_ready(self) -> bool:
        """True when the matches can be shown (there may be none)."""
        return self.state is RecommendationState.READY

    @property
    def is_preparing(self) -> bool:
        """True while the worker has yet to embed the latest text."""
        return self.state is RecommendationState.PREPARING

    @property
    def is_incomplete(self) -> bool:
        """True when the profile lacks what matching needs."""
        return self.state is RecommendationState.INCOMPLETE

    @property
    def is_paused(self) -> bool:
        """True when the graduate accepted an offer and paused their recommendations."""
        return self.state is RecommendationState.PAUSED


def _stored(session, owner_type: EmbeddingOwner, owner_id: int, model_name: str) -> Embedding | None:
    return session.scalar(
        select(Embedding).where(
            Embedding.owner_type == owner_type, Embedding.owner_id == owner_id, Embedding.model_name == model_name
        )
    )


def _current_vector(row: Embedding | None, text_changed_at) -> np.ndarray | None:
    """The stored vector, unless the text changed after it was computed (then matches are being prepared)."""
    if row is None or (text_changed_at is not None and (row.computed_at is None or row.computed_at < text_changed_at)):
        return None
    return np.frombuffer(row.vector, dtype=np.float32, count=row.dim)


def _salary_fits(profile: GraduateProfile, vacancy: Vacancy) -> bool | None:
    if not profile.salary_min:
        return None
    return vacancy.salary_max >= profile.salary_min


def _reasons_for(
    profile: GraduateProfile, vacancy: Vacancy, similarity: float, profile_body: str | None = None
) -> tuple[Reasons, scoring.MatchSignals]:
    if profile_body is None:
        profile_body = profile_match_text(profile).body
    matched, missing = scoring.skills_overlap(vacancy.skills or [], profile.skills or [], profile_body)
    cities = [c for c in (profile.preferred_cities or []) if c]
    industries = profile.preferred_industries or []
    city_preferred = (vacancy.city in cities) if cities else None
    industry_preferred = (vacancy.company.industry in industries) if industries else None
    reasons = Reasons(
        similarity=similarity,
        skills_matched=matched,
        skills_missing=missing,
        city=vacancy.city if city_preferred else None,
        industry_preferred=bool(industry_preferred),
        major_fits=scoring.major_fits(profile.major, vacancy.preferred_majors or []),
        salary_fits=_salary_fits(profile, vacancy),
    )
    signals = scoring.MatchSignals(
        similarity=similarity,
        skills_matched=matched,
        skills_missing=missing,
        city_preferred=city_preferred,
        industry_preferred=industry_preferred,
        salary_fits=reasons.salary_fits,
        major_fits=reasons.major_fits,
    )
    return reasons, signals


def _applicants_per_place(session, vacancy_ids: list[int]) -> dict[int, float]:
    rows = session.execute(
        select(Application.vacancy_id, func.count())
        .where(Application.vacancy_id.in_(vacancy_ids), Application.status.in_(OPEN_STATUSES))
        .group_by(Application.vacancy_id)
    )
    counts = dict(rows.all())
    places = dict(
        session.execute(
            select(Vacancy.id, Vacancy.headcount - Vacancy.hired_count).where(Vacancy.id.in_(vacancy_ids))
        ).all()
    )
    return {vacancy_id: counts.get(vacancy_id, 0) / max(1, places.get(vacancy_id, 1)) for vacancy_id in vacancy_ids}


def _eligible_vacancies(profile: GraduateProfile, query: VacancyQuery | None, today: date):
    statement = open_vacancies(today)
    if query is not None:
        statement = apply_filters(statement, query)
    statement = statement.where(
        Vacancy.min_degree.is_(None) | Vacancy.min_degree.in_(degrees_admitted_for(profile.degree))
    )
    hidden = select(DismissedVacancy.vacancy_id).where(DismissedVacancy.graduate_id == profile.id)
    applied = select(Application.vacancy_id).where(Application.graduate_id == profile.id)
    return statement.where(Vacancy.id.not_in(hidden), Vacancy.id.not_in(applied))


@dataclass
class _Query:
    """One side's stored vector and terms, and the other side's in-memory store, ready to rank against."""

    vector: np.ndarray
    terms: list[str]
    weight: float
    store: object
    chinese_share: float = 0.0  # of the query's text: which calibration curve its scores follow
    model_name: str = ""

    def strength(self, score: float) -> Strength:
        """The label of a match of this score for this query."""
        return calibration.strength(calibration.likelihood(score, self.chinese_share, self.model_name))

    def matches(self, owner_ids) -> list:
        """Content matches of these candidates, best first."""
        return content_matches(self.vector, self.terms, owner_ids, self.store.vectors, self.store.lexicon, self.weight)

    def pooled(self, allowed_among, limit: int) -> list:
        """Content matches from the widening candidate pool that `allowed_among(pool)` lets through."""
        return widening_matches(
            self.vector, self.terms, self.store.vectors, self.store.lexicon, self.weight, allowed_among, limit
        )


def _prepare(session, owner_type: EmbeddingOwner, owner_id: int, text_changed_at, text, model_name: str):
    """The query for one profile or vacancy, or the state to show instead (preparing, or ready and empty)."""
    row = _stored(session, owner_type, owner_id, model_name)
    vector = _current_vector(row, text_changed_at)
    if vector is None:
        return RecommendationState.PREPARING
    other = EmbeddingOwner.VACANCY if owner_type is EmbeddingOwner.GRADUATE else EmbeddingOwner.GRADUATE
    store = side_store(session, other, model_name)
    if store.vectors is None:
        return RecommendationState.READY
    whole = f"{text.headline} {text.body}"
    return _Query(vector, row.terms.split(), lexical_weight(whole, model_name), store, chinese_share(whole), model_name)


def _has_filters(query: VacancyQuery | None) -> bool:
    return query is not None and any(
        (
            query.province_code,
            query.city,
            query.industry,
            query.salary_at_least,
            query.size_class,
            query.posted_within_days,
            query.keywords,
            query.fair_id,
        )
    )


def recommended_vacancies(
    session,
    profile: GraduateProfile,
    model_name: str,
    query: VacancyQuery | None = None,
    limit: int = 20,
    today: date | None = None,
) -> Recommendations:
    """The vacancies that fit a graduate best, with reasons; `query` narrows them as the search page does."""
    today = today or clock.today()
    if profile.recommendations_paused_at is not None:
        return Recommendations(RecommendationState.PAUSED)
    text = profile_match_text(profile)
    if text.is_empty or not profile.major:
        return Recommendations(RecommendationState.INCOMPLETE)
    prepared = _prepare(session, EmbeddingOwner.GRADUATE, profile.id, profile.text_changed_at, text, model_name)
    if isinstance(prepared, RecommendationState):
        return Recommendations(prepared)
    eligible = _eligible_vacancies(profile, query, today).with_only_columns(Vacancy.id)
    if _has_filters(query):
        if query.keywords:
            eligible, _ = apply_keywords(session, eligible, query_words(query.keywords)[:MAX_TERMS], ranked=False)
        ids = list(session.scalars(eligible.limit(EXACT_FILTERED_UP_TO)))
        matches = prepared.matches(ids)[:POOL_SIZE]
    else:
        matches = prepared.pooled(lambda pool: set(session.scalars(eligible.where(Vacancy.id.in_(pool)))), limit)
    return Recommendations(RecommendationState.READY, _score_vacancies(session, profile, matches, limit, prepared))


def _score_vacancies(session, profile: GraduateProfile, matches, limit: int, query: _Query) -> list[VacancyMatch]:
    # The structured signals move a score by less than 0.25 in all: only the best by content can end on top.
    matches = matches[: max(limit * RESCORED_PER_ITEM, RESCORED_AT_LEAST)]
    if not matches:
        return []
    profile_body = profile_match_text(profile).body
    ids = [m.owner_id for m in matches]
    vacancies = {
        vacancy.id: vacancy
        for vacancy in session.scalars(select(Vacancy).where(Vacancy.id.in_(ids)).options(joinedload(Vacancy.company)))
    }
    crowding = _applicants_per_place(session, ids)
    exposure = feedback.exposure_of(session, ids)
    out = []
    for match in matches:
        vacancy = vacancies.get(match.owner_id)
        if vacancy is None:
            continue
        reasons, signals = _reasons_for(profile, vacancy, match.similarity, profile_body)
        signals.lexical = match.content - match.similarity
        signals.applicants_per_place = crowding.get(vacancy.id, 0.0)
        signals.exposure = (exposure or {}).get(vacancy.id, 0.0)
        out.append(VacancyMatch(vacancy=vacancy, score=scoring.score(signals), reasons=reasons, signals=signals))
    learned_ranker = ranker.active(session)
    if learned_ranker is not None and out:
        values = learned_ranker.score([item.signals.as_features(precise=True) for item in out])
        for item, value in zip(out, values, strict=True):
            item.score = float(value)
    for item in out:
        item.reasons.strength = query.strength(item.score)
    out.sort(key=lambda item: item.score, reverse=True)
    if exposure is not None:
        out = _with_discovery(out, limit, exposure, query)
    return out[:limit]


def _with_discovery(items: list[VacancyMatch], limit: int, exposure: dict[int, float], query: _Query) -> list:
    """The list with its discovery places filled by good matches few graduates have seen (matching/exposure.py)."""
    items, picked = with_picks(
        items,
        lambda item: item.score,
        lambda item: exposure.get(item.vacancy.id),
        limit,
        lambda score: calibration.likelihood(score, query.chinese_share, query.model_name),
    )
    for item in picked:
        item.reasons.few_have_seen = True
    return items


def recommended_candidates(session, vacancy: Vacancy, model_name: str, limit: int = 20) -> Recommendations:
    """The graduates visible to employers who fit a vacancy best, with reasons."""
    prepared = _prepare(
        session, EmbeddingOwner.VACANCY, vacancy.id, vacancy.text_changed_at, vacancy_match_text(vacancy), model_name
    )
    if isinstance(prepared, RecommendationState):
        return Recommendations(prepared)
    applied = select(Application.graduate_id).where(Application.vacancy_id == vacancy.id)
    eligible = (
        select(GraduateProfile.id)
        .join(User, User.id == GraduateProfile.user_id)
        .where(
            GraduateProfile.is_visible_to_employers.is_(True),
            User.is_enabled.is_(True),
            GraduateProfile.id.not_in(applied),
        )
    )
    if vacancy.min_degree is not None:
        eligible = eligible.where(GraduateProfile.degree.in_(degrees_meeting(vacancy.min_degree)))
    matches = prepared.pooled(lambda pool: set(session.scalars(eligible.where(GraduateProfile.id.in_(pool)))), limit)
    matches = matches[: max(limit * RESCORED_PER_ITEM, RESCORED_AT_LEAST)]
    profiles = {
        p.id: p
        for p in session.scalars(
            select(GraduateProfile)
            .where(GraduateProfile.id.in_([m.owner_id for m in matches]))
            .options(joinedload(GraduateProfile.university))
        )
    }
    invited = set(session.scalars(select(ApplyInvitation.graduate_id).where(ApplyInvitation.vacancy_id == vacancy.id)))
    out = []
    for match in matches:
        profile = profiles.get(match.owner_id)
        if profile is None:
            continue
        reasons, signals = _reasons_for(profile, vacancy, match.similarity)
        signals.lexical = match.content - match.similarity
        reasons.strength = prepared.strength(value := scoring.score(signals))
        out.append(
            CandidateMatch(
                profile=profile, score=value, reasons=reasons, is_invited=profile.id in invited, signals=signals
            )
        )
    out.sort(key=lambda item: item.score, reverse=True)
    return Recommendations(RecommendationState.READY, out[:limit])


def visible_candidate(session, graduate_id: int) -> GraduateProfile | None:
    """A graduate an employer may see (visible to employers, account enabled), or None."""
    return session.scalar(
        select(GraduateProfile)
        .join(User, User.id == GraduateProfile.user_id)
        .where(
            GraduateProfile.id == graduate_id,
            GraduateProfile.is_visible_to_employers.is_(True),
            User.is_enabled.is_(True),
        )
    )


def shown_vacancies(items: list[VacancyMatch]) -> list[tuple]:
    """A graduate's list of matches as `feedback.record_shown` takes it."""
    return [(m.vacancy.id, m.score, m.signals.as_features() if m.signals else None) for m in items]


def shown_candidates(items: list[CandidateMatch]) -> list[tuple]:
    """An employer's list of recommended graduates as `feedback.record_shown` takes it."""
    return [(m.profile.id, m.score, m.signals.as_features() if m.signals else None) for m in items]
