"""Jobs a graduate saved to look at later."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from recruit import clock
from recruit.models import Company, CompanyStatus, GraduateProfile, Job, JobStatus, SavedJob


def save(session, graduate: GraduateProfile, job: Job) -> None:
    """Save a job (saving twice keeps one)."""
    if is_saved(session, graduate, job):
        return
    try:
        with session.begin_nested():
            session.add(SavedJob(graduate_id=graduate.id, job_id=job.id, created_at=clock.now()))
            session.flush()
    except IntegrityError:
        pass  # saved by a concurrent request: the result is the same


def unsave(session, graduate: GraduateProfile, job: Job) -> None:
    """Forget a saved job."""
    session.execute(delete(SavedJob).where(SavedJob.graduate_id == graduate.id, SavedJob.job_id == job.id))


def is_saved(session, graduate: GraduateProfile, job: Job) -> bool:
    """Tell whether the graduate saved this job."""
    return (
        session.scalar(select(SavedJob.id).where(SavedJob.graduate_id == graduate.id, SavedJob.job_id == job.id))
        is not None
    )


def saved_jobs(session, graduate: GraduateProfile) -> list[Job]:
    """The graduate's saved jobs that anyone may still see, most recently saved first."""
    return list(
        session.scalars(
            select(Job)
            .join(SavedJob, SavedJob.job_id == Job.id)
            .join(Company, Company.id == Job.company_id)
            .where(
                SavedJob.graduate_id == graduate.id,
                Job.status != JobStatus.DRAFT,
                Company.status == CompanyStatus.VERIFIED,
            )
            .order_by(SavedJob.id.desc())
        )
    )
