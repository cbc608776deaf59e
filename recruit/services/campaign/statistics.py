"""Counts shown on dashboards and the landing page."""

from __future__ import annotations

from sqlalchemy import func, select

from recruit.models import (
    Application,
    ApplicationStatus,
    Company,
    CompanyStatus,
    Role,
    User,
    Vacancy,
    VacancyStatus,
)


def _grouped(session, column) -> dict:
    return {key: n for key, n in session.execute(select(column, func.count()).group_by(column)).all()}


def public_totals(session) -> dict[str, int]:
    """Return what the landing page shows: verified SMEs, open vacancies, registered graduates."""
    return {
        "companies": session.scalar(
            select(func.count()).select_from(Company).where(Company.status == CompanyStatus.VERIFIED)
        )
        or 0,
        "vacancies": session.scalar(
            select(func.count()).select_from(Vacancy).where(Vacancy.status == VacancyStatus.PUBLISHED)
        )
        or 0,
        "positions": session.scalar(
            select(func.coalesce(func.sum(Vacancy.headcount), 0)).where(Vacancy.status == VacancyStatus.PUBLISHED)
        )
        or 0,
        "graduates": session.scalar(select(func.count()).select_from(User).where(User.role == Role.GRADUATE)) or 0,
    }


def national_overview(session) -> dict[str, dict]:
    """Return the operator's overview: accounts by role, companies, vacancies, applications by status."""
    return {
        "users": {Role(k): v for k, v in _grouped(session, User.role).items()},
        "companies": {CompanyStatus(k): v for k, v in _grouped(session, Company.status).items()},
        "vacancies": {VacancyStatus(k): v for k, v in _grouped(session, Vacancy.status).items()},
        "applications": {ApplicationStatus(k): v for k, v in _grouped(session, Application.status).items()},
    }
