"""Every form that edits something: open it, change nothing, save — and nothing changes (the form shows what is
stored, and saving what it shows stores the same)."""

from sqlalchemy import inspect

from recruit.models import Degree, Role, VacancyStatus
from tests.support.forms import form_fields


def columns(obj) -> dict:
    return {
        attr.key: getattr(obj, attr.key)
        for attr in inspect(obj).mapper.column_attrs
        if attr.key not in ("updated_at", "text_changed_at")
    }


def save_unchanged(client, path: str, action: str = "", extra: dict | None = None):
    page = client.get(path)
    assert page.status_code == 200
    fields = form_fields(page.get_data(as_text=True), action)
    assert fields, "no form found"
    return client.post(path if not action else action, data={**fields, **(extra or {})})


def test_the_profile_form_round_trips(client, db, make, login):
    profile = make.graduate(
        full_name="王芳",
        skills=["Python", "SQL", "Vue.js"],
        preferred_cities=["广州", "杭州"],
        preferred_industries=["I", "M"],
        about="第一行\n第二行",
        degree=Degree.MASTER,
        is_visible_to_employers=True,
    )
    login(profile.user)
    before = columns(profile)
    response = save_unchanged(client, "/graduate/profile", "/graduate/profile")
    assert response.status_code == 302
    db.session.refresh(profile)
    assert columns(profile) == before


def test_an_invisible_profile_stays_invisible(client, db, make, login):
    profile = make.graduate(is_visible_to_employers=False, preferred_industries=[])
    login(profile.user)
    before = columns(profile)
    assert save_unchanged(client, "/graduate/profile", "/graduate/profile").status_code == 302
    db.session.refresh(profile)
    assert columns(profile) == before


def test_the_vacancy_form_round_trips(client, db, make, login):
    make.campaign()
    company = make.company()
    employer = make.employer(company=company)
    vacancy = make.vacancy(
        company=company,
        title="出纳",
        skills=["出纳", "Excel"],
        preferred_majors=["会计学"],
        description="负责现金收付。\n每月对账。",
        status=VacancyStatus.PUBLISHED,
    )
    login(employer)
    before = columns(vacancy)
    response = save_unchanged(client, f"/employer/vacancies/{vacancy.id}/edit", extra={"publish": "Save"})
    assert response.status_code == 302
    db.session.refresh(vacancy)
    assert columns(vacancy) == before


def test_the_company_form_round_trips(client, db, make, login):
    company = make.company(
        description="做财务软件。", website="https://yunfan.example.com", contact_phone="13800000000"
    )
    employer = make.employer(company=company)
    login(employer)
    before = columns(company)
    response = save_unchanged(client, "/employer/company/edit")
    assert response.status_code == 302
    db.session.refresh(company)
    assert columns(company) == before


def test_the_notification_settings_round_trip(client, db, make, login):
    user = make.user(Role.GRADUATE, email_opt_in=False)
    login(user)
    before = columns(user)
    assert save_unchanged(client, "/auth/settings").status_code == 302
    db.session.refresh(user)
    after = columns(user)
    assert {k: v for k, v in after.items() if k != "last_login_at"} == {
        k: v for k, v in before.items() if k != "last_login_at"
    }
