"""Vacancies: drafting, publishing, editing, closing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from recruit import clock
from recruit.i18n import lazy_gettext as _l
from recruit.models import Company, EmploymentType, User, Vacancy, VacancyStatus
from recruit.reference.education import Degree
from recruit.reference.regions import PROVINCE_BY_CODE
from recruit.services.campaign.campaigns import current_campaign
from recruit.services.errors import PermissionDenied, ValidationError
from recruit.services.oversight import audit
from recruit.services.people import email_verification
from recruit.services.people.companies import can_publish

MAX_HEADCOUNT = 1000


@dataclass
class VacancyDetails:
    """What an employer enters on the vacancy form."""

    title: str
    description: str
    requirements: str
    skills: list[str]
    province_code: str
    city: str
    min_degree: Degree | None
    preferred_majors: list[str] = field(default_factory=list)
    salary_min: int = 0
    salary_max: int = 0
    headcount: int = 1
    employment_type: EmploymentType = EmploymentType.FULL_TIME
    deadline: date | None = None


def check_member(user: User, company: Company) -> None:
    """Refuse unless `user` acts for `company`."""
    membership = user.company_membership
    if membership is None or membership.company_id != company.id:
        raise PermissionDenied(_l("This vacancy belongs to another company."))


def _check(session, details: VacancyDetails, today: date):
    if not details.title.strip():
        raise ValidationError(_l("Enter the job title."), field="title")
    if details.salary_min < 0:
        raise ValidationError(_l("A salary cannot be negative."), field="salary_min")
    if details.salary_min > details.salary_max:
        raise ValidationError(_l("The lowest salary must not exceed the highest."), field="salary_min")
    if not 1 <= details.headcount <= MAX_HEADCOUNT:
        raise ValidationError(_l("Hire between 1 and %(n)d people.", n=MAX_HEADCOUNT), field="headcount")
    if details.province_code not in PROVINCE_BY_CODE:
        raise ValidationError(_l("Choose a province."), field="province_code")
    if not details.city.strip():
        raise ValidationError(_l("Enter the city."), field="city")
    campaign = current_campaign(session, today)
    if campaign is None or campaign.ends_on < today:
        raise ValidationError(
            _l("No campaign is open; vacancies can be posted once the operator opens one."), field="deadline"
        )
    if details.deadline is None:
        raise ValidationError(_l("Choose a deadline."), field="deadline")
    first_day = max(today, campaign.starts_on)
    if not first_day <= details.deadline <= campaign.ends_on:
        raise ValidationError(
            _l(
                "The deadline must fall inside the campaign, between %(start)s and %(end)s.",
                start=first_day.isoformat(),
                end=campaign.ends_on.isoformat(),
            ),
            field="deadline",
        )
    return campaign


def _apply(vacancy: Vacancy, details: VacancyDetails) -> None:
    vacancy.title = details.title.strip()
    vacancy.description = details.description.strip()
    vacancy.requirements = details.requirements.strip()
    vacancy.skills = details.skills
    vacancy.province_code = details.province_code
    vacancy.city = details.city.strip()
    vacancy.min_degree = details.min_degree
    vacancy.preferred_majors = details.preferred_majors
    vacancy.salary_min = details.salary_min
    vacancy.salary_max = details.salary_max
    vacancy.headcount = details.headcount
    vacancy.employment_type = details.employment_type
    vacancy.deadline = details.deadline


def create_vacancy(session, user: User, company: Company, details: VacancyDetails, publish: bool) -> Vacancy:
    """Create a vacancy as a draft, or published at once when the company may publish."""
    check_member(user, company)
    today = clock.today()
    campaign = _check(session, details, today)
    if publish:
        email_verification.require_verified(user, field="publish")
    if publish and not can_publish(company):
        raise ValidationError(
            _l("Your company is not verified yet: save the vacancy as a draft for now."), field="publish"
        )
    vacancy = Vacancy(company_id=company.id, campaign_id=campaign.id, status=VacancyStatus.DRAFT)
    vacancy.company = company
    _apply(vacancy, details)
    session.add(vacancy)
    if publish:
        _publish(vacancy)
    session.flush()
    audit.record(session, user, "vacancy.create", vacancy, {"status": vacancy.status.value})
    return vacancy


def update_vacancy(session, user: User, vacancy: Vacancy, details: VacancyDetails) -> None:
    """Edit a vacancy; a published one stays published and keeps its applications."""
    check_member(user, vacancy.company)
    if vacancy.status in (VacancyStatus.CLOSED, VacancyStatus.FILLED):
        raise ValidationError(_l("A closed or filled vacancy can no longer be edited."), field="title")
    _check(session, details, clock.today())
    if details.headcount < vacancy.hired_count:
        raise ValidationError(
            _l("%(n)d people are already hired for this vacancy.", n=vacancy.hired_count), field="headcount"
        )
    _apply(vacancy, details)
    audit.record(session, user, "vacancy.update", vacancy)


def _publish(vacancy: Vacancy) -> None:
    vacancy.status = VacancyStatus.PUBLISHED
    vacancy.published_at = vacancy.published_at or clock.now()


def publish_vacancy(session, user: User, vacancy: Vacancy) -> None:
    """Publish a draft (only for a verified company, before the deadline)."""
    check_member(user, vacancy.company)
    if vacancy.status is not VacancyStatus.DRAFT:
        raise ValidationError(_l("Only a draft can be published."), field="status")
    email_verification.require_verified(user, field="status")
    if not can_publish(vacancy.company):
        raise ValidationError(_l("Your company is not verified, so its vacancies cannot be published."), field="status")
    if vacancy.deadline is not None and vacancy.deadline < clock.today():
        raise ValidationError(_l("The deadline has passed; choose a new one first."), field="deadline")
    _publish(vacancy)
    audit.record(session, user, "vacancy.publish", vacancy)


def close_vacancy(session, user: User, vacancy: Vacancy) -> None:
    """Close a vacancy to new applications; those already in keep their status."""
    check_member(user, vacancy.company)
    if vacancy.status not in (VacancyStatus.DRAFT, VacancyStatus.PUBLISHED):
        raise ValidationError(_l("This vacancy is already closed."), field="status")
    vacancy.status = VacancyStatus.CLOSED
    vacancy.closed_at = clock.now()
    audit.record(session, user, "vacancy.close", vacancy)


def is_open_for_applications(vacancy: Vacancy, today: date) -> bool:
    """A vacancy takes applications while published, its company verified, and its deadline not passed."""
    return (
        vacancy.status is VacancyStatus.PUBLISHED
        and can_publish(vacancy.company)
        and (vacancy.deadline is None or vacancy.deadline >= today)
    )


def open_vacancies_of(session, company: Company, today: date) -> list[Vacancy]:
    """The company's vacancies taking applications now, newest first."""
    vacancies = session.scalars(
        select(Vacancy)
        .where(Vacancy.company_id == company.id, Vacancy.status == VacancyStatus.PUBLISHED)
        .order_by(Vacancy.published_at.desc())
    )
    return [vacancy for vacancy in vacancies if is_open_for_applications(vacancy, today)]


