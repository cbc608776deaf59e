"""The operator's campaign figures, nationally and for each province, computed by the worker into snapshots so that
the dashboard reads one row however large the campaign.

Graduate-side figures (the funnel, the days, universities, where graduates were placed) follow the graduates of a
province's universities; employer-side figures (SMEs with no applicant, time to first response) follow the
companies registered in the province. "Placed" is `placement.is_placed` (a confirmed agreement), as on the career
office's dashboard.
"""

from __future__ import annotations

import statistics as stats
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import case, exists, func, select, true

from recruit import clock
from recruit.database import local_date
from recruit.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Campaign,
    Company,
    EmploymentAgreement,
    FiguresSnapshot,
    FollowUp,
    GraduateProfile,
    University,
    User,
    Vacancy,
    VacancyStatus,
)
from recruit.reference.regions import PROVINCE_BY_CODE
from recruit.services.campaign.statistics import national_overview
from recruit.services.universities.placement import STAGES, placed_agreements

NATIONAL = "national"
TOP_UNIVERSITIES = 20
IDLE_SAMPLE = 20
# An employer's first move on an application; the median is taken over at most this many answered applications,
# an even sample by id (the median of 200,000 is within a fraction of a percent of the whole one's).
EMPLOYER_MOVES = (
    ApplicationStatus.VIEWED,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.INTERVIEW,
    ApplicationStatus.OFFERED,
    ApplicationStatus.REJECTED,
)
RESPONSE_SAMPLE = 200_000
FUNNEL = ("registered", *STAGES)


def scope_for(province_code: str | None) -> str:
    """The snapshot scope of a province (None: the whole country)."""
    return f"province:{province_code}" if province_code else NATIONAL


def _empty(days: list[date]) -> dict:
    return {
        "funnel": dict.fromkeys(FUNNEL, 0),
        "daily": {"days": [d.isoformat() for d in days], "registered": [], "applied": [], "placed": []},
        "placed_by_province": {},
        "placed_by_industry": {},
        "placed_by_size_class": {},
        "universities": [],
        "idle_smes": {"count": 0, "sample": []},
        "first_response": {"median_hours": None, "answered": 0},
        "retention": {},  # months → [asked, answered, still employed]
    }


def _campaign_days(campaign: Campaign | None, today: date) -> list[date]:
    if campaign is None:
        return []
    last = min(today, campaign.ends_on)
    return [campaign.starts_on + timedelta(days=i) for i in range(max(0, (last - campaign.starts_on).days + 1))]


def _funnel_and_universities(session, scopes) -> None:
    stage = GraduateProfile.furthest_stage
    rows = session.execute(
        select(University.province_code, University.id, University.name, stage, func.count())
        .select_from(GraduateProfile)
        .join(University, University.id == GraduateProfile.university_id)
        .group_by(University.province_code, University.id, University.name, stage)
    ).all()
    per_university: dict[tuple[str, int, str], list[int]] = defaultdict(lambda: [0, 0])
    for province, university_id, name, reached, n in rows:
        for figures in (scopes(NATIONAL), scopes(scope_for(province))):
            figures["funnel"]["registered"] += n
            for rank, name_of_stage in enumerate(STAGES, start=1):
                if reached >= rank:
                    figures["funnel"][name_of_stage] += n
        counts = per_university[(province, university_id, name)]
        counts[0] += n
        counts[1] += n if reached == len(STAGES) else 0
    ranked: dict[str, list] = defaultdict(list)
    for (province, university_id, name), (registered, placed) in per_university.items():
        for scope in (NATIONAL, scope_for(province)):
            ranked[scope].append([university_id, name, registered, placed])
    for scope, universities in ranked.items():
        universities.sort(key=lambda u: (-u[3], -u[2], u[1]))
        scopes(scope)["universities"] = universities[:TOP_UNIVERSITIES]


