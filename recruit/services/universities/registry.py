"""The operator keeps the list of universities: adds a new institution, renames one, closes one (a merger, a
closure) or opens it again; each with its figures. The national list loaded by migration 0015 is the start."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select

from recruit import clock
from recruit.i18n import lazy_gettext as _l
from recruit.models import GraduateProfile, University, User
from recruit.pagination import Page, paginate
from recruit.reference.regions import PROVINCE_BY_CODE
from recruit.services.errors import ValidationError
from recruit.services.oversight import audit
from recruit.services.universities.placement import STAGES

# Ten digits beginning with 4 — or 36 for six colleges upgraded from secondary schools (the ministry's own list).
CODE = re.compile(r"(4\d{9}|36\d{8})")


@dataclass(frozen=True)
class UniversityDetails:
    """What the operator enters for a university."""

    code: str
    name: str
    name_en: str
    province_code: str
    city: str
    level: str = ""


@dataclass(frozen=True)
class UniversityFigures:
    """A university's graduates on the platform, and how many of them are placed."""

    registered: int = 0
    placed: int = 0


def _check(session, details: UniversityDetails, university: University | None) -> None:
    if not CODE.fullmatch(details.code):
        raise ValidationError(_l("A national code has 10 digits and begins with 4 (or 36)."), field="code")
    if not details.name.strip():
        raise ValidationError(_l("Enter the university's name."), field="name")
    if details.province_code not in PROVINCE_BY_CODE:
        raise ValidationError(_l("Choose a province."), field="province_code")
    taken = {
        "code": (University.code == details.code, _l("Another university already has this code.")),
        "name": (University.name == details.name.strip(), _l("Another university already has this name.")),
    }
    for field, (condition, message) in taken.items():
        other = session.scalar(select(University).where(condition))
        if other is not None and other is not university:
            raise ValidationError(message, field=field)


def _apply(university: University, details: UniversityDetails) -> None:
    university.code, university.name, university.name_en = details.code, details.name.strip(), details.name_en.strip()
    university.province_code, university.city, university.level = (
        details.province_code,
        details.city.strip(),
        details.level,
    )


def add_university(session, actor: User, details: UniversityDetails) -> University:
    """Add an institution that is not on the national list yet."""
    _check(session, details, None)
    university = University()
    _apply(university, details)
    session.add(university)
    session.flush()
    audit.record(session, actor, "university.add", university)
    return university


def update_university(session, actor: User, university: University, details: UniversityDetails) -> None:
    """Rename a university or correct its details; its graduates and figures stay with it."""
    _check(session, details, university)
    before = university.name
    _apply(university, details)
    audit.record(session, actor, "university.update", university, {"name_before": before})


def set_closed(session, actor: User, university: University, closed: bool, on: date | None = None) -> None:
    """Close a university (no longer offered to new graduates) or open it again."""
    university.closed_on = (on or clock.today()) if closed else None
    audit.record(session, actor, "university.close" if closed else "university.reopen", university)


def universities_page(session, query: str, page: int) -> Page:
    """One page of universities, by name, searched by name or code."""
    statement = select(University).order_by(University.name)
    if query.strip():
        pattern = f"%{query.strip()}%"
        statement = statement.where(or_(University.name.like(pattern), University.code.like(pattern)))
    return paginate(session, statement, page)


def figures_of(session, university_ids: list[int]) -> dict[int, UniversityFigures]:
    """Registered and placed graduates of each given university
    (placed as `placement.is_placed` defines it, kept on each profile by `standing`)."""
    if not university_ids:
        return {}
    registered = dict(
        session.execute(
            select(GraduateProfile.university_id, func.count())
            .where(GraduateProfile.university_id.in_(university_ids))
            .group_by(GraduateProfile.university_id)
        ).all()
    )
    placed = dict(
        session.execute(
            select(GraduateProfile.university_id, func.count())
            .where(GraduateProfile.university_id.in_(university_ids), GraduateProfile.furthest_stage == len(STAGES))
            .group_by(GraduateProfile.university_id)
        ).all()
    )
    return {i: UniversityFigures(registered.get(i, 0), placed.get(i, 0)) for i in university_ids}


def open_universities(session, also_id: int | None = None) -> list[University]:
    """The universities offered in pickers: every open one, and `also_id` (a graduate's own) even if closed."""
    condition = University.closed_on.is_(None)
    if also_id is not None:
        condition = or_(condition, University.id == also_id)
    return list(session.scalars(select(University).where(condition).order_by(University.name)))
