"""What the employer's pages say: every action has its button, degrees in the reader's language, an interview
that took place no longer waits for an answer, the company profile can be corrected, a candidate can be read."""

import re
from datetime import timedelta

from recruit import clock
from recruit.models import ApplicationStatus, CompanyStatus, Degree, InterviewStatus
from tests.integration.test_companies import FORM as COMPANY_FORM


def test_a_shortlisted_application_offers_only_moves_it_has_buttons_for(client, db, make, login):
    company = make.company()
    employer = make.employer(company=company)
    application = make.application(vacancy=make.vacancy(company=company), status=ApplicationStatus.SHORTLISTED)
    login(employer)
    page = client.get(f"/employer/applications/{application.id}").get_data(as_text=True)
    assert 'name="to_status" value="interview"' not in page  # the interview has its own form
    moves = re.findall(r'<form method="post" action="[^"]*/move".*?</form>', page, re.S)
    assert len(moves) == 1 and all("<button" in form for form in moves)  # shortlisted: reject (interview: below)
    assert "Invite to an interview" in page and ">Reject</button>" in page


def test_an_offer_settles_the_interview(client, db, make, login):
    company = make.company()
    employer = make.employer(company=company)
    application = make.application(vacancy=make.vacancy(company=company), status=ApplicationStatus.INTERVIEW)
    interview = make.interview(application=application, scheduled_at=clock.now() + timedelta(days=1))
    login(employer)
    terms = {
        "position": "软件工程师",
        "monthly_salary": "8000",
        "start_on": (clock.today() + timedelta(days=40)).isoformat(),
        "answer_by": (clock.today() + timedelta(days=7)).isoformat(),
    }
    offered = client.post(f"/employer/applications/{application.id}/offer", data=terms)
    assert offered.status_code == 302
    db.session.refresh(interview)
    assert interview.status is InterviewStatus.DONE
    page = client.get(f"/employer/applications/{application.id}").get_data(as_text=True)
    assert "awaiting an answer" not in page


def test_candidates_show_degrees_in_the_readers_language(client, db, make, login, monkeypatch):
    from recruit.services.discovery import recommendations

    company = make.company()
    employer = make.employer(company=company)
    vacancy = make.vacancy(company=company)
    graduate = make.graduate(degree=Degree.BACHELOR, is_visible_to_employers=True, major="会计学", about="喜欢数字。")
    login(employer)
    client.post("/language/zh", data={"next": "/"})
    page = client.get(f"/employer/vacancies/{vacancy.id}/candidates/{graduate.id}").get_data(as_text=True)
    assert "本科" in page and "bachelor" not in page and "会计学" in page and "喜欢数字。" in page
    assert "/resume" not in page  # no resume before they apply
    hidden = make.graduate(is_visible_to_employers=False)
    assert client.get(f"/employer/vacancies/{vacancy.id}/candidates/{hidden.id}").status_code == 404
    assert recommendations.visible_candidate(db.session, hidden.id) is None


def test_a_company_corrects_its_profile_and_a_new_name_is_verified_again(client, db, make, login):
    company = make.company(status=CompanyStatus.VERIFIED)
    employer = make.employer(company=company)
    login(employer)
    form = {
        **COMPANY_FORM,
        "name": company.name,
        "uscc": "91350100M000100Y43",
        "industry": company.industry,
        "industry_division": company.industry_division,
        "employees": "60",
        "description": "新的介绍",
    }
    response = client.post("/employer/company/edit", data=form)
    assert response.status_code == 302
    db.session.refresh(company)
    assert company.description == "新的介绍" and company.employees == 60
    assert company.uscc != "91350100M000100Y43"  # the credit code never changes
    assert company.status is CompanyStatus.VERIFIED
    client.post("/employer/company/edit", data={**form, "name": "深圳新名字科技有限公司"})
    db.session.refresh(company)
    assert company.name == "深圳新名字科技有限公司" and company.status is CompanyStatus.PENDING
    bad = client.post("/employer/company/edit", data={**form, "website": "javascript:alert(1)"})
    assert bad.status_code == 422


def test_only_the_administrator_edits_the_company(client, db, make, login):
    from recruit.models import CompanyMember, Role

    company = make.company()
    make.employer(company=company)
    colleague = make.user(Role.EMPLOYER)
    db.session.add(CompanyMember(company_id=company.id, user_id=colleague.id, is_admin=False))
    db.session.commit()
    login(colleague)
    response = client.post("/employer/company/edit", data={**COMPANY_FORM, "name": "改名"})
    assert response.status_code == 422
    db.session.refresh(company)
    assert company.name != "改名"
