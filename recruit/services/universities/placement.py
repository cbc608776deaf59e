"""A university's placement figures: how far each of its graduates got, counted per graduate (not per application),
overall and by major and degree.

A graduate counts at the furthest stage any of their applications reached. "Placed" is defined here and only
here: an application whose employment agreement the employer, the graduate and the university have all confirmed
(`PLACED`, `is_placed`), dated by the university's confirmation. An accepted offer alone stands at "offered".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import case, exists, func, select

from recruit import clock
from recruit.models import (
    AgreementStatus,
    Application,
    ApplicationStatus,
    EmploymentAgreement,
    GraduateProfile,
    RosterEntry,
    User,
)

ACTIVE_DAYS = 14
# The furthest stage an application can stand for, in order; a graduate counts at every stage up to their furthest.
STAGES = ("applied", "interviewing", "offered", "placed")
# The agreement status that makes a placement, and the column that dates it.
PLACED = AgreementStatus.CONFIRMED
PLACED_AT = EmploymentAgreement.confirmed_at
# Applications no employer has answered yet: still submitted, or only viewed.
UNANSWERED = (ApplicationStatus.SUBMITTED, ApplicationStatus.VIEWED)
_STAGE_OF = {
    ApplicationStatus.INTERVIEW: 2,
    ApplicationStatus.OFFERED: 3,
    ApplicationStatus.DECLINED: 3,  # they were offered a place
    ApplicationStatus.HIRED: 3,  # an accepted offer; placed once its agreement is confirmed
}


def is_placed():
    """For SQL over applications: the application's employment agreement is confirmed by all three parties."""
    return exists().where(EmploymentAgreement.application_id == Application.id, EmploymentAgreement.status == PLACED)


def placed_agreements(statement):
    """`statement` (over applications) narrowed to the placed ones, joined to their agreements."""
    return statement.join(EmploymentAgreement, EmploymentAgreement.application_id == Application.id).where(
        EmploymentAgreement.status == PLACED
    )


@dataclass
class Funnel:
    """How many graduates reached each stage (each graduate counted once, at every stage up to their furthest)."""

    registered: int = 0
    active: int = 0
    applied: int = 0
    interviewing: int = 0
    offered: int = 0
    placed: int = 0

    def rate(self, stage: str) -> float | None:
        """The share of registered graduates who reached `stage` (None when nobody is registered)."""
        return getattr(self, stage) / self.registered if self.registered else None


@dataclass
class PlacementFigures:
    """A university's figures: the roster, the funnel overall, and the funnel by major and by degree."""

    rostered: int
    overall: Funnel
    by_major: dict[str, Funnel] = field(default_factory=dict)
    by_degree: dict[str, Funnel] = field(default_factory=dict)


def stage_rank(placed=None):
    """An application's stage as a number (1 applied … 4 placed), for SQL: the furthest is the graduate's standing.
    `placed` is how the statement tells a placed application (`is_placed()` unless it joins the agreements)."""
    placed = is_placed() if placed is None else placed
    return case((placed, 4), *[(Application.status == status, rank) for status, rank in _STAGE_OF.items()], else_=1)


def placement_figures(session, university_id: int) -> PlacementFigures:
    """Count the university's graduates at each stage, overall and by major and degree, in one grouped query over
    their profiles (each profile keeps its furthest stage: `standing`)."""
    active_since = clock.now() - timedelta(days=ACTIVE_DAYS)
    stage = GraduateProfile.furthest_stage
    columns = (
        func.count(),
        func.sum(case((User.last_login_at >= active_since, 1), else_=0)),
        *(func.sum(case((stage >= rank, 1), else_=0)) for rank in range(1, len(STAGES) + 1)),
    )
    rows = session.execute(
        select(GraduateProfile.major, GraduateProfile.degree, *columns)
        .join(User, User.id == GraduateProfile.user_id)
        .where(GraduateProfile.university_id == university_id)
        .group_by(GraduateProfile.major, GraduateProfile.degree)
    ).all()
    overall, by_major, by_degree = Funnel(), {}, {}
    for major, degree, *counts in rows:
        for funnel in (overall, by_major.setdefault(major or "—", Funnel()), by_degree.setdefault(degree, Funnel())):
            for name, value in zip(("registered", "active", *STAGES), counts, strict=True):
                setattr(funnel, name, getattr(funnel, name) + int(value or 0))
    rostered = session.scalar(
        select(func.count()).select_from(RosterEntry).where(RosterEntry.university_id == university_id)
    )
    return PlacementFigures(
        rostered=rostered or 0,
        overall=overall,
        by_major=dict(sorted(by_major.items(), key=lambda item: -item[1].registered)),
        by_degree={degree: by_degree[degree] for degree in sorted(by_degree, key=lambda d: (d is None, str(d)))},
    )
