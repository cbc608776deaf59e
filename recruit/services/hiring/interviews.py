"""Interviews: the employer proposes a time and place; the graduate confirms or asks for another time."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from recruit import clock, links
from recruit.i18n import N_
from recruit.i18n import lazy_gettext as _l
from recruit.models import Application, ApplicationStatus, Interview, InterviewStatus, User
from recruit.services.errors import PermissionDenied, ValidationError
from recruit.services.hiring.applications import transition
from recruit.services.messaging import notifications
from recruit.services.people.companies import employer_users
from recruit.services.web_addresses import clean_web_address


def current_interview(session, application: Application) -> Interview | None:
    """The application's latest interview that is not cancelled."""
    return session.scalar(
        select(Interview)
        .where(Interview.application_id == application.id, Interview.status != InterviewStatus.CANCELLED)
        .order_by(Interview.id.desc())
        .limit(1)
    )


LONGEST_AHEAD = timedelta(days=366)


def schedule(
    session,
    application: Application,
    employer: User,
    *,
    scheduled_at: datetime,
    duration_minutes: int,
    location: str,
    online_url: str,
    notes: str,
) -> Interview:
    """Invite a shortlisted applicant to an interview, or propose a new time for a pending one."""
    if scheduled_at <= clock.now():
        raise ValidationError(_l("Choose a time in the future."), field="scheduled_at")
    if not (location or "").strip() and not (online_url or "").strip():
        raise ValidationError(_l("Give a place or an online meeting link."), field="location")
    if scheduled_at > clock.now() + LONGEST_AHEAD:
        raise ValidationError(_l("Choose a time within the next twelve months."), field="scheduled_at")
    online_url = clean_web_address(online_url, "online_url")
    if not 10 <= duration_minutes <= 480:
        raise ValidationError(_l("An interview lasts between 10 and 480 minutes."), field="duration_minutes")
    if application.status is ApplicationStatus.SHORTLISTED:
        transition(session, application, ApplicationStatus.INTERVIEW, employer, notes)
    elif application.status is ApplicationStatus.INTERVIEW:
        membership = employer.company_membership
        if membership is None or membership.company_id != application.vacancy.company_id:
            raise PermissionDenied(_l("This application was made to another company."))
        previous = current_interview(session, application)
        if previous is not None:
            previous.status = InterviewStatus.CANCELLED
    else:
        raise ValidationError(_l("Shortlist the applicant before inviting them to an interview."), field="scheduled_at")
    interview = Interview(
        application_id=application.id,
        scheduled_at=scheduled_at,
        duration_minutes=duration_minutes,
        location=(location or "").strip() or None,
        online_url=(online_url or "").strip() or None,
        notes=(notes or "").strip(),
        status=InterviewStatus.PROPOSED,
    )
    session.add(interview)
    session.flush()
    notifications.notify(
        session,
        application.graduate.user,
        kind="interview.proposed",
        title=_l("Interview for %(vacancy)s: please confirm the time.", vacancy=application.vacancy.title),
        link=links.graduate_application(application.id),
        dedupe_key=f"interview:{interview.id}:proposed",
    )
    return interview


def awaits_answer(interview: Interview | None) -> bool:
    """Whether the graduate is still to confirm the proposed time or ask for another."""
    return interview is not None and interview.status is InterviewStatus.PROPOSED


def respond(session, interview: Interview, graduate: User, confirm: bool, note: str = "") -> None:
    """The graduate confirms the proposed time, or asks for another one (with a note saying when)."""
    application = interview.application
    if graduate.graduate_profile is None or graduate.graduate_profile.id != application.graduate_id:
        raise PermissionDenied(_l("This interview is not yours."))
    if not awaits_answer(interview):
        raise ValidationError(_l("This interview has already been answered."), field="note")
    if not confirm and not (note or "").strip():
        raise ValidationError(_l("Say which times suit you."), field="note")
    interview.status = InterviewStatus.CONFIRMED if confirm else InterviewStatus.RESCHEDULE_REQUESTED
    interview.response_note = (note or "").strip() or None
    template = (
        N_("%(name)s confirmed the interview for %(vacancy)s.")
        if confirm
        else N_("%(name)s asks for another interview time for %(vacancy)s.")
    )
    for member in employer_users(session, application.vacancy.company_id):
        notifications.notify(
            session,
            member,
            kind="interview.response",
            title=_l(template, name=application.graduate.full_name, vacancy=application.vacancy.title),
            body=interview.response_note or "",
            link=links.employer_application(application.id),
            dedupe_key=f"interview:{interview.id}:response:user:{member.id}",
        )
