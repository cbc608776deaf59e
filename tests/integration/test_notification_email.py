"""Notifications go out by e-mail too, in the same transaction, unless the user said no."""

from sqlalchemy import select

from recruit.models import ApplicationStatus, DigestFrequency, OutboxEmail
from recruit.services.hiring import applications


def test_a_status_change_queues_an_email_in_the_graduates_language(db, make):
    company = make.company()
    employer = make.employer(company=company)
    application = make.application(vacancy=make.vacancy(company=company, title="出纳"))
    application.graduate.user.locale = "zh"
    db.session.commit()
    applications.transition(db.session, application, ApplicationStatus.VIEWED, employer)
    db.session.commit()
    mail = db.session.scalar(select(OutboxEmail).where(OutboxEmail.user_id == application.graduate.user_id))
    assert mail.subject == "用人单位已查看您对“出纳”的申请。"
    assert f"/graduate/applications/{application.id}" in mail.body_text
    assert "/auth/settings" in mail.body_text and mail.body_html.startswith("<!doctype html>")


def test_no_email_for_those_who_turned_it_off(client, db, make, login):
    company = make.company()
    employer = make.employer(company=company)
    application = make.application(vacancy=make.vacancy(company=company))
    login(application.graduate.user)
    response = client.post("/auth/settings", data={"digest_frequency": "weekly"})  # checkbox left empty
    assert response.status_code == 302
    user = application.graduate.user
    db.session.refresh(user)
    assert user.email_opt_in is False and user.digest_frequency is DigestFrequency.WEEKLY
    applications.transition(db.session, application, ApplicationStatus.VIEWED, employer)
    db.session.commit()
    assert db.session.scalar(select(OutboxEmail).where(OutboxEmail.user_id == user.id)) is None
    page = client.get("/notifications/").get_data(as_text=True)
    assert "The employer has read your application" in page  # the inbox still has it
