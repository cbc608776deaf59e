"""Vacancies a graduate saved to look at later."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from recruit import clock
from recruit.models import Company, CompanyStatus, GraduateProfile, SavedVacancy, Vacancy, VacancyStatus
from recruit.models.feedback import Action
from recruit.services.discovery import feedback


def save(session, graduate: GraduateProfile, vacancy: Vacancy) -> None:
    """Save a vacancy (saving twice keeps one)."""
    if is_saved(session, graduate, vacancy):
        return
    try:
        with session.begin_nested():
            session.add(SavedVacancy(graduate_id=graduate.id, vacancy_id=vacancy.id, created_at=clock.now()))
            session.flush()
    except IntegrityError:
        return  # saved by a concurrent request: the result is the same
    feedback.record(session, graduate.id, vacancy.id, Action.SAVED)


def unsave(session, graduate: GraduateProfile, vacancy: Vacancy) -> None:
    """Forget a saved vacancy."""
    session.execute(
        delete(SavedVacancy).where(SavedVacancy.graduate_id == graduate.id, SavedVacancy.vacancy_id == vacancy.id)
    )


def is_saved(session, graduate: GraduateProfile, vacancy: Vacancy) -> bool:
    """Tell whether the graduate saved this vacancy."""
    return (
        session.scalar(
            select(SavedVacancy.id).where(
                SavedVacancy.graduate_id == graduate.id, SavedVacancy.vacancy_id == vacancy.id
            )
        )
        is not None
    )


def saved_vacancies(session, graduate: GraduateProfile) -> list[Vacancy]:
    """The graduate's saved vacancies that anyone may still see, most recently saved first."""
    return list(
        session.scalars(
            select(Vacancy)
            .join(SavedVacancy, SavedVacancy.vacancy_id == Vacancy.id)
            .join(Company, Company.id == Vacancy.company_id)
            .where(
                SavedVacancy.graduate_id == graduate.id,
                Vacancy.status != VacancyStatus.DRAFT,
                Company.status == CompanyStatus.VERIFIED,
            )
            .order_by(SavedVacancy.id.desc())
        )
    )
