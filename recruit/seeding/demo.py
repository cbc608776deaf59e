"""The demo's accounts: one per role, with known e-mail addresses, inside the seeded campaign."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from recruit import clock
from recruit.i18n import lazy_gettext as _l
from recruit.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Company,
    CompanyMember,
    CompanyStatus,
    Degree,
    GraduateProfile,
    Role,
    RosterEntry,
    University,
    User,
    Vacancy,
    VacancyStatus,
)
from recruit.seeding.loader import SEEDED_PASSWORD
from recruit.services.hiring.applications import STATUS_MESSAGES
from recruit.services.messaging import notifications
from recruit.services.people import accounts, consents

DEMO_ACCOUNTS = {
    Role.GRADUATE: "graduate@example.com",
    Role.EMPLOYER: "employer@example.com",
    Role.CAREER_OFFICE: "career@example.com",
    Role.OPERATOR: "operator@example.com",
}


def ensure_demo_accounts(session) -> dict[Role, str]:
    """Create the four demo accounts if missing; return their e-mail addresses by role."""
    if accounts.find_by_email(session, DEMO_ACCOUNTS[Role.OPERATOR]) is not None:
        return DEMO_ACCOUNTS
    university = session.scalar(
        select(University)
        .join(GraduateProfile, GraduateProfile.university_id == University.id)
        .group_by(University.id)
        .order_by(func.count().desc())
        .limit(1)
    ) or session.scalar(select(University).limit(1))
    accounts.create_user(
        session,
        role=Role.OPERATOR,
        email=DEMO_ACCOUNTS[Role.OPERATOR],
        password=SEEDED_PASSWORD,
        display_name="运营管理员 Operator",
    )
    accounts.create_user(
        session,
        role=Role.CAREER_OFFICE,
        email=DEMO_ACCOUNTS[Role.CAREER_OFFICE],
        password=SEEDED_PASSWORD,
        display_name=f"{university.name}就业指导中心",
        university_id=university.id,
    )
    employer = accounts.create_user(
        session,
        role=Role.EMPLOYER,
        email=DEMO_ACCOUNTS[Role.EMPLOYER],
        password=SEEDED_PASSWORD,
        display_name="李敏 HR",
    )
    company = session.scalar(
        select(Company)
        .where(Company.status == CompanyStatus.VERIFIED, Company.industry == "I")
        .order_by(Company.id)
        .limit(1)
    ) or session.scalar(select(Company).where(Company.status == CompanyStatus.VERIFIED).limit(1))
    if company is not None:
        session.add(CompanyMember(company_id=company.id, user_id=employer.id, is_admin=True))
    graduate = accounts.create_user(
        session, role=Role.GRADUATE, email=DEMO_ACCOUNTS[Role.GRADUATE], password=SEEDED_PASSWORD, display_name="张晓明"
    )
    now = clock.now()
    session.flush()
    profile = graduate.graduate_profile
    profile.university_id = university.id
    profile.student_number = "2022010123"
    profile.major = "计算机科学与技术"
    profile.discipline = "08"
    profile.degree = Degree.BACHELOR
    profile.graduation_year = clock.today().year
    profile.skills = ["Python", "SQL", "Linux", "Vue.js"]
    profile.preferred_cities = [university.city, "杭州"]
    profile.preferred_industries = ["I"]
    profile.salary_min, profile.salary_max = 7000, 10000
    profile.about = "计算机专业应届本科毕业生，做过校园二手交易平台（Flask + Vue.js），希望在中小企业做后端开发。"
    profile.province_code = university.province_code
    profile.is_visible_to_employers = True
    consents.record_visibility(session, graduate, True)
    for email in DEMO_ACCOUNTS.values():  # the demo's people accepted the notice and proved their address
        person = accounts.find_by_email(session, email)
        consents.accept_notice(session, person)
        person.email_verified_at = now
    _apply_demo_graduate(session, profile, graduate, now)
    _roster_of(session, university, now)
    return DEMO_ACCOUNTS


UNREGISTERED_ON_ROSTER = 25


def _roster_of(session, university: University, now) -> None:
    """The demo university's roster: every graduate registered with it (linked and confirmed), and some who have not
    registered yet (as a real roster has)."""
    profiles = session.execute(
        select(GraduateProfile, User.email)
        .join(User, User.id == GraduateProfile.user_id)
        .where(GraduateProfile.university_id == university.id)
    ).all()
    used: set[str] = set()
    for n, (profile, email) in enumerate(profiles):
        if not profile.student_number or profile.student_number in used:
            profile.student_number = f"2022{n:06d}"
        used.add(profile.student_number)
        profile.confirmed_by_university_at = now
        session.add(
            RosterEntry(
                university_id=university.id,
                student_number=profile.student_number,
                full_name=profile.full_name,
                email=email,
                major=profile.major or "—",
                degree=profile.degree or Degree.BACHELOR,
                graduation_year=profile.graduation_year or now.year,
                graduate_id=profile.id,
            )
        )
    for n in range(UNREGISTERED_ON_ROSTER):
        session.add(
            RosterEntry(
                university_id=university.id,
                student_number=f"2022{900000 + n}",
                full_name=f"未注册同学{n + 1}",
                email=f"roster{n + 1}@students.example.edu",
                major="会计学" if n % 2 else "计算机科学与技术",
                degree=Degree.BACHELOR,
                graduation_year=now.year,
                invited_at=now - timedelta(days=3),
            )
        )
    session.flush()


def _apply_demo_graduate(session, profile: GraduateProfile, user: User, now) -> None:
    vacancies = session.scalars(
        select(Vacancy)
        .where(Vacancy.status == VacancyStatus.PUBLISHED)
        .join(Company)
        .where(Company.industry == "I")
        .order_by(Vacancy.id)
        .limit(2)
    ).all()
    for steps, vacancy in zip(
        (
            (ApplicationStatus.SUBMITTED,),
            (ApplicationStatus.SUBMITTED, ApplicationStatus.VIEWED, ApplicationStatus.SHORTLISTED),
        ),
        vacancies,
        strict=False,
    ):
        moment = now - timedelta(days=6)
        consents.record_application_share(session, user, vacancy)
        application = Application(
            vacancy_id=vacancy.id,
            graduate_id=profile.id,
            status=steps[-1],
            created_at=moment,
            cover_letter="您好，我对贵公司的岗位很感兴趣，期待有机会面谈。",
        )
        session.add(application)
        session.flush()
        hiring_user = session.scalar(
            select(CompanyMember.user_id).where(CompanyMember.company_id == vacancy.company_id)
        )
        previous = None
        for step in steps:
            actor = user.id if step is ApplicationStatus.SUBMITTED else hiring_user
            event = ApplicationEvent(
                application_id=application.id, from_status=previous, to_status=step, actor_id=actor, created_at=moment
            )
            session.add(event)
            session.flush()
            if actor != user.id:  # the inbox tells the graduate what the employer did, as the service would
                told = notifications.notify(
                    session,
                    user,
                    kind=f"application.{step.value}",
                    title=_l(STATUS_MESSAGES[step], vacancy=vacancy.title),
                    link=f"/graduate/applications/{application.id}",
                    email=False,
                    dedupe_key=f"application-event:{event.id}:user:{user.id}",
                )
                if told is not None:
                    told.created_at = moment
            previous = step
            moment += timedelta(days=2)
    session.flush()