def _daily(session, scopes, days: list[date]) -> None:
    if not days:
        return
    # Each graduate counted once, on the day they registered, first applied, were placed (kept on the profile).
    moments = {
        "registered": User.created_at,
        "applied": GraduateProfile.first_applied_at,
        "placed": GraduateProfile.placed_at,
    }
    for series, moment in moments.items():
        day = local_date(session, moment)
        rows = session.execute(
            select(University.province_code, day, func.count())
            .select_from(GraduateProfile)
            .join(User, User.id == GraduateProfile.user_id)
            .join(University, University.id == GraduateProfile.university_id)
            .where(moment.is_not(None))
            .group_by(University.province_code, day)
        ).all()
        per_scope: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
        for province, on, n in rows:
            on = on if isinstance(on, date) else date.fromisoformat(str(on))
            for scope in (NATIONAL, scope_for(province)):
                per_scope[scope][on] += n
        for scope, counts in per_scope.items():
            running = sum(n for on, n in counts.items() if on < days[0])
            totals = []
            for d in days:
                running += counts.get(d, 0)
                totals.append(running)
            scopes(scope)["daily"][series] = totals


def _placements(session, scopes) -> None:
    rows = session.execute(
        placed_agreements(
            select(University.province_code, Vacancy.province_code, Company.industry, Company.size_class, func.count())
            .select_from(Application)
            .join(GraduateProfile, GraduateProfile.id == Application.graduate_id)
            .join(University, University.id == GraduateProfile.university_id)
            .join(Vacancy, Vacancy.id == Application.vacancy_id)
            .join(Company, Company.id == Vacancy.company_id)
        ).group_by(University.province_code, Vacancy.province_code, Company.industry, Company.size_class)
    ).all()
    for home, where, industry, size_class, n in rows:
        for scope in (NATIONAL, scope_for(home)):
            figures = scopes(scope)
            for key, value in (
                ("placed_by_province", where),
                ("placed_by_industry", industry),
                ("placed_by_size_class", size_class.value if size_class else ""),
            ):
                figures[key][value or ""] = figures[key].get(value or "", 0) + n


def _idle_smes(session, scopes) -> None:
    answered = exists().where(Application.vacancy_id == Vacancy.id)
    rows = session.execute(
        select(Company.province_code, Company.id, Company.name, func.count(Vacancy.id))
        .join(Vacancy, Vacancy.company_id == Company.id)
        .where(Vacancy.status == VacancyStatus.PUBLISHED)
        .group_by(Company.province_code, Company.id, Company.name)
        .having(func.sum(case((answered, 1), else_=0)) == 0)
        .order_by(Company.id)
    ).all()
    for province, company_id, name, vacancies in rows:
        for scope in (NATIONAL, scope_for(province)):
            idle = scopes(scope)["idle_smes"]
            idle["count"] += 1
            if len(idle["sample"]) < IDLE_SAMPLE:
                idle["sample"].append([company_id, name, vacancies])


