"""Writing seed rows in bulk: chunks of plain INSERTs, explicit ids, sequences fixed afterwards."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, select, text

from recruit import clock
from recruit.database import refresh_statistics
from recruit.i18n import gettext, in_locale
from recruit.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Campaign,
    Company,
    CompanyMember,
    EmploymentAgreement,
    GraduateProfile,
    Notification,
    Offer,
    University,
    User,
    Vacancy,
)
from recruit.seeding import generate
from recruit.seeding.bulk import write_rows
from recruit.seeding.extras import seed_extras
from recruit.services.campaign.campaigns import default_phases
from recruit.services.discovery import search_index
from recruit.services.hiring.applications import STATUS_MESSAGES
from recruit.services.people.consents import PRIVACY_NOTICE_VERSION
from recruit.services.people.passwords import hash_password
from recruit.services.universities.standing import recompute_standing

CHUNK = 5_000
SEEDED_PASSWORD = "recruit-demo-2026"
DEMO_CAMPAIGN_DAY = 30  # the demo campaign started about 30 days ago
READ_AFTER = timedelta(days=7)  # seeded notifications older than this were read


@dataclass
class SeedSizes:
    universities: int = 300  # of the national list, that graduates come from
    graduates: int = 2_000
    companies: int = 300
    vacancies: int = 1_200
    applications: int = 5_000

    @property
    def total_rows(self) -> int:
        """Rows the progress bar counts (one per graduate, company, vacancy and application)."""
        return self.graduates + self.companies + self.vacancies + self.applications


@dataclass
class SeedReport:
    counts: dict[str, int] = field(default_factory=dict)
    campaign_id: int | None = None


def _next_id(session, model) -> int:
    return (session.scalar(select(func.max(model.id))) or 0) + 1


def _ensure_campaign(session, ctx: generate.SeedContext) -> Campaign:
    campaign = session.scalar(select(Campaign).order_by(Campaign.starts_on.desc()))
    if campaign is not None:
        return campaign
    campaign = Campaign(
        name=f"{ctx.campaign_start.year}年全国中小企业网上百日招聘高校毕业生活动",
        starts_on=ctx.campaign_start,
        length_days=100,
        description="中小企业网上百日招聘高校毕业生活动：100天，线上专场，服务毕业生与中小企业双向选择。",
        phases=default_phases(ctx.campaign_start),
        created_at=ctx.now,
    )
    session.add(campaign)
    session.flush()
    return campaign


def _universities(session, count: int, rng: random.Random) -> list[dict]:
    """`count` universities of the national list (loaded by migration 0015) that the seeded graduates come from."""
    listed = session.execute(
        select(
            University.id,
            University.code,
            University.name,
            University.name_en,
            University.province_code,
            University.city,
        ).order_by(University.id)
    ).all()
    chosen = sorted(rng.sample(listed, k=min(count, len(listed))), key=lambda row: row.id)
    return [row._asdict() for row in chosen]


def seed_database(
    session, sizes: SeedSizes, seed: int = 2026, progress: Callable[[int], None] | None = None
) -> SeedReport:
    """Fill the database with a realistic campaign of the given sizes (deterministic for `seed`)."""
    advance = progress or (lambda _n: None)
    now = clock.now()
    today = clock.today()
    ctx = generate.SeedContext(
        rng=random.Random(seed),
        campaign_start=today - timedelta(days=DEMO_CAMPAIGN_DAY - 1),
        today=today,
        now=now,
        password_hash=hash_password(SEEDED_PASSWORD),
    )
    campaign = _ensure_campaign(session, ctx)
    ctx.campaign_start = campaign.starts_on
    universities = _universities(session, sizes.universities, random.Random(seed))
    report = SeedReport(campaign_id=campaign.id)

    graduates = _seed_graduates(session, ctx, sizes.graduates, universities, advance)
    companies, employers = _seed_companies(session, ctx, sizes.companies, advance)
    vacancies = _seed_vacancies(session, ctx, sizes.vacancies, companies, campaign.id, advance)
    applications = _seed_applications(session, ctx, sizes.applications, vacancies, graduates, employers, advance)
    extras = seed_extras(session, ctx, campaign, companies, vacancies, graduates)
    refresh_statistics(session)  # the planner must know the tables' sizes before the set-based pass below
    recompute_standing(session)  # the rows went in in bulk, past the listener that keeps each graduate's standing
    fix_sequences(session)
    refresh_statistics(session)
    report.counts = {
        "universities": len(universities),
        "graduates": len(graduates),
        "companies": len(companies),
        "vacancies": len(vacancies),
        "applications": applications,
        **extras,
    }
    return report


def _seed_graduates(session, ctx, count, universities, advance) -> list[dict]:
    user_id, profile_id = _next_id(session, User), _next_id(session, GraduateProfile)
    kept = []
    for start in range(0, count, CHUNK):
        users, profiles = [], []
        for i in range(start, min(count, start + CHUNK)):
            user, profile = generate.graduate_rows(ctx, user_id + i, profile_id + i, universities, user_id + i)
            users.append(user)
            profiles.append(profile)
            kept.append(
                {
                    "id": profile["id"],
                    "user_id": user["id"],
                    "degree": profile["degree"],
                    "university_id": profile["university_id"],
                    "complete": bool(profile["about"]),
                    "registered_at": user["created_at"],
                }
            )
        write_rows(session, User, users)
        write_rows(session, GraduateProfile, profiles)
        advance(len(users))
    return kept


def _seed_companies(session, ctx, count, advance):
    company_id, user_id, member_id = (
        _next_id(session, Company),
        _next_id(session, User),
        _next_id(session, CompanyMember),
    )
    taken_codes = set(session.scalars(select(Company.uscc)))
    companies, users, members, employers = [], [], [], {}
    for i in range(count):
        row = generate.company_row(ctx, company_id + i, i)
        while row["uscc"] in taken_codes:
            row["uscc"] = generate.make_uscc(ctx.rng, row["province_code"])
        taken_codes.add(row["uscc"])
        name, handle = generate.person_name(ctx.rng)
        uid = user_id + i
        users.append(
            {
                "id": uid,
                "email": f"hr.{handle}{uid}@example.com",
                "password_hash": ctx.password_hash,
                "role": "employer",
                "display_name": name,
                "locale": "zh",
                "is_enabled": True,
                "consent_notice_version": PRIVACY_NOTICE_VERSION,
                "consent_at": row["created_at"],
                "email_verified_at": row["created_at"],
                "email_opt_in": True,
                "digest_frequency": "daily",
                "created_at": row["created_at"],
                "updated_at": row["created_at"],
            }
        )
        members.append(
            {
                "id": member_id + i,
                "company_id": row["id"],
                "user_id": uid,
                "is_admin": True,
                "joined_at": row["created_at"],
            }
        )
        companies.append(row)
        employers[row["id"]] = uid
    write_rows(session, User, users)
    write_rows(session, Company, companies)
    write_rows(session, CompanyMember, members)
    advance(count)
    return companies, employers


def _seed_vacancies(session, ctx, count, companies, campaign_id, advance) -> list[dict]:
    if not companies:
        return []
    vacancy_id = _next_id(session, Vacancy)
    company_names = {c["id"]: c["name"] for c in companies}
    vacancies = []
    for start in range(0, count, CHUNK):
        rows = [
            generate.vacancy_row(ctx, vacancy_id + i, ctx.rng.choice(companies), campaign_id)
            for i in range(start, min(count, start + CHUNK))
        ]
        write_rows(session, Vacancy, rows)
        search_index.bulk_insert_documents(session, rows, company_names)
        vacancies.extend(rows)
        advance(len(rows))
    return vacancies


def _seed_applications(session, ctx, count, vacancies, graduates, employers, advance) -> int:
    open_vacancies = [j for j in vacancies if j["status"] != "draft"]
    applicants = [g for g in graduates if g["complete"]]
    if not open_vacancies or not applicants:
        return 0
    application_id, event_id = _next_id(session, Application), _next_id(session, ApplicationEvent)
    vacancies_by_id = {vacancy["id"]: vacancy for vacancy in vacancies}
    users_by_profile = {graduate["id"]: graduate["user_id"] for graduate in graduates}
    pairs: set[tuple[int, int]] = set()
    hires: dict[int, int] = {}
    written = 0
    attempts = 0
    while written < count and attempts < count * 5:
        applications, events, offers, agreements = [], [], [], []
        while len(applications) < CHUNK and written + len(applications) < count and attempts < count * 5:
            attempts += 1
            vacancy, graduate = ctx.rng.choice(open_vacancies), ctx.rng.choice(applicants)
            if (vacancy["id"], graduate["id"]) in pairs:
                continue
            pairs.add((vacancy["id"], graduate["id"]))
            employer = employers.get(vacancy["company_id"])
            application, history = generate.application_rows(ctx, application_id, event_id, vacancy, graduate, employer)
            if application["status"] == "hired" and hires.get(vacancy["id"], 0) >= vacancy["headcount"]:
                history = history[:-1]  # the vacancy is full: this one stays at "offered"
                application["status"] = history[-1]["to_status"]
            if application["status"] == "hired":
                hires[vacancy["id"]] = hires.get(vacancy["id"], 0) + 1
            applications.append(application)
            events.extend(history)
            offer, agreement = generate.outcome_rows(ctx, application, history, vacancy, graduate)
            if offer is not None:
                offers.append(offer)
            if agreement is not None:
                agreements.append(agreement)
            application_id += 1
            event_id += len(history)
        write_rows(session, Application, applications)
        write_rows(session, ApplicationEvent, events)
        write_rows(session, Offer, offers)
        write_rows(session, EmploymentAgreement, agreements)
        notifications = _history_notifications(applications, events, vacancies_by_id, users_by_profile)
        if notifications:
            write_rows(session, Notification, notifications)
        written += len(applications)
        advance(len(applications))
    for vacancy in vacancies:
        hired = hires.get(vacancy["id"], 0)
        if hired:
            vacancy["hired_count"] = hired
            values = {"hired_count": hired}
            if hired >= vacancy["headcount"]:
                values["status"] = "filled"
            vacancy.update(values)
            session.execute(Vacancy.__table__.update().where(Vacancy.id == vacancy["id"]).values(**values))
    return written


def _history_notifications(
    applications: list[dict], events: list[dict], vacancies_by_id: dict, users_by_profile: dict
) -> list[dict]:
    """The inbox a seeded history leaves: what employers did, told to the graduate (read when older than a week).

    Stored as untranslated messages (shown in the reader's language), with their Chinese text as written.
    """
    application_of = {application["id"]: application for application in applications}
    with in_locale("zh"):
        chinese = {status: gettext(message) for status, message in STATUS_MESSAGES.items()}
    read_before = clock.now() - READ_AFTER
    rows = []
    for event in events:
        status = ApplicationStatus(event["to_status"])
        message = STATUS_MESSAGES.get(status)
        application = application_of[event["application_id"]]
        user_id = users_by_profile[application["graduate_id"]]
        if message is None or event["actor_id"] == user_id:
            continue
        vacancy_title = vacancies_by_id[application["vacancy_id"]]["title"]
        title = chinese[status] % {"vacancy": vacancy_title}
        rows.append(
            {
                "user_id": user_id,
                "kind": f"application.{event['to_status']}",
                "title": title[:255],
                "body": "",
                "link": f"/graduate/applications/{application['id']}",
                "message": {"title": {"msgid": message, "values": {"vacancy": vacancy_title}}},
                "dedupe_key": f"application-event:{event['id']}:user:{user_id}",
                "created_at": event["created_at"],
                "read_at": event["created_at"] if event["created_at"] < read_before else None,
            }
        )
    return rows


def fix_sequences(session) -> None:
    """After inserts with explicit ids, move PostgreSQL's id sequences past the largest id."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model in (
        University,
        User,
        GraduateProfile,
        Company,
        CompanyMember,
        Vacancy,
        Application,
        ApplicationEvent,
        Campaign,
    ):
        table = model.__tablename__  # a model's own table name, never input
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # nosec B608
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )
        )
