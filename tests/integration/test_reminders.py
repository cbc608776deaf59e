"""SMEs hear about applications left unread for three days; career offices get their weekly numbers."""

from datetime import timedelta

from sqlalchemy import select

from recruit import clock
from recruit.models import ApplicationStatus, Notification, Role
from recruit.services.messaging.reminders import remind_unread_applications, send_weekly_summaries


def titles(db, user) -> list[str]:
    return list(
        db.session.scalars(select(Notification.title).where(Notification.user_id == user.id).order_by(Notification.id))
    )


def test_unread_applications_are_pointed_out_once_a_day(db, make):
    company = make.company()
    employer = make.employer(company=company)
    vacancy = make.vacancy(company=company)
    for _ in range(2):
        make.application(vacancy=vacancy, created_at=clock.now() - timedelta(days=4))
    make.application(vacancy=vacancy, created_at=clock.now() - timedelta(days=1))  # recent: not yet
    make.application(vacancy=vacancy, status=ApplicationStatus.VIEWED, created_at=clock.now() - timedelta(days=5))
    quiet = make.employer()  # another company, nothing waiting
    assert remind_unread_applications(db.session, clock.today()) == 1
    remind_unread_applications(db.session, clock.today())  # same day: nothing more
    db.session.commit()
    assert titles(db, employer)[-1] == "2 applications have waited more than 3 days for an answer."
    assert len([t for t in titles(db, employer) if "waited" in t]) == 1
    assert titles(db, quiet) == []


def test_career_offices_get_one_summary_a_week(db, make):
    university = make.university()
    office = make.user(Role.CAREER_OFFICE, university=university)
    graduate = make.graduate(university=university)
    make.placement(graduate=graduate)
    assert send_weekly_summaries(db.session, clock.today()) == 1
    send_weekly_summaries(db.session, clock.today())
    db.session.commit()
    [summary] = db.session.scalars(select(Notification).where(Notification.user_id == office.id))
    assert "1 of your graduates are registered" in summary.title and "1 are placed" in summary.body
