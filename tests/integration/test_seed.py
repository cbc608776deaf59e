"""The seed makes a realistic, consistent campaign, the same for the same seed."""

import random
from datetime import timedelta

from sqlalchemy import func, select

from recruit import clock
from recruit.models import (
    Application,
    ApplicationEvent,
    Campaign,
    Company,
    CompanyMember,
    GraduateProfile,
    Role,
    University,
    User,
    Vacancy,
)
from recruit.reference import sme_size, uscc
from recruit.reference.universities import national_list
from recruit.seeding import generate
from recruit.seeding.demo import DEMO_ACCOUNTS, ensure_demo_accounts
from recruit.seeding.loader import SEEDED_PASSWORD, SeedSizes, seed_database
from recruit.services.people import accounts

SMALL = SeedSizes(universities=12, graduates=300, companies=40, vacancies=150, applications=600)


def seeded(db):
    report = seed_database(db.session, SMALL, seed=11)
    db.session.commit()
    return report


def test_sizes_are_as_asked_and_rows_are_consistent(db):
    report = seeded(db)
    conversations = report.counts.pop("conversations")
    assert report.counts == {
        "universities": 12,
        "graduates": 300,
        "companies": 40,
        "vacancies": 150,
        "applications": 600,
        "fairs": 3,
    }
    assert conversations > 0
    count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
    assert count(User) == 300 + 40
    assert count(GraduateProfile) == 300 and count(CompanyMember) == 40 and count(University) == 2631
    assert db.session.scalar(select(func.count(func.distinct(GraduateProfile.university_id)))) <= 12
    for company in db.session.scalars(select(Company)):
        assert uscc.is_valid(company.uscc), company.uscc
        outcome = sme_size.classify(
            company.industry, company.industry_division, company.employees, company.annual_revenue, company.total_assets
        )
        if outcome is sme_size.Outcome.MANUAL:  # finance: the operator sets the class
            assert company.size_class is not None
        else:
            assert outcome.value == company.size_class.value
    for university in db.session.scalars(select(University)):
        assert len(university.code) == 10 and university.code[0] in "34"
    for vacancy in db.session.scalars(select(Vacancy)):
        assert vacancy.salary_min <= vacancy.salary_max and vacancy.hired_count <= vacancy.headcount


def test_history_is_spread_over_the_campaign_so_far(db):
    seeded(db)
    campaign = db.session.scalar(select(Campaign))
    assert campaign.length_days == 100
    assert (clock.today() - campaign.starts_on).days == 29
    assert [p.name for p in campaign.phases] == ["launch", "matching", "sprint", "wrap-up"]
    days = {u.created_at.date() for u in db.session.scalars(select(User))}
    assert len(days) >= 20
    now = clock.now()
    for application in db.session.scalars(select(Application)):
        events = application.events
        assert events[0].to_status.value == "submitted" and events[0].from_status is None
        assert events[-1].to_status == application.status
        times = [e.created_at for e in events]
        assert times == sorted(times) and times[-1] <= now
        for before, after in zip(events, events[1:], strict=False):
            assert after.from_status == before.to_status
    assert db.session.scalar(select(func.count()).select_from(ApplicationEvent)) > 600


def test_the_same_seed_gives_the_same_rows():
    # Same seed, same moment: the same rows (history is capped at "now", so the clock is held still).
    clock.set_now(clock.now())

    def rows(seed):
        ctx = generate.SeedContext(
            rng=random.Random(seed),
            campaign_start=clock.today() - timedelta(days=29),
            today=clock.today(),
            now=clock.now(),
            password_hash="x",
        )
        universities = [{**u._asdict(), "id": i, "name_en": ""} for i, u in enumerate(national_list()[:5], 1)]
        return [generate.graduate_rows(ctx, i, i, universities, i) for i in range(50)] + [
            generate.company_row(ctx, i, i) for i in range(20)
        ]

    assert rows(5) == rows(5)
    assert rows(5) != rows(6)


def test_demo_accounts_log_in_with_the_printed_password(db):
    seeded(db)
    ensure_demo_accounts(db.session)
    db.session.commit()
    for role, email in DEMO_ACCOUNTS.items():
        user = accounts.authenticate(db.session, email, SEEDED_PASSWORD)
        assert user is not None and user.role is role
    employer = accounts.find_by_email(db.session, DEMO_ACCOUNTS[Role.EMPLOYER])
    assert employer.company_membership.company.status.value == "verified"
    graduate = accounts.find_by_email(db.session, DEMO_ACCOUNTS[Role.GRADUATE])
    assert graduate.graduate_profile.skills and graduate.graduate_profile.university_id
    # running it again changes nothing
    before = db.session.scalar(select(func.count()).select_from(User))
    ensure_demo_accounts(db.session)
    assert db.session.scalar(select(func.count()).select_from(User)) == before