def _first_responses(session, scopes) -> None:
    total = session.scalar(select(func.count()).select_from(Application)) or 0
    step = max(1, total // RESPONSE_SAMPLE)
    first_move = (
        select(
            ApplicationEvent.application_id.label("application_id"), func.min(ApplicationEvent.created_at).label("at")
        )
        .where(ApplicationEvent.to_status.in_(EMPLOYER_MOVES))
        .group_by(ApplicationEvent.application_id)
        .subquery()
    )
    sampled = Application.id % step == 0 if step > 1 else true()
    rows = session.execute(
        select(Company.province_code, Application.created_at, first_move.c.at)
        .select_from(Application)
        .join(first_move, first_move.c.application_id == Application.id)
        .join(Vacancy, Vacancy.id == Application.vacancy_id)
        .join(Company, Company.id == Vacancy.company_id)
        .where(sampled)
    ).all()
    hours: dict[str, list[float]] = defaultdict(list)
    for province, applied_at, answered_at in rows:
        waited = max(0.0, (answered_at - applied_at).total_seconds() / 3600)
        hours[NATIONAL].append(waited)
        hours[scope_for(province)].append(waited)
    for scope, values in hours.items():
        scopes(scope)["first_response"] = {"median_hours": round(stats.median(values), 1), "answered": len(values)}


def _retention(session, scopes) -> None:
    """Placed graduates asked 3 and 6 months after they started: asked, answered, still employed (by the province
    of their university)."""
    rows = session.execute(
        select(
            University.province_code,
            FollowUp.months,
            func.count(),
            func.count(FollowUp.answered_at),
            func.sum(case((FollowUp.still_employed.is_(True), 1), else_=0)),
        )
        .select_from(FollowUp)
        .join(EmploymentAgreement, EmploymentAgreement.id == FollowUp.agreement_id)
        .join(University, University.id == EmploymentAgreement.university_id)
        .group_by(University.province_code, FollowUp.months)
    ).all()
    for province, months, asked, answered, kept in rows:
        for scope in (NATIONAL, scope_for(province)):
            counts = scopes(scope)["retention"].setdefault(str(months), [0, 0, 0])
            for i, n in enumerate((asked, answered, int(kept or 0))):
                counts[i] += n


def compute(session, campaign: Campaign | None, today: date | None = None) -> dict[str, dict]:
    """Every scope's figures (national and each province with anything to show), from the database as it is."""
    days = _campaign_days(campaign, today or clock.today())
    figures: dict[str, dict] = {}

    def scopes(scope: str) -> dict:
        if scope not in figures:
            figures[scope] = _empty(days)
        return figures[scope]

    scopes(NATIONAL)
    _funnel_and_universities(session, scopes)
    _daily(session, scopes, days)
    _placements(session, scopes)
    _idle_smes(session, scopes)
    _first_responses(session, scopes)
    _retention(session, scopes)
    for values in figures.values():
        for series in ("registered", "applied", "placed"):
            values["daily"][series] = values["daily"][series] or [0] * len(days)
        for key in ("placed_by_province", "placed_by_industry", "placed_by_size_class"):
            values[key] = sorted(values[key].items(), key=lambda item: (-item[1], item[0]))
    return {scope: values for scope, values in figures.items() if scope == NATIONAL or scope[9:] in PROVINCE_BY_CODE}


def refresh_snapshots(session, campaign: Campaign | None) -> int:
    """Compute every scope's figures and store them, replacing the last ones; returns how many scopes."""
    return store_snapshots(session, compute_snapshots(session, campaign))


def compute_snapshots(session, campaign: Campaign | None) -> dict[str, dict]:
    """Every scope's figures, read only (the worker reads them in a reader's transaction, which on SQLite neither
    takes nor waits for the write lock: at national scale this takes a minute)."""
    computed = compute(session, campaign)
    records = national_overview(session)
    computed[NATIONAL]["records"] = {part: {str(k): n for k, n in counts.items()} for part, counts in records.items()}
    return computed


def store_snapshots(session, computed: dict[str, dict]) -> int:
    """Replace the stored figures with `computed` (a short write); returns how many scopes."""
    now = clock.now()
    stored = {s.scope: s for s in session.scalars(select(FiguresSnapshot))}
    for scope, values in computed.items():
        snapshot = stored.pop(scope, None) or FiguresSnapshot(scope=scope)
        snapshot.figures, snapshot.computed_at = values, now
        session.add(snapshot)
    for stale in stored.values():  # a province with nothing left to show
        session.delete(stale)
    session.flush()
    return len(computed)


def snapshot(session, province_code: str | None) -> FiguresSnapshot | None:
    """The latest figures of the country or of one province (None until the worker first computed them)."""
    return session.scalar(select(FiguresSnapshot).where(FiguresSnapshot.scope == scope_for(province_code)))
