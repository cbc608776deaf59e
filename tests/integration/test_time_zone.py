"""One clock, one time zone: with another campaign time zone configured, every "today" agrees."""

from datetime import UTC, date, datetime

from recruit import clock
from recruit.config import DEFAULT_TIMEZONE
from recruit.extensions import db
from recruit.services.discovery.search import VacancyQuery, search_vacancies
from recruit.services.hiring.vacancies import is_open_for_applications
from recruit.worker import tasks
from tests.factories import Factories
from tests.support.apps import dispose, migrated_app

# 02:00 UTC on 1 June is 10:00 on 1 June in Shanghai, but still 19:00 on 31 May in Los Angeles.
MOMENT = datetime(2026, 6, 1, 2, 0, tzinfo=UTC)


def test_every_today_agrees_in_another_time_zone(backend, tmp_path):
    app = migrated_app(backend, "zone", tmp_path, RECRUIT_TIMEZONE="America/Los_Angeles")
    try:
        with clock.frozen_at(MOMENT), app.app_context():
            assert clock.today() == date(2026, 5, 31)
            make = Factories(db.session)
            make.campaign(starts_on=date(2026, 5, 1))
            vacancy = make.vacancy(title="出纳", deadline=date(2026, 5, 31))
            assert is_open_for_applications(vacancy, clock.today())  # its last day is today, there
            assert [j.id for j in search_vacancies(db.session, VacancyQuery(keywords="出纳")).items] == [vacancy.id]
            assert tasks._today() == date(2026, 5, 31)
            graduate = make.graduate()
            client = app.test_client()
            client.post("/auth/login", data={"email": graduate.user.email, "password": "correct horse battery"})
            page = client.get(f"/vacancies/{vacancy.id}").get_data(as_text=True)
            assert "Day 31 of 100" in page  # the campaign bar counts days there too
            applied = client.post(
                f"/graduate/vacancies/{vacancy.id}/apply", data={"cover_letter": "", "shares_with_employer": "y"}
            )
            assert applied.status_code == 302
            db.session.remove()
        with app.test_request_context():
            from recruit.web.employer.forms import InterviewForm

            assert "America/Los_Angeles" in str(InterviewForm().scheduled_at.label.text)
    finally:
        dispose(app)
        clock.configure(DEFAULT_TIMEZONE)
