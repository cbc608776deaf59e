"""Nudges the worker sends: SMEs about applications nobody has looked at, career offices about their week."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from recruit import clock, links
from recruit.i18n import lazy_gettext as _l
from recruit.models import Application, ApplicationStatus, Role, User, Vacancy
from recruit.services.messaging import notifications
from recruit.services.people.companies import employer_users
from recruit.services.universities import placement

UNREAD_AFTER = timedelta(days=3)


def remind_unread_applications(session, today: date) -> int:
    """Tell each SME with applications unread for 3 days how many wait (once a day); return companies told."""
    rows = session.execute(
        select(Vacancy.company_id, func.count())
        .join(Application, Application.vacancy_id == Vacancy.id)
        .where(Application.status == ApplicationStatus.SUBMITTED, Application.created_at <= clock.now() - UNREAD_AFTER)
        .group_by(Vacancy.company_id)
    ).all()
    for company_id, waiting in rows:
        for member in employer_users(session, company_id):
            notifications.notify(
                session,
                member,
                kind="reminder.unread_applications",
                title=_l("%(n)d applications have waited more than 3 days for an answer.", n=waiting),
                link=links.employer_home(),
                dedupe_key=f"reminder:company:{company_id}:{today.isoformat()}:user:{member.id}",
            )
    return len(rows)


def send_weekly_summaries(session, today: date) -> int:
    """Send each career office its graduates' week in numbers (once per ISO week); return offices told."""
    year, week, _ = today.isocalendar()
    offices = session.scalars(select(User).where(User.role == Role.CAREER_OFFICE, User.is_enabled.is_(True)))
    count = 0
    for office in offices:
        funnel = placement.placement_figures(session, office.university_id).overall
        notifications.notify(
            session,
            office,
            kind="summary.weekly",
            title=_l("Week %(week)d: %(n)d of your graduates are registered.", week=week, n=funnel.registered),
            body=_l(
                "%(applied)d have applied, %(interviewing)d reached an interview, %(offered)d an offer, "
                "%(placed)d are placed.",
                applied=funnel.applied,
                interviewing=funnel.interviewing,
                offered=funnel.offered,
                placed=funnel.placed,
            ),
            link=links.career_home(),
            dedupe_key=f"summary:{office.id}:{year}-W{week:02d}",
        )
        count += 1
    return count