def vacancies_of(session, company: Company) -> list[Vacancy]:
    """All the company's vacancies, newest first."""
    return list(session.scalars(select(Vacancy).where(Vacancy.company_id == company.id).order_by(Vacancy.id.desc())))


def is_visible_to(vacancy: Vacancy, user) -> bool:
    """Anyone sees a vacancy once published by a verified company (closed and filled ones stay readable);
    a draft, or a vacancy of an unverified company, only its own employers see."""
    if vacancy.status is not VacancyStatus.DRAFT and can_publish(vacancy.company):
        return True
    membership = getattr(user, "company_membership", None) if getattr(user, "is_authenticated", False) else None
    return membership is not None and membership.company_id == vacancy.company_id


def visible_vacancy(session, vacancy_id: int, user) -> Vacancy | None:
    """The vacancy `vacancy_id` if `user` may see it (the one visibility rule every route taking an id applies)."""
    vacancy = session.get(Vacancy, vacancy_id)
    return vacancy if vacancy is not None and is_visible_to(vacancy, user) else None


def is_draft(vacancy: Vacancy) -> bool:
    """Whether the vacancy is still a draft (it may be saved as one again, or published)."""
    return vacancy.status is VacancyStatus.DRAFT


def is_published(vacancy: Vacancy) -> bool:
    """Whether the vacancy is published (saving it keeps it published)."""
    return vacancy.status is VacancyStatus.PUBLISHED


@dataclass(frozen=True)
class VacancyActions:
    """What the vacancy's company may do with it now: the page offers exactly these."""

    edit: bool
    publish: bool
    close: bool
    recommend_candidates: bool


def actions_for(vacancy: Vacancy) -> VacancyActions:
    """The actions the rules above allow on this vacancy in its current status."""
    is_live = vacancy.status in (VacancyStatus.DRAFT, VacancyStatus.PUBLISHED)
    return VacancyActions(
        edit=is_live,
        publish=vacancy.status is VacancyStatus.DRAFT,  # an unverified company is told why when it tries
        close=is_live,
        recommend_candidates=vacancy.status is VacancyStatus.PUBLISHED,
    )
