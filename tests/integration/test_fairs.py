"""Job fairs: only verified companies' published vacancies take booths; a fair takes no more companies than its limit,
even when they sign up at once; graduates see only approved booths, and an application made from a fair counts for
it; the live-session reminder goes out once to each registered graduate and each company at the fair."""

from __future__ import annotations

import threading
from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from recruit import clock
from recruit.extensions import db as _db
from recruit.models import (
    Application,
    BoothStatus,
    CompanyStatus,
    FairBooth,
    FairRegistration,
    Notification,
    Role,
    VacancyStatus,
)
from recruit.services.campaign import fairs
from recruit.services.errors import ValidationError
from recruit.worker import tasks
from tests.factories import Factories
from tests.support.apps import dispose, migrated_app


def _fair(db, make, operator=None, **overrides):
    campaign = make.campaign(starts_on=clock.today() - timedelta(days=5))
    live = datetime.combine(clock.today() + timedelta(days=2), time(15), tzinfo=clock.zone())
    details = fairs.FairDetails(
        name="粤港澳大湾区数字经济专场",
        theme="软件与信息技术服务",
        organiser="广东省中小企业公共服务平台",
        starts_on=clock.today(),
        ends_on=clock.today() + timedelta(days=10),
        max_companies=overrides.pop("max_companies", 5),
        provinces=["44"],
        live_starts_at=live,
        live_url="https://live.example.com/fair",
        **overrides,
    )
    return fairs.create_fair(db.session, operator or make.user(Role.OPERATOR), campaign, details)


def test_a_fair_admits_only_verified_companies_published_vacancies(db, make):
    fair = _fair(db, make)
    verified = make.company()
    employer = make.employer(company=verified)
    published = make.vacancy(company=verified)
    draft = make.vacancy(company=verified, status=VacancyStatus.DRAFT)
    someone_elses = make.vacancy()
    for vacancy_ids, message in (
        ([draft.id], "published vacancies"),
        ([someone_elses.id], "published vacancies"),
        ([], "Choose at least one"),
    ):
        with pytest.raises(ValidationError, match=message):
            fairs.sign_up(db.session, employer, fair, vacancy_ids, "")
        db.session.rollback()
    pending = make.company(status=CompanyStatus.PENDING)
    with pytest.raises(ValidationError, match="Only verified companies"):
        fairs.sign_up(db.session, make.employer(company=pending), fair, [make.vacancy(company=pending).id], "")
    db.session.rollback()
    booth = fairs.sign_up(db.session, employer, fair, [published.id], "我们在招聘软件工程师")
    assert booth.status is BoothStatus.PENDING and [v.vacancy_id for v in booth.vacancies] == [published.id]


def test_the_booth_limit_holds_through_the_pages(client, db, make, login):
    fair = _fair(db, make, max_companies=2)
    employers = []
    for _ in range(3):
        company = make.company()
        employers.append((make.employer(company=company), make.vacancy(company=company)))
    db.session.commit()
    answers = []
    for employer, vacancy in employers:
        client.post("/auth/logout")
        login(employer)
        answers.append(
            client.post(f"/employer/fairs/{fair.id}", data={"vacancy_ids": [str(vacancy.id)], "pitch": "欢迎"})
        )
    assert [answer.status_code for answer in answers] == [302, 302, 409]
    refused = answers[2].get_data(as_text=True)
    assert "This fair has no place left for another company." in refused
    assert f'value="{employers[2][1].id}" id="vacancy-{employers[2][1].id}" checked' in refused  # the choice kept
    assert db.session.scalar(select(func.count()).select_from(FairBooth).where(FairBooth.fair_id == fair.id)) == 2


