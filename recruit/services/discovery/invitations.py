"""What graduates and employers do with recommendations: a graduate hides a vacancy for good, an employer
invites a recommended graduate to apply."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from recruit import clock, links
from recruit.i18n import lazy_gettext as _l
from recruit.models import Application, ApplyInvitation, DismissedVacancy, GraduateProfile, User, Vacancy
from recruit.models.feedback import Action
from recruit.reference.education import degree_meets
from recruit.services.discovery import feedback
from recruit.services.discovery.recommendations import visible_candidate
from recruit.services.errors import PermissionDenied, ValidationError
from recruit.services.hiring.vacancies import is_open_for_applications
from recruit.services.messaging import notifications
from recruit.services.people.companies import company_of


def dismiss_vacancy(session, profile: GraduateProfile, vacancy: Vacancy) -> None:
    """Hide a vacancy from a graduate's recommendations for good ("not interested")."""
    exists = session.scalar(
        select(DismissedVacancy.id).where(
            DismissedVacancy.graduate_id == profile.id, DismissedVacancy.vacancy_id == vacancy.id
        )
    )
    if exists is None:
        try:
            with session.begin_nested():
                session.add(DismissedVacancy(graduate_id=profile.id, vacancy_id=vacancy.id, created_at=clock.now()))
        except IntegrityError:
            return  # a double click: already hidden
        feedback.record(session, profile.id, vacancy.id, Action.DISMISSED)


def is_invited(session, vacancy: Vacancy, profile: GraduateProfile) -> bool:
    """Whether the graduate was already invited to apply for the vacancy."""
    return (
        session.scalar(
            select(ApplyInvitation.id).where(
                ApplyInvitation.vacancy_id == vacancy.id, ApplyInvitation.graduate_id == profile.id
            )
        )
        is not None
    )


def invite_to_apply(
    session, vacancy: Vacancy, graduate_id: int, employer: User, today: date | None = None
) -> ApplyInvitation:
    """Invite a visible graduate to apply for an open vacancy of the employer's company; notifies them."""
    company = company_of(employer)
    if company is None or company.id != vacancy.company_id:
        raise PermissionDenied(_l("Only the vacancy's company can invite graduates to it."))
    profile = visible_candidate(session, graduate_id)
    if profile is None:
        raise PermissionDenied(_l("This graduate cannot be invited."))
    if not is_open_for_applications(vacancy, today or clock.today()):
        raise ValidationError(_l("Only an open vacancy can receive applications."), field="vacancy")
    if not degree_meets(profile.degree, vacancy.min_degree):
        raise ValidationError(_l("This graduate does not have the degree the vacancy asks for."), field="vacancy")
    if (
        session.scalar(
            select(Application.id).where(Application.vacancy_id == vacancy.id, Application.graduate_id == profile.id)
        )
        is not None
    ):
        raise ValidationError(_l("This graduate has already applied for this vacancy."), field="vacancy")
    if is_invited(session, vacancy, profile):
        raise ValidationError(_l("This graduate has already been invited to apply."), field="vacancy")
    invitation = ApplyInvitation(
        vacancy_id=vacancy.id, graduate_id=profile.id, invited_by_id=employer.id, created_at=clock.now()
    )
    session.add(invitation)
    session.flush()
    feedback.record(session, profile.id, vacancy.id, Action.INVITED)
    notifications.notify(
        session,
        profile.user,
        kind="invitation.apply",
        title=_l(
            "%(company)s invites you to apply for %(vacancy)s", company=vacancy.company.name, vacancy=vacancy.title
        ),
        link=links.vacancy(vacancy.id),
        dedupe_key=f"apply-invitation:{invitation.id}",
    )
    return invitation
