"""A university's campaign day by day, and where its placed graduates went: the charts of the career office's
dashboard. Placed means `placement.is_placed` (a confirmed employment agreement), dated by its confirmation."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from recruit import clock
from recruit.database import local_date
from recruit.models import (
    Application,
    Campaign,
    Company,
    GraduateProfile,
    SizeClass,
    User,
    Vacancy,
)
from recruit.services.universities.placement import STAGES, placed_agreements

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


def _cumulative(days: list[date], per_day: dict[date, int]) -> list[int]:
    """How many fell on or before each of `days`, from counts per local day."""
    before = sum(n for d, n in per_day.items() if d < days[0]) if days else 0
    totals, running = [], before
    for day in days:
        running += per_day.get(day, 0)
        totals.append(running)
    return totals


def _per_day(session, moment, *where, join=None) -> dict[date, int]:
    """Counts of the university's graduates per local day of `moment`, grouped by the database (a large
    university's 20,000 graduates come back as at most a few hundred rows)."""
    day = local_date(session, moment)
    statement = select(day, func.count()).select_from(GraduateProfile)
    if join is not None:
        statement = statement.join(*join)
    rows = session.execute(statement.where(*where, moment.is_not(None)).group_by(day)).all()
    return {(d if isinstance(d, date) else date.fromisoformat(str(d))): n for d, n in rows}


def daily_figures(session, university_id: int, campaign: Campaign | None) -> DailyFigures:
    """Each day of the campaign up to today: registered, applied and placed graduates so far (each counted once,
    on the day they first registered, applied, were placed)."""
    if campaign is None:
        return DailyFigures([], [], [], [])
    last = min(clock.today(), campaign.ends_on)
    days = [campaign.starts_on + timedelta(days=i) for i in range(max(0, (last - campaign.starts_on).days + 1))]
    own = GraduateProfile.university_id == university_id
    registered = _per_day(session, User.created_at, own, join=(User, User.id == GraduateProfile.user_id))
    applied = _per_day(session, GraduateProfile.first_applied_at, own)
    placed = _per_day(session, GraduateProfile.placed_at, own)
    return DailyFigures(days, _cumulative(days, registered), _cumulative(days, applied), _cumulative(days, placed))


def destinations(session, university_id: int) -> Destinations:
    """Where the university's placed graduates went, from their placed applications (reached through the profiles
    that stand at "placed", so only those graduates' applications are read), one grouped read."""
    rows = session.execute(
        placed_agreements(
            select(Company.id, Company.name, Company.industry, Vacancy.province_code, Company.size_class, func.count())
            .select_from(GraduateProfile)
            .join(Application, Application.graduate_id == GraduateProfile.id)
            .join(Vacancy, Vacancy.id == Application.vacancy_id)
            .join(Company, Company.id == Vacancy.company_id)
        )
        .where(GraduateProfile.university_id == university_id, GraduateProfile.furthest_stage == len(STAGES))
        .group_by(Company.id, Company.name, Company.industry, Vacancy.province_code, Company.size_class)
    ).all()
    industries, provinces, sizes, employers = Counter(), Counter(), Counter(), Counter()
    for company_id, name, industry, province, size_class, n in rows:
        industries[industry] += n
        provinces[province] += n
        sizes[size_class] += n
        employers[(company_id, name)] += n
    return Destinations(
        by_industry=industries.most_common(),
        by_province=provinces.most_common(),
        by_size_class=sizes.most_common(),
        top_employers=[(name, n) for (_id, name), n in employers.most_common(TOP_EMPLOYERS)],
    )
