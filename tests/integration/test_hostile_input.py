"""What probing the running product found: links that run script, vacancies that leak, numbers and characters
that crashed it. Each is refused with a clear answer (a 4xx, a message by the field) and writes nothing."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from recruit import clock
from recruit.models import (
    ApplicationStatus,
    Company,
    CompanyStatus,
    Interview,
    Role,
    SavedVacancy,
    Vacancy,
    VacancyStatus,
)
from tests.integration.test_companies import FORM as COMPANY_FORM
from tests.integration.test_vacancies import FORM as VACANCY_FORM

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "website",
    [
        "javascript:alert(document.domain)//",
        "data:text/html,<script>x</script>",
        "JaVaScRiPt:alert(1)",
        "//evil.example.com",
        "https://",
    ],
)
def test_a_company_website_must_be_a_web_address(client, db, make, login, website):
    login(make.user(Role.EMPLOYER))
    response = client.post("/employer/company/register", data={**COMPANY_FORM, "website": website})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Give a web address that starts with https://" in page
    assert COMPANY_FORM["name"] in page  # the rest of the input is kept
    assert db.session.scalar(select(func.count()).select_from(Company).where(Company.uscc == COMPANY_FORM["uscc"])) == 0


def test_a_stored_script_link_is_never_a_link(client, db, make, login):
    company = make.company(website="javascript:alert(document.domain)//")
    page = client.get(f"/companies/{company.id}").get_data(as_text=True)
    assert "javascript:" not in page
    login(make.user(Role.OPERATOR))
    review = client.get(f"/admin/companies/{company.id}").get_data(as_text=True)
    assert "javascript:alert(document.domain)//</code>" in review  # the operator sees what was given
    assert 'href="javascript:' not in review and "not a web address" in review


def test_draft_and_unverified_vacancies_are_not_there_for_graduates(client, db, make, login):
    draft = make.vacancy(status=VacancyStatus.DRAFT, title="内部草稿岗位")
    unverified = make.vacancy(company=make.company(status=CompanyStatus.PENDING), title="待审核企业岗位")
    profile = make.graduate()
    login(profile.user)
    for vacancy in (draft, unverified):
        assert client.get(f"/vacancies/{vacancy.id}").status_code == 404
        assert client.post(f"/graduate/vacancies/{vacancy.id}/save").status_code == 404
        assert client.post(f"/graduate/recommendations/{vacancy.id}/hide").status_code == 404
        assert client.post(f"/graduate/vacancies/{vacancy.id}/apply", data={"cover_letter": "x"}).status_code == 404
    assert db.session.scalar(select(func.count()).select_from(SavedVacancy)) == 0
    saved = client.get("/graduate/saved").get_data(as_text=True)
    assert "内部草稿岗位" not in saved and "待审核企业岗位" not in saved


@pytest.mark.parametrize(
    "path",
    [
        f"/vacancies/{HUGE}",
        f"/companies/{HUGE}",
        f"/vacancies/{2**63}",
        f"/vacancies/{2**31}",
        "/vacancies/-1",
        "/vacancies/１２",
    ],
)
def test_ids_out_of_range_are_not_found(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "role, path",
    [
        (Role.GRADUATE, f"/graduate/applications/{HUGE}"),
        (Role.EMPLOYER, f"/employer/applications/{HUGE}"),
        (Role.EMPLOYER, f"/employer/vacancies/{HUGE}/applicants"),
    ],
)
def test_ids_out_of_range_are_not_found_when_logged_in(client, login_as, role, path):
    login_as(role)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "role, path",
    [
        (Role.GRADUATE, "/notifications/"),
        (Role.OPERATOR, "/admin/audit"),
        (Role.OPERATOR, "/admin/companies"),
        (Role.OPERATOR, "/admin/users"),
    ],
)
@pytest.mark.parametrize("page", [HUGE, "-3", "0", "abc", "²", "1e9"])
def test_bad_page_numbers_are_a_400(client, login_as, role, path, page):
    login_as(role)
    assert client.get(f"{path}?page={page}").status_code == 400


def test_bulk_rejection_with_ids_that_are_not_ids_is_a_400(client, db, make, login):
    company = make.company()
    employer = make.employer(company=company)
    vacancy = make.vacancy(company=company)
    application = make.application(vacancy=vacancy)
    login(employer)
    for bad in ("²", HUGE, "-1", "1 OR 1=1"):
        response = client.post(f"/employer/vacancies/{vacancy.id}/reject", data={"application_ids": [bad], "note": "x"})
        assert response.status_code == 400
    db.session.refresh(application)
    assert application.status is ApplicationStatus.SUBMITTED


@pytest.mark.parametrize("bad", ["出纳\x00", "出\x07纳", "出纳\x1b[31m", "出纳\u0085"])
def test_control_characters_are_refused_next_to_the_field(client, db, make, login, bad):
    make.campaign()
    login(make.employer())
    deadline = (clock.today() + timedelta(days=20)).isoformat()
    before = db.session.scalar(select(func.count()).select_from(Vacancy))
    response = client.post(
        "/employer/vacancies/new", data={**VACANCY_FORM, "title": bad, "deadline": deadline, "publish": "Publish"}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Remove the invisible control characters from this field." in page
    assert VACANCY_FORM["description"] in page
    assert db.session.scalar(select(func.count()).select_from(Vacancy)) == before


def test_line_breaks_and_tabs_stay_allowed_in_text(client, db, make, login):
    make.campaign()
    login(make.employer())
    deadline = (clock.today() + timedelta(days=20)).isoformat()
    response = client.post(
        "/employer/vacancies/new",
        data={**VACANCY_FORM, "description": "第一行\r\n第二行\t缩进", "deadline": deadline, "publish": "Publish"},
    )
    assert response.status_code == 302


def test_a_graduate_name_with_nul_is_refused(client, db, make, login):
    profile = make.graduate(full_name="王芳")
    login(profile.user)
    response = client.post("/graduate/profile", data={"full_name": "王\x00芳", "major": "会计学"})
    assert response.status_code == 422
    db.session.refresh(profile)
    assert profile.full_name == "王芳"


@pytest.mark.parametrize(
    "when, message",
    [
        ("9999-12-31T10:00", "Choose a time within the next twelve months."),
        ("2020-01-01T10:00", "Choose a time in the future."),
    ],
)
def test_an_interview_is_set_within_a_year(client, db, make, login, when, message):
    company = make.company()
    employer = make.employer(company=company)
    application = make.application(vacancy=make.vacancy(company=company), status=ApplicationStatus.SHORTLISTED)
    login(employer)
    response = client.post(
        f"/employer/applications/{application.id}/interview",
        data={"scheduled_at": when, "duration_minutes": "30", "location": "A座"},
    )
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(Interview).where(Interview.application_id == application.id)) is None


def test_an_interview_link_must_be_a_web_address(client, db, make, login):
    company = make.company()
    employer = make.employer(company=company)
    application = make.application(vacancy=make.vacancy(company=company), status=ApplicationStatus.SHORTLISTED)
    login(employer)
    when = (clock.now() + timedelta(days=3)).astimezone().strftime("%Y-%m-%dT10:00")
    response = client.post(
        f"/employer/applications/{application.id}/interview",
        data={"scheduled_at": when, "duration_minutes": "30", "online_url": "javascript:alert(1)"},
    )
    assert response.status_code == 422
    assert "Give a web address that starts with https://" in response.get_data(as_text=True)
