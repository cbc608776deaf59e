"""Graduate profiles: editing, completeness, and the resume PDF."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from recruit import clock
from recruit.i18n import lazy_gettext as _l
from recruit.models import Application, CompanyMember, GraduateProfile, Role, University, User, Vacancy
from recruit.pdf_text import extract_text
from recruit.reference.education import DISCIPLINE_CODES, Degree
from recruit.reference.industries import SECTION_CODES
from recruit.reference.regions import PROVINCE_BY_CODE
from recruit.services.errors import ValidationError
from recruit.services.people import consents
from recruit.services.universities import rosters

log = logging.getLogger(__name__)

MAX_RESUME_BYTES = 5 * 1024 * 1024
MAX_RESUME_TEXT = 50_000
MAX_SKILLS = 30
# What an employer needs to consider an application; the rest makes the profile better, not valid.
REQUIRED_FIELDS = ("full_name", "university_id", "major", "degree", "graduation_year")
COMPLETENESS_WEIGHTS = {
    "full_name": 10,
    "university_id": 10,
    "major": 10,
    "degree": 10,
    "graduation_year": 10,
    "student_number": 5,
    "skills": 15,
    "preferred_cities": 5,
    "preferred_industries": 5,
    "salary_min": 5,
    "about": 5,
    "resume_filename": 10,
}


@dataclass
class ProfileDetails:
    """What a graduate enters on the profile form."""

    full_name: str
    university_id: int | None
    student_number: str
    major: str
    discipline: str | None
    degree: Degree | None
    graduation_year: int | None
    skills: list[str] = field(default_factory=list)
    preferred_cities: list[str] = field(default_factory=list)
    preferred_industries: list[str] = field(default_factory=list)
    salary_min: int | None = None
    salary_max: int | None = None
    about: str = ""
    province_code: str | None = None
    is_visible_to_employers: bool = False


def split_tags(text: str) -> list[str]:
    """Split a comma-, semicolon- or enumeration-comma-separated list into distinct, trimmed tags."""
    for separator in ("，", "、", ";", "；", "\n"):
        text = (text or "").replace(separator, ",")
    seen, tags = set(), []
    for tag in (t.strip() for t in text.split(",")):
        if tag and tag.lower() not in seen:
            seen.add(tag.lower())
            tags.append(tag[:40])
    return tags


def update_profile(session, profile: GraduateProfile, details: ProfileDetails) -> None:
    """Save the profile after checking it; the matcher re-reads it when its text changed."""
    chosen = session.get(University, details.university_id) if details.university_id is not None else None
    if details.university_id is not None and (
        chosen is None or (chosen.closed_on is not None and chosen.id != profile.university_id)
    ):
        raise ValidationError(_l("Choose your university from the list."), field="university_id")
    if details.salary_min is not None and details.salary_max is not None and details.salary_min > details.salary_max:
        raise ValidationError(_l("The lowest salary must not exceed the highest."), field="salary_min")
    if details.discipline and details.discipline not in DISCIPLINE_CODES:
        raise ValidationError(_l("Choose a discipline from the list."), field="discipline")
    if any(code not in SECTION_CODES for code in details.preferred_industries):
        raise ValidationError(_l("Choose industries from the list."), field="preferred_industries")
    if details.province_code and details.province_code not in PROVINCE_BY_CODE:
        raise ValidationError(_l("Choose a province."), field="province_code")
    if len(details.skills) > MAX_SKILLS:
        raise ValidationError(_l("List at most %(n)d skills.", n=MAX_SKILLS), field="skills")
    for name in (
        "full_name",
        "university_id",
        "student_number",
        "major",
        "discipline",
        "degree",
        "graduation_year",
        "skills",
        "preferred_cities",
        "preferred_industries",
        "salary_min",
        "salary_max",
        "about",
        "province_code",
        "is_visible_to_employers",
    ):
        value = getattr(details, name)
        setattr(profile, name, value.strip() if isinstance(value, str) else value)
    consents.record_visibility(session, profile.user, bool(profile.is_visible_to_employers))
    if profile.confirmed_by_university_at is None:
        rosters.link_registered_graduate(session, profile, profile.user.email)


def missing_required(profile: GraduateProfile) -> list[str]:
    """Names of the required fields still empty (applying needs none missing)."""
    return [name for name in REQUIRED_FIELDS if not getattr(profile, name)]


def completeness(profile: GraduateProfile) -> int:
    """How complete the profile is, 0–100."""
    total = sum(COMPLETENESS_WEIGHTS.values())
    filled = sum(weight for name, weight in COMPLETENESS_WEIGHTS.items() if getattr(profile, name))
    return round(100 * filled / total)


def _pdf_text(data: bytes) -> str:
    result = extract_text(data, MAX_RESUME_TEXT)
    if result.problem == "encrypted":
        raise ValidationError(_l("The PDF is password-protected; upload one without a password."), field="resume")
    if result.problem == "too slow":
        raise ValidationError(
            _l("The PDF took too long to read; save it again as a simple PDF and upload that."), field="resume"
        )
    if result.problem:
        raise ValidationError(_l("The file could not be read as a PDF."), field="resume")
    return result.text


@dataclass(frozen=True)
class ResumeChange:
    """The file a new resume was stored as, and the file it replaced (None for a first upload)."""

    stored: str
    previous: str | None


def store_resume(profile: GraduateProfile, data: bytes, upload_dir: str) -> ResumeChange:
    """Check and store a resume PDF under a random name outside static/; say which files changed.

    The caller commits, then removes the previous file; if the commit fails it removes the stored one, so that
    neither a profile pointing at a deleted file nor a file nothing points at is left.
    """
    if not data:
        raise ValidationError(_l("The file is empty."), field="resume")
    if len(data) > MAX_RESUME_BYTES:
        raise ValidationError(_l("The resume may be at most 5 MB."), field="resume")
    if not data.startswith(b"%PDF-"):
        raise ValidationError(_l("The resume must be a PDF file."), field="resume")
    text = _pdf_text(data)
    directory = Path(upload_dir) / "resumes"
    directory.mkdir(parents=True, exist_ok=True)
    filename = f"{secrets.token_hex(16)}.pdf"
    (directory / filename).write_bytes(data)
    old = profile.resume_filename
    profile.resume_filename = filename
    profile.resume_text = text
    profile.resume_uploaded_at = clock.now()
    return ResumeChange(stored=filename, previous=old)


def remove_resume_file(upload_dir: str, filename: str) -> None:
    """Delete a stored resume file (a missing file is not an error)."""
    try:
        (Path(upload_dir) / "resumes" / filename).unlink()
    except FileNotFoundError:
        log.warning("resume file %s was already gone", filename)


def resume_path(profile: GraduateProfile, upload_dir: str) -> Path | None:
    """Where the profile's resume is stored, or None without one."""
    if not profile.resume_filename:
        return None
    return Path(upload_dir) / "resumes" / profile.resume_filename


def may_download_resume(session, user: User, profile: GraduateProfile) -> bool:
    """The owner, and the employers of vacancies the graduate applied to, may download the resume."""
    if user.role is Role.GRADUATE:
        return profile.user_id == user.id
    if user.role is Role.EMPLOYER:
        return (
            session.scalar(
                select(Application.id)
                .join(Vacancy, Vacancy.id == Application.vacancy_id)
                .join(CompanyMember, CompanyMember.company_id == Vacancy.company_id)
                .where(Application.graduate_id == profile.id, CompanyMember.user_id == user.id)
                .limit(1)
            )
            is not None
        )
    return False
