"""Employers write, publish, edit and close vacancies; bad input is refused and writes nothing."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from recruit import clock
from recruit.models import Application, Job, JobStatus

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


def jobs(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Job))


@pytest.fixture
def employer(make, login):
    make.campaign()
    user = make.employer()
    login(user)
    return user


def deadline(days: int) -> str:
    return (clock.today() + timedelta(days=days)).isoformat()


def test_publish_a_vacancy_at_once(client, db, employer):
    response = client.post("/employer/jobs/new", data={**FORM, "deadline": deadline(20), "publish": "Publish"})
    assert response.status_code == 302
    job = db.session.scalar(select(Job).where(Job.title == "出纳"))
    assert job.status is JobStatus.PUBLISHED and job.published_at is not None
    assert job.skills == ["出纳", "Excel"] and job.preferred_majors == ["会计学", "财务管理"]
    assert job.campaign_id is not None


def test_save_a_draft_then_publish_it(client, db, employer):
    client.post("/employer/jobs/new", data={**FORM, "deadline": deadline(20), "save_draft": "Save as draft"})
    job = db.session.scalar(select(Job).where(Job.title == "出纳"))
    assert job.status is JobStatus.DRAFT
    assert client.post(f"/employer/jobs/{job.id}/status", data={"action": "publish"}).status_code == 302
    db.session.refresh(job)
    assert job.status is JobStatus.PUBLISHED


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
    before = jobs(db)
    response = client.post("/employer/jobs/new", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    start = page.index(f'id="{field}-feedback"')
    assert message in page[start : start + 300]
    assert "负责现金收付与银行结算。" in page
    assert jobs(db) == before


def test_editing_a_published_vacancy_keeps_its_applications(client, db, make, employer):
    job = make.job(company=employer.company_membership.company)
    applications = [make.application(job=job) for _ in range(2)]
    response = client.post(
        f"/employer/jobs/{job.id}/edit", data={**FORM, "title": "高级出纳", "deadline": deadline(25), "publish": "Save"}
    )
    assert response.status_code == 302
    db.session.refresh(job)
    assert job.title == "高级出纳" and job.status is JobStatus.PUBLISHED
    assert db.session.scalar(select(func.count()).select_from(Application).where(Application.job_id == job.id)) == 2
    assert all(db.session.get(Application, a.id) is not None for a in applications)


def test_closing_a_vacancy(client, db, make, employer):
    job = make.job(company=employer.company_membership.company)
    assert client.post(f"/employer/jobs/{job.id}/status", data={"action": "close"}).status_code == 302
    db.session.refresh(job)
    assert job.status is JobStatus.CLOSED
    page = client.post(f"/employer/jobs/{job.id}/edit", data={**FORM, "deadline": deadline(20), "publish": "Save"})
    assert page.status_code == 422
    assert "can no longer be edited" in page.get_data(as_text=True)


def test_without_a_company_there_is_nothing_to_post(client, make, login):
    from recruit.models import Role

    login(make.user(Role.EMPLOYER))
    assert client.get("/employer/jobs/new").status_code == 404
    assert "Register your company" in client.get("/employer/").get_data(as_text=True)
