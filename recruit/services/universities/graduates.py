"""The career office's list of its own graduates: filtered by major, degree, stage and days without activity, each
with their applications; a graduate's profile shown only as far as they made it visible."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select

from recruit import clock
from recruit.models import Application, GraduateProfile, User
from recruit.pagination import PAGE_SIZE, Page
from recruit.reference.education import Degree
from recruit.services.universities.placement import STAGES

# The filterable stages: "none" (registered, never applied), then the placement stages; a graduate stands at exactly
# one, the furthest any of their applications reached.
STAGE_FILTERS = ("none", *STAGES)
MAX_INACTIVE_DAYS = 3650
# Graduates who are stuck, as a career office nudges them: no application `waiting_days` after registering, or
# applications that no employer has answered (still submitted or only viewed) `waiting_days` after the first.
WAITING = ("not_applied", "no_answer")


@dataclass(frozen=True)
class GraduateFilters:
    """What the office narrows its list by; empty values do not narrow."""

    major: str = ""
    degree: Degree | None = None
    stage: str = ""
    inactive_days: int | None = None  # no log-in for at least this many days (never logged in counts)
    waiting: str = ""  # "not_applied": registered this many days ago, no application; "no_answer": see WAITING
    waiting_days: int = 14


@dataclass(frozen=True)
class GraduateRow:
    """One graduate in the office's list."""

    id: int
    full_name: str
    student_number: str | None
    major: str
    degree: Degree | None
    graduation_year: int | None
    last_login_at: datetime | None
    stage: str
    applications: int


def _statement(university_id: int, filters: GraduateFilters):
    stage = GraduateProfile.furthest_stage
    statement = (
        select(
            GraduateProfile.id,
            GraduateProfile.full_name,
            GraduateProfile.student_number,
            GraduateProfile.major,
            GraduateProfile.degree,
            GraduateProfile.graduation_year,
            User.last_login_at,
            stage.label("stage"),
            GraduateProfile.applications_count.label("applications"),
        )
        .join(User, User.id == GraduateProfile.user_id)
        .where(GraduateProfile.university_id == university_id, User.erased_at.is_(None))
        .order_by(GraduateProfile.full_name, GraduateProfile.id)
    )
    if filters.major.strip():
        statement = statement.where(GraduateProfile.major == filters.major.strip())
    if filters.degree is not None:
        statement = statement.where(GraduateProfile.degree == filters.degree)
    if filters.stage in STAGE_FILTERS:
        statement = statement.where(stage == STAGE_FILTERS.index(filters.stage))
    if filters.inactive_days is not None:
        since = clock.now() - timedelta(days=min(filters.inactive_days, MAX_INACTIVE_DAYS))
        statement = statement.where(or_(User.last_login_at.is_(None), User.last_login_at <= since))
    if filters.waiting in WAITING:
        since = clock.now() - timedelta(days=min(max(filters.waiting_days, 0), MAX_INACTIVE_DAYS))
        if filters.waiting == "not_applied":
            statement = statement.where(GraduateProfile.applications_count == 0, User.created_at <= since)
        else:
            statement = statement.where(
                GraduateProfile.applications_count > 0,
                GraduateProfile.answered_count == 0,
                GraduateProfile.first_applied_at <= since,
            )
    return statement


def _row(row) -> GraduateRow:
    return GraduateRow(
        id=row.id,
        full_name=row.full_name,
        student_number=row.student_number,
        major=row.major,
        degree=row.degree,
        graduation_year=row.graduation_year,
        last_login_at=row.last_login_at,
        stage=STAGE_FILTERS[int(row.stage)],
        applications=int(row.applications),
    )


def graduates_page(session, university_id: int, filters: GraduateFilters, page: int) -> Page:
    """One page of the university's graduates matching the filters, by name."""
    statement = _statement(university_id, filters)
    total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery())) or 0
    page = max(1, page)
    rows = session.execute(statement.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return Page(items=[_row(r) for r in rows], page=page, total=total)


def graduate_rows(session, university_id: int, filters: GraduateFilters) -> list[GraduateRow]:
    """Every graduate of the university matching the filters (for an export)."""
    return [_row(r) for r in session.execute(_statement(university_id, filters))]


def majors_of(session, university_id: int) -> list[str]:
    """The majors the university's graduates registered with, for the filter."""
    statement = (
        select(GraduateProfile.major)
        .where(GraduateProfile.university_id == university_id, GraduateProfile.major != "")
        .distinct()
        .order_by(GraduateProfile.major)
    )
    return list(session.scalars(statement))


def graduate_of_university(session, university_id: int, graduate_id: int) -> GraduateProfile | None:
    """The graduate when they belong to the university; None otherwise (another university's, or an erased account,
    is not there)."""
    profile = session.get(GraduateProfile, graduate_id)
    if profile is None or profile.university_id != university_id or profile.user.erased_at is not None:
        return None
    return profile


def applications_of(session, profile: GraduateProfile) -> list[Application]:
    """The graduate's applications, newest first, with their vacancy and company."""
    statement = select(Application).where(Application.graduate_id == profile.id).order_by(Application.created_at.desc())
    return list(session.scalars(statement))


def shows_profile_details(profile: GraduateProfile) -> bool:
    """Whether the office sees the profile beyond the roster's facts (skills, about, preferences): only when the
    graduate made their profile visible."""
    return profile.is_visible_to_employers
