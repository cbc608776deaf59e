"""Vacancies: drafting, publishing, editing, closing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from recruit import clock
from recruit.i18n import lazy_gettext as _l
from recruit.models import Company, EmploymentType, Job, JobStatus, User
from recruit.reference.education import Degree
from recruit.reference.regions import PROVINCE_BY_CODE
from recruit.services import audit
from recruit.services.campaigns import current_campaign
from recruit.services.companies import can_publish
from recruit.services.errors import PermissionDenied, ValidationError

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


def _apply(job: Job, details: VacancyDetails) -> None:
    job.title = details.title.strip()
    job.description = details.description.strip()
    job.requirements = details.requirements.strip()
    job.skills = details.skills
    job.province_code = details.province_code
    job.city = details.city.strip()
    job.min_degree = details.min_degree
    job.preferred_majors = details.preferred_majors
    job.salary_min = details.salary_min
    job.salary_max = details.salary_max
    job.headcount = details.headcount
    job.employment_type = details.employment_type
    job.deadline = details.deadline


def create_vacancy(session, user: User, company: Company, details: VacancyDetails, publish: bool) -> Job:
    """Create a vacancy as a draft, or published at once when the company may publish."""
    check_member(user, company)
    today = clock.today()
    campaign = _check(session, details, today)
    if publish and not can_publish(company):
        raise ValidationError(
            _l("Your company is not verified yet: save the vacancy as a draft for now."), field="publish"
        )
    job = Job(company_id=company.id, campaign_id=campaign.id, status=JobStatus.DRAFT, text_changed_at=clock.now())
    job.company = company
    _apply(job, details)
    session.add(job)
    if publish:
        _publish(job)
    session.flush()
    audit.record(session, user, "job.create", job, {"status": job.status.value})
    return job


def update_vacancy(session, user: User, job: Job, details: VacancyDetails) -> None:
    """Edit a vacancy; a published one stays published and keeps its applications."""
    check_member(user, job.company)
    if job.status in (JobStatus.CLOSED, JobStatus.FILLED):
        raise ValidationError(_l("A closed or filled vacancy can no longer be edited."), field="title")
    _check(session, details, clock.today())
    if details.headcount < job.hired_count:
        raise ValidationError(
            _l("%(n)d people are already hired for this vacancy.", n=job.hired_count), field="headcount"
        )
    before = (job.title, job.description, job.requirements, tuple(job.skills))
    _apply(job, details)
    if (job.title, job.description, job.requirements, tuple(job.skills)) != before:
        job.text_changed_at = clock.now()
    audit.record(session, user, "job.update", job)


def _publish(job: Job) -> None:
    job.status = JobStatus.PUBLISHED
    job.published_at = job.published_at or clock.now()


def publish_vacancy(session, user: User, job: Job) -> None:
    """Publish a draft (only for a verified company, before the deadline)."""
    check_member(user, job.company)
    if job.status is not JobStatus.DRAFT:
        raise ValidationError(_l("Only a draft can be published."), field="status")
    if not can_publish(job.company):
        raise ValidationError(_l("Your company is not verified, so its vacancies cannot be published."), field="status")
    if job.deadline is not None and job.deadline < clock.today():
        raise ValidationError(_l("The deadline has passed; choose a new one first."), field="deadline")
    _publish(job)
    audit.record(session, user, "job.publish", job)


def close_vacancy(session, user: User, job: Job) -> None:
    """Close a vacancy to new applications; those already in keep their status."""
    check_member(user, job.company)
    if job.status not in (JobStatus.DRAFT, JobStatus.PUBLISHED):
        raise ValidationError(_l("This vacancy is already closed."), field="status")
    job.status = JobStatus.CLOSED
    job.closed_at = clock.now()
    audit.record(session, user, "job.close", job)


def is_open_for_applications(job: Job, today: date) -> bool:
    """A vacancy takes applications while published, its company verified, and its deadline not passed."""
    return (
        job.status is JobStatus.PUBLISHED
        and can_publish(job.company)
        and (job.deadline is None or job.deadline >= today)
    )


def open_vacancies_of(session, company: Company, today: date) -> list[Job]:
    """The company's vacancies taking applications now, newest first."""
    jobs = session.scalars(
        select(Job)
        .where(Job.company_id == company.id, Job.status == JobStatus.PUBLISHED)
        .order_by(Job.published_at.desc())
    )
    return [job for job in jobs if is_open_for_applications(job, today)]


def vacancies_of(session, company: Company) -> list[Job]:
    """All the company's vacancies, newest first."""
    return list(session.scalars(select(Job).where(Job.company_id == company.id).order_by(Job.id.desc())))


def is_visible_to(job: Job, user) -> bool:
    """Anyone sees a vacancy once published by a verified company (closed and filled ones stay readable);
    a draft, or a vacancy of an unverified company, only its own employers see."""
    if job.status is not JobStatus.DRAFT and can_publish(job.company):
        return True
    membership = getattr(user, "company_membership", None) if getattr(user, "is_authenticated", False) else None
    return membership is not None and membership.company_id == job.company_id


def visible_vacancy(session, job_id: int, user) -> Job | None:
    """The vacancy `job_id` if `user` may see it (the one visibility rule every route taking an id applies)."""
    job = session.get(Job, job_id)
    return job if job is not None and is_visible_to(job, user) else None


def is_draft(job: Job) -> bool:
    """Whether the vacancy is still a draft (it may be saved as one again, or published)."""
    return job.status is JobStatus.DRAFT


def is_published(job: Job) -> bool:
    """Whether the vacancy is published (saving it keeps it published)."""
    return job.status is JobStatus.PUBLISHED