def test_graduates_see_approved_booths_and_their_applications_count_for_the_fair(client, db, make, login):
    operator = make.user(Role.OPERATOR)
    fair = _fair(db, make, operator=operator)
    shown_company, hidden_company = make.company(name="广州数智科技有限公司"), make.company(name="待审核科技有限公司")
    shown = make.vacancy(company=shown_company, title="Python 开发工程师")
    hidden = make.vacancy(company=hidden_company, title="Java 开发工程师")
    elsewhere = make.vacancy(title="会计")
    booth = fairs.sign_up(db.session, make.employer(company=shown_company), fair, [shown.id], "")
    fairs.sign_up(db.session, make.employer(company=hidden_company), fair, [hidden.id], "")
    db.session.commit()
    login(operator)
    assert client.post(f"/admin/fairs/{fair.id}/booths/{booth.id}", data={"decision": "approve"}).status_code == 302
    client.post("/auth/logout")

    graduate = make.graduate(province_code="44")
    db.session.commit()
    login(graduate.user)
    page = client.get(f"/fairs/{fair.id}").get_data(as_text=True)
    assert "Python 开发工程师" in page and "Java 开发工程师" not in page and "会计" not in page
    assert "for you" in page
    client.get(f"/fairs/{fair.id}")  # a second visit is the same visitor
    searched = client.get(f"/fairs/{fair.id}?q=Python").get_data(as_text=True)
    assert f'data-vacancy-id="{shown.id}"' in searched
    vacancy_page = client.get(f"/vacancies/{shown.id}?fair={fair.id}").get_data(as_text=True)
    assert f'name="fair_id" type="hidden" value="{fair.id}"' in vacancy_page
    applied = client.post(
        f"/graduate/vacancies/{shown.id}/apply", data={"shares_with_employer": "y", "fair_id": str(fair.id)}
    )
    assert applied.status_code == 302
    client.post(
        f"/graduate/vacancies/{elsewhere.id}/apply", data={"shares_with_employer": "y", "fair_id": str(fair.id)}
    )
    fair_of = dict(db.session.execute(select(Application.vacancy_id, Application.fair_id)).all())
    assert fair_of == {shown.id: fair.id, elsewhere.id: None}  # not at the fair: not counted for it

    figures = fairs.figures(db.session, fair)
    assert (figures.visitors, figures.applications, figures.interviews, figures.hires) == (1, 1, 0, 0)
    assert fairs.figures(db.session, fair, hidden_company.id).applications == 0
    client.post("/auth/logout")
    login(operator)
    admin_page = client.get(f"/admin/fairs/{fair.id}").get_data(as_text=True)
    assert 'data-testid="fair-visitors">1<' in admin_page and 'data-testid="fair-applications">1<' in admin_page


def test_the_live_session_reminder_goes_out_once_to_each(app, client, db, make, login):
    fair = _fair(db, make)
    company = make.company()
    employer = make.employer(company=company)
    booth = fairs.sign_up(db.session, employer, fair, [make.vacancy(company=company).id], "")
    fairs.decide_booth(db.session, make.user(Role.OPERATOR), booth, approve=True)
    graduates = [make.graduate() for _ in range(3)]
    db.session.commit()
    for graduate in graduates[:2]:
        client.post("/auth/logout")
        login(graduate.user)
        assert client.post(f"/fairs/{fair.id}/register").status_code == 302
        assert client.post(f"/fairs/{fair.id}/register").status_code == 302  # again: still one registration
    assert db.session.scalar(select(func.count()).select_from(FairRegistration)) == 2

    clock.set_now(fair.live_starts_at - timedelta(hours=2))
    with app.app_context():
        assert tasks.send_fair_reminders() == 0  # not yet
    clock.set_now(fair.live_starts_at - timedelta(minutes=50))
    with app.app_context():
        assert tasks.send_fair_reminders() == 3  # two graduates and the company's employer
        assert tasks.send_fair_reminders() == 0
    reminded = db.session.scalars(select(Notification.user_id).where(Notification.kind == "fair.live")).all()
    assert sorted(reminded) == sorted([graduates[0].user_id, graduates[1].user_id, employer.id])


@pytest.fixture
def fairs_app(backend, tmp_path):
    app = migrated_app(backend, "fairs", tmp_path, RATELIMIT_ENABLED=False)
    yield app
    dispose(app)


def test_companies_signing_up_at_once_never_exceed_the_limit(fairs_app):
    app, limit, companies = fairs_app, 3, 8
    with app.app_context():
        make = Factories(_db.session)
        fair = _fair(_db, make, max_companies=limit)
        people = []
        for _ in range(companies):
            company = make.company()
            people.append((make.employer(company=company).id, make.vacancy(company=company).id))
        fair_id = fair.id
        _db.session.commit()
        _db.session.remove()
    barrier, outcomes = threading.Barrier(companies), []

    def sign_up(employer_id, vacancy_id):
        from recruit.models import JobFair, User

        barrier.wait(timeout=30)
        with app.app_context():
            try:
                fair = _db.session.get(JobFair, fair_id)
                fairs.sign_up(_db.session, _db.session.get(User, employer_id), fair, [vacancy_id], "")
                _db.session.commit()
                outcomes.append("booth")
            except ValidationError:
                _db.session.rollback()
                outcomes.append("full")
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=sign_up, args=pair) for pair in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(outcomes) == ["booth"] * limit + ["full"] * (companies - limit)
    with app.app_context():
        assert _db.session.scalar(select(func.count()).select_from(FairBooth)) == limit
        _db.session.remove()
