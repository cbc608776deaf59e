"""Human labels, in both languages, for the values stored in status and role columns."""

from __future__ import annotations

from recruit.i18n import lazy_gettext as _l
from recruit.models import (
    AgreementStatus,
    ApplicationStatus,
    BoothStatus,
    CompanyStatus,
    InterviewStatus,
    Role,
    SizeClass,
    VacancyStatus,
)

LABELS = {
    Role.GRADUATE: _l("Graduate"),
    Role.EMPLOYER: _l("SME employer"),
    Role.CAREER_OFFICE: _l("Career office"),
    Role.OPERATOR: _l("Operator"),
    CompanyStatus.PENDING: _l("pending verification"),
    CompanyStatus.VERIFIED: _l("verified"),
    CompanyStatus.REJECTED: _l("rejected"),
    CompanyStatus.SUSPENDED: _l("suspended"),
    SizeClass.MICRO: _l("micro"),
    SizeClass.SMALL: _l("small"),
    SizeClass.MEDIUM: _l("medium"),
    VacancyStatus.DRAFT: _l("draft"),
    VacancyStatus.PUBLISHED: _l("published"),
    VacancyStatus.CLOSED: _l("closed"),
    VacancyStatus.FILLED: _l("filled"),
    ApplicationStatus.SUBMITTED: _l("submitted"),
    ApplicationStatus.VIEWED: _l("viewed"),
    ApplicationStatus.SHORTLISTED: _l("shortlisted"),
    ApplicationStatus.INTERVIEW: _l("interview"),
    ApplicationStatus.OFFERED: _l("offered"),
    ApplicationStatus.HIRED: _l("hired"),
    ApplicationStatus.REJECTED: _l("rejected"),
    ApplicationStatus.WITHDRAWN: _l("withdrawn"),
    ApplicationStatus.DECLINED: _l("declined"),
    InterviewStatus.PROPOSED: _l("awaiting an answer"),
    InterviewStatus.CONFIRMED: _l("confirmed"),
    InterviewStatus.RESCHEDULE_REQUESTED: _l("another time asked for"),
    InterviewStatus.CANCELLED: _l("cancelled"),
    InterviewStatus.DONE: _l("done"),
    BoothStatus.PENDING: _l("waiting for approval"),
    BoothStatus.APPROVED: _l("approved"),
    BoothStatus.REMOVED: _l("removed"),
    AgreementStatus.DRAFT: _l("to be filled in by the employer"),
    AgreementStatus.AWAITING_GRADUATE: _l("waiting for the graduate"),
    AgreementStatus.AWAITING_UNIVERSITY: _l("waiting for the university"),
    AgreementStatus.RETURNED: _l("returned for correction"),
    AgreementStatus.CONFIRMED: _l("confirmed by all three"),
}
FIELD_LABELS = {
    "full_name": _l("full name"),
    "university_id": _l("university"),
    "major": _l("major"),
    "degree": _l("degree"),
    "graduation_year": _l("graduation year"),
}
PHASE_LABELS = {"launch": _l("launch"), "matching": _l("matching"), "sprint": _l("sprint"), "wrap-up": _l("wrap-up")}


def label(value) -> str:
    """Return the translated label of a stored enum value (or the value itself when it has none)."""
    return LABELS.get(value, value.value if hasattr(value, "value") else value)


def phase_label(name: str) -> str:
    """Return the translated name of a default phase, or an operator's own phase name unchanged."""
    return PHASE_LABELS.get(name, name)


def field_label(name: str) -> str:
    """Return the translated name of a profile field."""
    return FIELD_LABELS.get(name, name)


ROSTER_FIELD_LABELS = {
    "student_number": _l("student number"),
    "full_name": _l("name"),
    "email": _l("e-mail"),
    "major": _l("major"),
    "degree": _l("degree"),
    "graduation_year": _l("graduation year"),
}


def roster_field_label(name: str) -> str:
    """Return the translated name of a roster column."""
    return ROSTER_FIELD_LABELS.get(name, name)
