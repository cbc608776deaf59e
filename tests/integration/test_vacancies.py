"""Employers write, publish, edit and close vacancies; bad input is refused and writes nothing."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from recruit import clock
from recruit.models import Application, Vacancy, VacancyStatus

FORM = {
    "title": "出纳",
    "description": "负责现金收付与银行结算。",
    "requirements": "会计相关专业。",
    "skills": "出纳, Excel",
    "province_code": "44",
    "city": "广州",
    "min_degree": "associate",
    "preferred_majors": "会计学, 财务管理",
    "salary_min": "4500",
    "salary_max": "6000",
    "headcount": "2",
    "employment_type": "full_time",
}


def vacancies(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Vacancy))


@pytest.fixture
def employer(make, login):
    make.campaign()
    user = make.employer()
    login(user)
    return user


def deadline(days: int) -> str:
    return (clock.today() + timedelta(days=days)).isoformat()


def test_publish_a_vacancy_at_once(client, db, employer):
    response = client.post("/employer/vacancies/new", data={**FORM, "deadline": deadline(20), "publish": "Publish"})
    assert response.status_code == 302
    vacancy = db.session.scalar(select(Vacancy).where(Vacancy.title == "出纳"))
    assert vacancy.status is VacancyStatus.PUBLISHED and vacancy.published_at is not None
    assert vacancy.skills == ["出纳", "Excel"] and vacancy.preferred_majors == ["会计学", "财务管理"]
    assert vacancy.campaign_id is not None


def test_save_a_draft_then_publish_it(client, db, employer):
    client.post("/employer/vacancies/new", data={**FORM, "deadline": deadline(20), "save_draft": "Save as draft"})
    vacancy = db.session.scalar(select(Vacancy).where(Vacancy.title == "出纳"))
    assert vacancy.status is VacancyStatus.DRAFT
    assert client.post(f"/employer/vacancies/{vacancy.id}/status", data={"action": "publish"}).status_code == 302
    db.session.refresh(vacancy)
    assert vacancy.status is VacancyStatus.PUBLISHED


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"salary_min": "9000", "salary_max": "6000"}, "salary_min", "The lowest salary must not exceed the highest."),
        ({"deadline": "DEADLINE+200"}, "deadline", "The deadline must fall inside the campaign"),
        ({"deadline": "DEADLINE-1"}, "deadline", "The deadline must fall inside the campaign"),
        ({"headcount": "0"}, "headcount", "Hire between 1 and 1000 people."),
        ({"title": ""}, "title", "Enter the job title."),
        ({"salary_min": ""}, "salary_min", "Enter the lowest monthly salary."),
    ],
)
def test_bad_vacancies_are_refused(client, db, employer, changes, field, message):
    data = {**FORM, "deadline": deadline(20), "publish": "Publish", **changes}
    if data["deadline"].startswith("DEADLINE"):
        data["deadline"] = deadline(int(data["deadline"][8:]))
    before = vacancies(db)
    response = client.post("/employer/vacancies/new", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    start = page.index(f'id="{field}-feedback"')
    assert message in page[start : start + 300]
    assert "负责现金收付与银行结算。" in page
    assert vacancies(db) == before


def test_editing_a_published_vacancy_keeps_its_applications(client, db, make, employer):
    vacancy = make.vacancy(company=employer.company_membership.company)
    applications = [make.application(vacancy=vacancy) for _ in range(2)]
    response = client.post(
        f"/employer/vacancies/{vacancy.id}/edit",
        data={**FORM, "title": "高级出纳", "deadline": deadline(25), "publish": "Save"},
    )
    assert response.status_code == 302
    db.session.refresh(vacancy)
    assert vacancy.title == "高级出纳" and vacancy.status is VacancyStatus.PUBLISHED
    assert (
        db.session.scalar(select(func.count()).select_from(Application).where(Application.vacancy_id == vacancy.id))
        == 2
    )
    assert all(db.session.get(Application, a.id) is not None for a in applications)


def test_closing_a_vacancy(client, db, make, employer):
    vacancy = make.vacancy(company=employer.company_membership.company)
    assert client.post(f"/employer/vacancies/{vacancy.id}/status", data={"action": "close"}).status_code == 302
    db.session.refresh(vacancy)
    assert vacancy.status is VacancyStatus.CLOSED
    page = client.post(
        f"/employer/vacancies/{vacancy.id}/edit", data={**FORM, "deadline": deadline(20), "publish": "Save"}
    )
    assert page.status_code == 422
    assert "can no longer be edited" in page.get_data(as_text=True)


def test_without_a_company_there_is_nothing_to_post(client, make, login):
    from recruit.models import Role

    login(make.user(Role.EMPLOYER))
    assert client.get("/employer/vacancies/new").status_code == 404
    assert "Register your company" in client.get("/employer/").get_data(as_text=True)


def test_old_addresses_of_vacancy_pages_move_for_good(client, make):
    vacancy = make.vacancy(title="会计")
    page = client.get(f"/jobs/{vacancy.id}")
    assert page.status_code == 301 and page.headers["Location"].endswith(f"/vacancies/{vacancy.id}")
    search = client.get("/jobs?q=会计&page=2")
    assert search.status_code == 301
    assert "/vacancies?" in search.headers["Location"] and "page=2" in search.headers["Location"]
