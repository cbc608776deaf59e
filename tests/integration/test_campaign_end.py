"""Deadlines close vacancies; an ended campaign closes its open vacancies and keeps its final report."""

from datetime import timedelta

from recruit import clock
from recruit.models import AgreementStatus, ApplicationStatus, Role, VacancyStatus
from recruit.services.campaign.closing import expire_past_deadline, finish_ended_campaigns


def test_vacancies_close_after_their_deadline(db, make):
    due = make.vacancy(deadline=clock.today() - timedelta(days=1))
    today = make.vacancy(deadline=clock.today())
    assert expire_past_deadline(db.session, clock.today()) == 1
    db.session.commit()
    db.session.refresh(due)
    db.session.refresh(today)
    assert due.status is VacancyStatus.CLOSED and today.status is VacancyStatus.PUBLISHED


def test_the_end_of_a_campaign(client, db, make, login_as):
    campaign = make.campaign(starts_on=clock.today() - timedelta(days=100))  # its last day was yesterday
    university = make.university(name="武汉大学")
    company = make.company(industry="C", province_code="42")
    vacancy = make.vacancy(
        company=company,
        campaign_id=campaign.id,
        province_code="42",
        headcount=3,
        deadline=clock.today() + timedelta(days=5),
    )
    other = make.vacancy(campaign_id=None)
    make.placement(vacancy=vacancy, graduate=make.graduate(university=university))
    make.application(vacancy=vacancy, status=ApplicationStatus.REJECTED)
    unconfirmed = make.application(vacancy=vacancy, status=ApplicationStatus.HIRED)  # a hire, not yet a placement
    make.agreement(unconfirmed, status=AgreementStatus.AWAITING_UNIVERSITY)

    [finished] = finish_ended_campaigns(db.session, clock.today())
    db.session.commit()
    db.session.refresh(vacancy)
    db.session.refresh(other)
    assert vacancy.status is VacancyStatus.CLOSED and other.status is VacancyStatus.PUBLISHED
    report = finished.final_report
    assert report["totals"]["vacancies"] == 1 and report["totals"]["applications"] == 3
    assert report["totals"]["hires"] == 2 and report["totals"]["positions"] == 3
    assert report["placements_by_province"] == {"42": 1}
    assert report["placements_by_industry"] == {"C": 1}
    assert report["placements_by_university"] == {"武汉大学": 1}
    assert finish_ended_campaigns(db.session, clock.today()) == []  # once only

    login_as(Role.OPERATOR)
    page = client.get("/admin/campaigns").get_data(as_text=True)
    assert "1 vacancies, 3 positions, 3 applications, 2 hires" in page and "武汉大学: 1" in page
