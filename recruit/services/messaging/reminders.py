"""Nudges the worker sends: SMEs about applications nobody has looked at, career offices about their week."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from recruit import clock, links
from recruit.i18n import lazy_gettext as _l
from recruit.labels import label
from recruit.models import Application, ApplicationStatus, Role, User, Vacancy
from recruit.services.campaign import statistics
from recruit.services.messaging import notifications
from recruit.services.people.companies import employer_users

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
        overview = statistics.university_overview(session, office.university_id)
        by_status = ", ".join(f"{label(status)} {n}" for status, n in sorted(overview["applications"].items()))
        notifications.notify(
            session,
            office,
            kind="summary.weekly",
            title=_l("Week %(week)d: %(n)d of your graduates are registered.", week=week, n=overview["graduates"]),
            body=by_status,
            link=links.career_home(),
            dedupe_key=f"summary:{office.id}:{year}-W{week:02d}",
        )
        count += 1
    return count
