"""Factories for every model: valid rows with sensible defaults, overridable by keyword."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from functools import lru_cache

import pyotp
from sqlalchemy import select

from recruit import clock
from recruit.models import (
    AgreementStatus,
    Announcement,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    AuditEntry,
    Campaign,
    Company,
    CompanyMember,
    CompanyStatus,
    Consent,
    ConsentKind,
    Degree,
    Embedding,
    EmbeddingOwner,
    EmploymentAgreement,
    GraduateProfile,
    Interview,
    Notification,
    OutboxEmail,
    Role,
    SavedVacancy,
    SizeClass,
    University,
    User,
    Vacancy,
    VacancyStatus,
)
from recruit.reference.uscc import check_character
from recruit.services.campaign.campaigns import default_phases
from recruit.services.people.consents import PRIVACY_NOTICE_VERSION
from recruit.services.people.passwords import hash_password

DEFAULT_PASSWORD = "correct horse battery"
_serial = itertools.count(1)


@lru_cache(maxsize=4)
def password_hash(password: str) -> str:
    """Hash each test password once per run: scrypt is deliberately slow."""
    return hash_password(password)


def valid_uscc(n: int, province: str = "44") -> str:
    """A unified social credit code with a correct check character, distinct for each `n`."""
    body = f"91{province}0300{n:09d}"[:17]
    return body + check_character(body)


class Factories:
    def __init__(self, session):
        self.session = session

    def _add(self, obj):
        # Commit, as the request that made it would: inside a test this releases a savepoint only.
        self.session.add(obj)
        self.session.commit()
        return obj

    def university(self, **kw) -> University:
        """A university: one of the national list (loaded by the migrations) when `name` is on it, else a new one."""
        if "name" in kw and len(kw) == 1:
            listed = self.session.scalar(select(University).where(University.name == kw["name"]))
            if listed is not None:
                return listed
        n = next(_serial)
        defaults = {
            "code": f"4144{n:06d}",
            "name": f"测试大学{n}",
            "name_en": f"Test University {n}",
            "province_code": "44",
            "city": "广州",
        }
        return self._add(University(**{**defaults, **kw}))

    def user(self, role: Role = Role.GRADUATE, password: str = DEFAULT_PASSWORD, **kw) -> User:
        n = next(_serial)
        if role is Role.CAREER_OFFICE and "university_id" not in kw and "university" not in kw:
            kw["university"] = self.university()
        defaults = {
            "email": f"user{n}@example.com",
            "password_hash": password_hash(password),
            "role": role,
            "display_name": f"User {n}",
            "consent_notice_version": PRIVACY_NOTICE_VERSION,
            "consent_at": clock.now(),
            "email_verified_at": clock.now(),
        }
        if role is Role.OPERATOR:  # operators must log in with a second step: an authenticator app holds this
            defaults.update(totp_secret=pyotp.random_base32(), totp_enabled_at=clock.now())
        user = self._add(User(**{**defaults, **kw}))
        if user.consent_notice_version is not None:  # as registration records it
            self._add(
                Consent(
                    user_id=user.id,
                    kind=ConsentKind.PRIVACY_NOTICE,
                    notice_version=user.consent_notice_version,
                    given_at=user.consent_at or clock.now(),
                )
            )
        if role is Role.GRADUATE:
            self._add(GraduateProfile(user_id=user.id, full_name=user.display_name))
        return user

    def graduate(self, password: str = DEFAULT_PASSWORD, **profile) -> GraduateProfile:
        """A graduate account with a complete profile; keyword arguments set profile fields."""
        user = self.user(Role.GRADUATE, password=password)
        record = user.graduate_profile
        university = profile.pop("university", None) or self.university()
        values = {
            "university_id": university.id,
            "student_number": "2022000001",
            "major": "软件工程",
            "discipline": "08",
            "degree": Degree.BACHELOR,
            "graduation_year": clock.today().year,
            "skills": ["Python", "SQL"],
            "preferred_cities": ["广州"],
            "preferred_industries": ["I"],
            "salary_min": 6000,
            "salary_max": 9000,
            "about": "Software engineering graduate.",
            "province_code": "44",
            "is_visible_to_employers": True,
        }
        for key, value in {**values, **profile}.items():
            setattr(record, key, value)
        self.session.commit()
        return record

    def company(self, status: CompanyStatus = CompanyStatus.VERIFIED, **kw) -> Company:
        n = next(_serial)
        defaults = {
            "name": f"广州测试{n}信息技术有限公司",
            "uscc": valid_uscc(n),
            "industry": "I",
            "industry_division": "I65",
            "province_code": "44",
            "city": "广州",
            "employees": 50,
            "annual_revenue": 800,
            "size_class": SizeClass.SMALL,
            "status": status,
            "contact_name": "王伟",
        }
        return self._add(Company(**{**defaults, **kw}))

    def employer(self, company: Company | None = None, password: str = DEFAULT_PASSWORD, **kw) -> User:
        """An employer account that belongs to `company` (a new verified one by default)."""
        company = company or self.company()
        user = self.user(Role.EMPLOYER, password=password, **kw)
        self._add(CompanyMember(company_id=company.id, user_id=user.id, is_admin=True))
        return user

    def user_for_role(self, role: Role) -> User:
        """A ready-to-use account of `role` (employers come with a verified company)."""
        if role is Role.GRADUATE:
            return self.graduate().user
        if role is Role.EMPLOYER:
            return self.employer()
        return self.user(role)

    def campaign(self, starts_on: date | None = None, length_days: int = 100, **kw) -> Campaign:
        starts_on = starts_on or clock.today() - timedelta(days=29)
        return self._add(
            Campaign(
                name=kw.pop("name", "测试百日招聘"),
                starts_on=starts_on,
                length_days=length_days,
                phases=default_phases(starts_on, length_days),
                **kw,
            )
        )

    def vacancy(self, company: Company | None = None, status: VacancyStatus = VacancyStatus.PUBLISHED, **kw) -> Vacancy:
        company = company or self.company()
        defaults = {
            "company_id": company.id,
            "title": "Python开发工程师",
            "description": "负责后端开发。",
            "requirements": "本科及以上学历。",
            "skills": ["Python", "SQL"],
            "province_code": "44",
            "city": "广州",
            "min_degree": Degree.BACHELOR,
            "salary_min": 6000,
            "salary_max": 9000,
            "headcount": 2,
            "status": status,
            "deadline": clock.today() + timedelta(days=30),
            "published_at": clock.now() if status is not VacancyStatus.DRAFT else None,
        }
        return self._add(Vacancy(**{**defaults, **kw}))

    def application(
        self,
        vacancy: Vacancy | None = None,
        graduate: GraduateProfile | None = None,
        status: ApplicationStatus = ApplicationStatus.SUBMITTED,
        **kw,
    ) -> Application:
        vacancy = vacancy or self.vacancy()
        graduate = graduate or self.graduate()
        application = self._add(Application(vacancy_id=vacancy.id, graduate_id=graduate.id, status=status, **kw))
        self._add(
            ApplicationEvent(
                application_id=application.id, to_status=ApplicationStatus.SUBMITTED, actor_id=graduate.user_id
            )
        )
        return application

    def agreement(self, application: Application, status: AgreementStatus = AgreementStatus.CONFIRMED, **kw):
        """The employment agreement of a hired application, at `status`, with plausible terms and dates."""
        now = clock.now()
        reached = list(AgreementStatus).index(status)
        defaults = {
            "application_id": application.id,
            "university_id": application.graduate.university_id,
            "status": status,
            "position": application.vacancy.title[:100],
            "start_on": clock.today() + timedelta(days=30),
            "monthly_salary": 7000,
            "contract_months": 36,
            "submitted_at": now if status is not AgreementStatus.DRAFT else None,
            "graduate_confirmed_at": now if reached >= 2 and status is not AgreementStatus.RETURNED else None,
            "confirmed_at": now if status is AgreementStatus.CONFIRMED else None,
        }
        return self._add(EmploymentAgreement(**{**defaults, **kw}))

    def placement(
        self, vacancy: Vacancy | None = None, graduate: GraduateProfile | None = None, confirmed_at=None, **kw
    ) -> Application:
        """A hired application whose employment agreement all three confirmed (at `confirmed_at`): a placement."""
        application = self.application(vacancy=vacancy, graduate=graduate, status=ApplicationStatus.HIRED, **kw)
        self.agreement(application, confirmed_at=confirmed_at or clock.now())
        return application

    def interview(self, application: Application | None = None, **kw) -> Interview:
        application = application or self.application(status=ApplicationStatus.INTERVIEW)
        defaults = {
            "application_id": application.id,
            "scheduled_at": clock.now() + timedelta(days=2),
            "location": "广州市天河区测试大厦 12 楼",
        }
        return self._add(Interview(**{**defaults, **kw}))

    def saved_vacancy(self, graduate: GraduateProfile | None = None, vacancy: Vacancy | None = None) -> SavedVacancy:
        graduate, vacancy = graduate or self.graduate(), vacancy or self.vacancy()
        return self._add(SavedVacancy(graduate_id=graduate.id, vacancy_id=vacancy.id))

    def notification(self, user: User | None = None, **kw) -> Notification:
        user = user or self.user()
        n = next(_serial)
        defaults = {"user_id": user.id, "kind": "test", "title": f"Notification {n}", "dedupe_key": f"test:{n}"}
        return self._add(Notification(**{**defaults, **kw}))

    def outbox_email(self, user: User | None = None, **kw) -> OutboxEmail:
        user = user or self.user()
        n = next(_serial)
        defaults = {
            "user_id": user.id,
            "to_address": user.email,
            "subject": f"Subject {n}",
            "body_text": "Hello",
            "dedupe_key": f"mail:{n}",
            "message_id": f"<{n}@recruit.test>",
        }
        return self._add(OutboxEmail(**{**defaults, **kw}))

    def embedding(self, owner_type: EmbeddingOwner = EmbeddingOwner.VACANCY, owner_id: int = 1, **kw) -> Embedding:
        defaults = {
            "owner_type": owner_type,
            "owner_id": owner_id,
            "model_name": "test-model",
            "text_hash": "0" * 64,
            "dim": 2,
            "vector": b"\x00" * 8,
        }
        return self._add(Embedding(**{**defaults, **kw}))

    def announcement(self, **kw) -> Announcement:
        defaults = {
            "title": "扩岗补助政策",
            "body": "Policy text",
            "audience": {"roles": ["employer"]},
            "publish_at": clock.now(),
        }
        return self._add(Announcement(**{**defaults, **kw}))

    def audit_entry(self, **kw) -> AuditEntry:
        return self._add(AuditEntry(**{"action": "test.action", **kw}))
