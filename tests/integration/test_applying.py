"""A graduate applies once, to an open vacancy, with a complete profile; and can withdraw."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from recruit import clock
from recruit.models import Application, ApplicationStatus, Notification, VacancyStatus


def applications(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Application))


def test_apply_with_a_cover_letter_and_the_employer_is_told(client, db, make, login):
    company = make.company()
    employer = make.employer(company=company)
    vacancy = make.vacancy(company=company, title="数据分析师")
    graduate = make.graduate(full_name="孙悦")
    login(graduate.user)
    response = client.post(
        f"/graduate/vacancies/{vacancy.id}/apply",
        data={"cover_letter": "我熟悉 SQL 和 Tableau。", "shares_with_employer": "y"},
    )
    assert response.status_code == 302
    application = db.session.scalar(select(Application).where(Application.graduate_id == graduate.id))
    assert application.status is ApplicationStatus.SUBMITTED and application.cover_letter == "我熟悉 SQL 和 Tableau。"
    assert [e.to_status for e in application.events] == [ApplicationStatus.SUBMITTED]
    note = db.session.scalar(select(Notification).where(Notification.user_id == employer.id))
    assert note.title == "New application for 数据分析师 from 孙悦."
    page = client.get("/graduate/applications").get_data(as_text=True)
    assert "数据分析师" in page and 'data-status="submitted"' in page


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("twice", "You have already applied to this vacancy."),
        ("closed", "This vacancy is not taking applications."),
        ("deadline", "The deadline of this vacancy has passed."),
        ("incomplete", "Complete the required fields of your profile before applying."),
        ("unverified", "This vacancy is not taking applications."),
    ],
)
def test_refused_applications_say_why_and_write_nothing(client, db, make, login, setup, message):
    vacancy = make.vacancy()
    graduate = make.graduate()
    if setup == "twice":
        make.application(vacancy=vacancy, graduate=graduate)
    elif setup == "closed":
        vacancy.status = VacancyStatus.CLOSED
    elif setup == "deadline":
        vacancy.deadline = clock.today() - timedelta(days=1)
    elif setup == "incomplete":
        graduate.major = ""
    elif setup == "unverified":
        from recruit.models import CompanyStatus

        vacancy.company.status = CompanyStatus.SUSPENDED
    db.session.commit()
    before = applications(db)
    login(graduate.user)
    response = client.post(
        f"/graduate/vacancies/{vacancy.id}/apply", data={"cover_letter": "请考虑我", "shares_with_employer": "y"}
    )
    if setup == "unverified":
        assert response.status_code == 404  # a suspended company's vacancies are not shown at all
    else:
        assert response.status_code == 422
        assert message in response.get_data(as_text=True)
    assert applications(db) == before


def test_withdraw_and_the_timeline_shows_it(client, db, make, login):
    application = make.application()
    login(application.graduate.user)
    asked = client.post(
        f"/graduate/applications/{application.id}/move", data={"to_status": "withdrawn", "note": "已接受其他单位"}
    )
    assert asked.status_code == 200 and "Withdraw your application for" in asked.get_data(as_text=True)
    db.session.refresh(application)
    assert application.status is ApplicationStatus.SUBMITTED  # one click asks; it does not withdraw
    response = client.post(
        f"/graduate/applications/{application.id}/move",
        data={"to_status": "withdrawn", "note": "已接受其他单位", "confirmed": "yes"},
    )
    assert response.status_code == 302
    db.session.refresh(application)
    assert application.status is ApplicationStatus.WITHDRAWN
    page = client.get(f"/graduate/applications/{application.id}").get_data(as_text=True)
    timeline = page[page.index('data-testid="timeline"') :]
    assert 'data-status="submitted"' in timeline and 'data-status="withdrawn"' in timeline
    assert "已接受其他单位" in timeline
    again = client.post(
        f"/graduate/applications/{application.id}/move", data={"to_status": "withdrawn", "confirmed": "yes"}
    )
    assert again.status_code == 409
    assert "An application that is withdrawn cannot become withdrawn." in again.get_data(as_text=True)


def test_accept_an_offer(client, db, make, login):
    application = make.application(status=ApplicationStatus.OFFERED)
    login(application.graduate.user)
    page = client.get(f"/graduate/applications/{application.id}").get_data(as_text=True)
    assert "Accept the offer" in page and "Decline the offer" in page
    asked = client.post(f"/graduate/applications/{application.id}/move", data={"to_status": "hired"})
    assert "Accept the offer for" in asked.get_data(as_text=True)
    db.session.refresh(application)
    assert application.status is ApplicationStatus.OFFERED
    client.post(f"/graduate/applications/{application.id}/move", data={"to_status": "hired", "confirmed": "yes"})
    db.session.refresh(application)
    assert application.status is ApplicationStatus.HIRED and application.vacancy.hired_count == 1


def test_employer_pipeline_pages(client, db, make, login):
    company = make.company()
    employer = make.employer(company=company)
    vacancy = make.vacancy(company=company)
    application = make.application(vacancy=vacancy)
    login(employer)
    listing = client.get(f"/employer/vacancies/{vacancy.id}/applicants").get_data(as_text=True)
    assert application.graduate.full_name in listing
    client.get(f"/employer/applications/{application.id}")  # reading the page changes nothing
    db.session.refresh(application)
    assert application.status is ApplicationStatus.SUBMITTED
    opened = client.post(f"/employer/applications/{application.id}/open")  # opening it from the list does
    assert opened.status_code == 302 and opened.headers["Location"].endswith(f"/employer/applications/{application.id}")
    db.session.refresh(application)
    assert application.status is ApplicationStatus.VIEWED
    client.post(f"/employer/applications/{application.id}/move", data={"to_status": "shortlisted", "note": "很合适"})
    db.session.refresh(application)
    assert application.status is ApplicationStatus.SHORTLISTED
    filtered = client.get(f"/employer/vacancies/{vacancy.id}/applicants?status=rejected").get_data(as_text=True)
    assert application.graduate.full_name not in filtered


def test_interview_invitation_and_answers(client, db, make, login):
    company = make.company()
    employer = make.employer(company=company)
    application = make.application(vacancy=make.vacancy(company=company), status=ApplicationStatus.SHORTLISTED)
    login(employer)
    when = (clock.now() + timedelta(days=3)).astimezone().strftime("%Y-%m-%dT10:00")
    past = client.post(
        f"/employer/applications/{application.id}/interview",
        data={"scheduled_at": "2020-01-01T10:00", "duration_minutes": "30", "location": "A座"},
    )
    assert past.status_code == 422 and "Choose a time in the future." in past.get_data(as_text=True)
    nowhere = client.post(
        f"/employer/applications/{application.id}/interview", data={"scheduled_at": when, "duration_minutes": "30"}
    )
    assert nowhere.status_code == 422 and "Give a place or an online meeting link." in nowhere.get_data(as_text=True)
    ok = client.post(
        f"/employer/applications/{application.id}/interview",
        data={
            "scheduled_at": when,
            "duration_minutes": "45",
            "location": "广州市天河区 A 座 12 楼",
            "notes": "请带作品集",
        },
    )
    assert ok.status_code == 302
    db.session.refresh(application)
    assert application.status is ApplicationStatus.INTERVIEW
    client.post("/auth/logout")

    login(application.graduate.user)
    from recruit.models import Interview, InterviewStatus

    interview = db.session.scalar(select(Interview).where(Interview.application_id == application.id))
    page = client.get(f"/graduate/applications/{application.id}").get_data(as_text=True)
    assert "广州市天河区 A 座 12 楼" in page and "10:00" in page
    empty = client.post(f"/graduate/interviews/{interview.id}/answer", data={"answer": "reschedule", "note": ""})
    assert empty.status_code == 422 and "Say which times suit you." in empty.get_data(as_text=True)
    client.post(f"/graduate/interviews/{interview.id}/answer", data={"answer": "reschedule", "note": "周五下午可以"})
    db.session.refresh(interview)
    assert interview.status is InterviewStatus.RESCHEDULE_REQUESTED and interview.response_note == "周五下午可以"
    assert db.session.scalar(
        select(Notification.title).where(Notification.user_id == employer.id).order_by(Notification.id.desc()).limit(1)
    ).endswith(f"asks for another interview time for {application.vacancy.title}.")


def test_bulk_reject_from_the_list(client, db, make, login):
    company = make.company()
    employer = make.employer(company=company)
    vacancy = make.vacancy(company=company)
    chosen = [make.application(vacancy=vacancy) for _ in range(3)]
    login(employer)
    response = client.post(
        f"/employer/vacancies/{vacancy.id}/reject",
        data={"application_ids": [str(a.id) for a in chosen[:2]], "note": "感谢关注"},
    )
    assert response.status_code == 302
    statuses = [db.session.get(Application, a.id).status for a in chosen]
    assert statuses == [ApplicationStatus.REJECTED, ApplicationStatus.REJECTED, ApplicationStatus.SUBMITTED]


def test_applying_asks_a_yes_that_names_the_employer_and_records_it(client, db, make, login):
    from recruit.models import Consent, ConsentKind

    company = make.company(name="杭州数据服务有限公司")
    vacancy = make.vacancy(company=company, title="数据标注专员")
    graduate = make.graduate()
    login(graduate.user)
    page = client.get(f"/vacancies/{vacancy.id}").get_data(as_text=True)
    assert "I agree that 杭州数据服务有限公司 may see my profile and resume" in page

    refused = client.post(f"/graduate/vacancies/{vacancy.id}/apply", data={"cover_letter": "我做过标注质检。"})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert (
        'id="shares_with_employer-feedback">Confirm that 杭州数据服务有限公司 may see your profile and resume.' in page
    )
    assert "我做过标注质检。" in page  # the letter is kept
    assert applications(db) == 0
    assert db.session.scalar(select(func.count()).select_from(Consent)) == 0 or all(
        c.kind is not ConsentKind.APPLICATION for c in db.session.scalars(select(Consent))
    )

    sent = client.post(
        f"/graduate/vacancies/{vacancy.id}/apply",
        data={"cover_letter": "我做过标注质检。", "shares_with_employer": "y"},
    )
    assert sent.status_code == 302
    consent = db.session.scalar(
        select(Consent).where(Consent.user_id == graduate.user_id, Consent.kind == ConsentKind.APPLICATION)
    )
    assert (consent.company_id, consent.company_name, consent.vacancy_id) == (
        company.id,
        "杭州数据服务有限公司",
        vacancy.id,
    )