def test_seeded_history_comes_with_its_notifications(db):
    from recruit.models import Notification

    seeded(db)
    ensure_demo_accounts(db.session)
    db.session.commit()
    moved_by_employers = db.session.scalar(
        select(func.count())
        .select_from(ApplicationEvent)
        .join(Application)
        .join(GraduateProfile, GraduateProfile.id == Application.graduate_id)
        .where(
            ApplicationEvent.actor_id != GraduateProfile.user_id,
            ApplicationEvent.to_status.in_(["viewed", "shortlisted", "interview", "offered", "rejected"]),
        )
    )
    assert moved_by_employers > 0
    assert db.session.scalar(select(func.count()).select_from(Notification)) >= moved_by_employers
    graduate = accounts.find_by_email(db.session, DEMO_ACCOUNTS[Role.GRADUATE])
    inbox = db.session.scalars(select(Notification).where(Notification.user_id == graduate.id)).all()
    assert len(inbox) == 2 and all(n.message and n.link.startswith("/graduate/applications/") for n in inbox)


def test_seeded_companies_and_vacancies_read_as_a_mainland_campaign(db):
    from recruit.seeding.generate import is_foreign_invested

    seeded(db)
    companies = db.session.scalars(select(Company)).all()
    assert not {c.province_code for c in companies} & {"71", "81", "82"}  # no Taipei, Hong Kong or Macao
    foreign = {c.id for c in companies if is_foreign_invested({"description": c.description})}
    vacancies = db.session.scalars(select(Vacancy)).all()
    english = [j for j in vacancies if j.title.isascii()]
    assert all(j.company_id in foreign for j in english)  # English vacancies only at foreign-invested SMEs
    assert len(english) < len(vacancies) * 0.2
    for vacancy in vacancies:
        if not vacancy.title.isascii():
            assert "is hiring" not in vacancy.description and "岗位职责" in vacancy.description
    graduates_universities = db.session.scalars(
        select(University).join(GraduateProfile, GraduateProfile.university_id == University.id)
    ).all()
    assert graduates_universities and all(u.level in ("undergraduate", "vocational") for u in graduates_universities)


def test_hires_fairs_and_conversations_are_consistent(db):
    from recruit.models import (
        AgreementStatus,
        ApplicationStatus,
        BoothStatus,
        CompanyStatus,
        Conversation,
        EmploymentAgreement,
        FairBooth,
        Offer,
        VacancyStatus,
    )

    seeded(db)
    hired = set(db.session.scalars(select(Application.id).where(Application.status == ApplicationStatus.HIRED)))
    agreements = db.session.scalars(select(EmploymentAgreement)).all()
    assert hired and {a.application_id for a in agreements} == hired  # every accepted offer has its agreement
    offered = {ApplicationStatus.OFFERED, ApplicationStatus.HIRED, ApplicationStatus.DECLINED}
    with_offer = set(db.session.scalars(select(Offer.application_id)))
    assert with_offer == set(db.session.scalars(select(Application.id).where(Application.status.in_(offered))))
    confirmed = [a for a in agreements if a.status is AgreementStatus.CONFIRMED]
    assert confirmed and all(a.submitted_at <= a.graduate_confirmed_at <= a.confirmed_at for a in confirmed)
    placed = db.session.scalar(
        select(func.count()).select_from(GraduateProfile).where(GraduateProfile.furthest_stage == 4)
    )
    placed_graduates = {a.application.graduate_id for a in confirmed}
    assert placed == len(placed_graduates)  # placed means a confirmed agreement
    for booth in db.session.scalars(select(FairBooth)):
        assert booth.company.status is CompanyStatus.VERIFIED
        assert all(shown.vacancy.company_id == booth.company_id for shown in booth.vacancies)
        assert all(shown.vacancy.status is VacancyStatus.PUBLISHED for shown in booth.vacancies)
    assert db.session.scalar(
        select(func.count()).select_from(FairBooth).where(FairBooth.status == BoothStatus.APPROVED)
    )
    for conversation in db.session.scalars(select(Conversation)):
        assert db.session.scalar(
            select(func.count())
            .select_from(Application)
            .join(Vacancy, Vacancy.id == Application.vacancy_id)
            .where(Application.graduate_id == conversation.graduate_id, Vacancy.company_id == conversation.company_id)
        )
