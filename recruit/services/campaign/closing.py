"""What happens when deadlines and campaigns end: vacancies close, and the campaign's final report is kept."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, update

from recruit import clock
from recruit.models import (
    Application,
    ApplicationStatus,
    Campaign,
    Company,
    CompanyStatus,
    GraduateProfile,
    Role,
    University,
    User,
    Vacancy,
    VacancyStatus,
)
from recruit.services.oversight import audit
from recruit.services.universities.placement import placed_agreements


def expire_past_deadline(session, today: date) -> int:
    """Close every published vacancy whose deadline has passed; return how many."""
    closed = (
        session.execute(
            update(Vacancy)
            .where(Vacancy.status == VacancyStatus.PUBLISHED, Vacancy.deadline < today)
            .values(status=VacancyStatus.CLOSED, closed_at=clock.now())
        ).rowcount
        or 0
    )
    if closed:
        audit.record(session, None, "vacancy.expire", None, {"closed": closed, "before": today.isoformat()})
    return closed


def _placements(session, campaign: Campaign, column, join_path) -> dict[str, int]:
    statement = placed_agreements(
        select(column, func.count())
        .select_from(Application)
        .join(Vacancy, Vacancy.id == Application.vacancy_id)
        .where(Vacancy.campaign_id == campaign.id)
    )
    for target, condition in join_path:
        statement = statement.join(target, condition)
    rows = session.execute(statement.group_by(column)).all()
    return {str(key or "-"): n for key, n in sorted(rows, key=lambda r: -r[1])}


def final_report(session, campaign: Campaign) -> dict:
    """The campaign's totals (hires are accepted offers) and its placements (agreements confirmed by all three) by
    province, industry and university."""
    in_campaign = Vacancy.campaign_id == campaign.id
    applications = (
        select(func.count())
        .select_from(Application)
        .join(Vacancy, Vacancy.id == Application.vacancy_id)
        .where(in_campaign)
    )
    return {
        "totals": {
            "graduates": session.scalar(select(func.count()).select_from(User).where(User.role == Role.GRADUATE)),
            "verified_companies": session.scalar(
                select(func.count()).select_from(Company).where(Company.status == CompanyStatus.VERIFIED)
            ),
            "vacancies": session.scalar(select(func.count()).select_from(Vacancy).where(in_campaign)),
            "positions": session.scalar(select(func.coalesce(func.sum(Vacancy.headcount), 0)).where(in_campaign)),
            "applications": session.scalar(applications),
            "hires": session.scalar(applications.where(Application.status == ApplicationStatus.HIRED)),
        },
        "placements_by_province": _placements(session, campaign, Vacancy.province_code, []),
        "placements_by_industry": _placements(
            session, campaign, Company.industry, [(Company, Company.id == Vacancy.company_id)]
        ),
        "placements_by_university": _placements(
            session,
            campaign,
            University.name,
            [
                (GraduateProfile, GraduateProfile.id == Application.graduate_id),
                (University, University.id == GraduateProfile.university_id),
            ],
        ),
    }


def finish_ended_campaigns(session, today: date) -> list[Campaign]:
    """For each campaign that ended before `today` and is not finished: close its open vacancies and keep
    its final report (once: a campaign already finished is left alone)."""
    finished = []
    for campaign in session.scalars(select(Campaign).where(Campaign.finished_at.is_(None))):
        if campaign.ends_on >= today:
            continue
        closed = (
            session.execute(
                update(Vacancy)
                .where(Vacancy.campaign_id == campaign.id, Vacancy.status == VacancyStatus.PUBLISHED)
                .values(status=VacancyStatus.CLOSED, closed_at=clock.now())
            ).rowcount
            or 0
        )
        campaign.final_report = final_report(session, campaign)
        campaign.finished_at = clock.now()
        audit.record(session, None, "campaign.finish", campaign, {"closed_vacancies": closed})
        finished.append(campaign)
    session.flush()
    return finished
