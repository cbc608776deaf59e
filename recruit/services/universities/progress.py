"""A university's campaign day by day, and where its placed graduates went: the charts of the career office's
dashboard. Placed means `placement.PLACED`, dated by the event that made the application so."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from recruit import clock
from recruit.models import (
    Application,
    Campaign,
    Company,
    GraduateProfile,
    SizeClass,
    User,
    Vacancy,
)
from recruit.services.universities.placement import PLACED, STAGES

TOP_EMPLOYERS = 10


@dataclass(frozen=True)
class DailyFigures:
    """Graduates registered, who had applied and who were placed, by the end of each day of the campaign."""

    days: list[date]
    registered: list[int]
    applied: list[int]
    placed: list[int]


@dataclass(frozen=True)
class Destinations:
    """Where the university's placed graduates went: counts by industry, province and company size, and the
    employers that hired most of them."""

    by_industry: list[tuple[str, int]]
    by_province: list[tuple[str, int]]
    by_size_class: list[tuple[SizeClass | None, int]]
    top_employers: list[tuple[str, int]]


def _cumulative(days: list[date], moments: list[datetime | None]) -> list[int]:
    """How many of `moments` fell on or before each of `days` (in the campaign's time zone)."""
    zone = clock.zone()
    per_day = Counter(m.astimezone(zone).date() for m in moments if m is not None)
    before = sum(n for d, n in per_day.items() if d < days[0]) if days else 0
    totals, running = [], before
    for day in days:
        running += per_day.get(day, 0)
        totals.append(running)
    return totals


def daily_figures(session, university_id: int, campaign: Campaign | None) -> DailyFigures:
    """Each day of the campaign up to today: registered, applied and placed graduates so far (each counted once,
    on the day they first registered, applied, were placed)."""
    if campaign is None:
        return DailyFigures([], [], [], [])
    last = min(clock.today(), campaign.ends_on)
    days = [campaign.starts_on + timedelta(days=i) for i in range(max(0, (last - campaign.starts_on).days + 1))]
    own = GraduateProfile.university_id == university_id
    registered = session.scalars(
        select(User.created_at).join(GraduateProfile, GraduateProfile.user_id == User.id).where(own)
    ).all()
    applied = session.scalars(
        select(GraduateProfile.first_applied_at).where(own, GraduateProfile.first_applied_at.is_not(None))
    ).all()
    placed = session.scalars(select(GraduateProfile.placed_at).where(own, GraduateProfile.placed_at.is_not(None))).all()
    return DailyFigures(days, _cumulative(days, registered), _cumulative(days, applied), _cumulative(days, placed))


def destinations(session, university_id: int) -> Destinations:
    """Where the university's placed graduates went, from their placed applications (reached through the profiles
    that stand at "placed", so only those graduates' applications are read)."""
    rows = session.execute(
        select(Company.id, Company.name, Company.industry, Vacancy.province_code, Company.size_class)
        .select_from(Application)
        .join(GraduateProfile, GraduateProfile.id == Application.graduate_id)
        .join(Vacancy, Vacancy.id == Application.vacancy_id)
        .join(Company, Company.id == Vacancy.company_id)
        .where(
            GraduateProfile.university_id == university_id,
            GraduateProfile.furthest_stage == len(STAGES),
            Application.status.in_(PLACED),
        )
    ).all()
    employers = Counter((row.id, row.name) for row in rows)
    return Destinations(
        by_industry=Counter(row.industry for row in rows).most_common(),
        by_province=Counter(row.province_code for row in rows).most_common(),
        by_size_class=Counter(row.size_class for row in rows).most_common(),
        top_employers=[(name, n) for (_id, name), n in employers.most_common(TOP_EMPLOYERS)],
    )
