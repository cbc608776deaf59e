"""A career office's roster: checked row by row before anything is written, imported whole or not at all, updated
by student number on a second import, and linked to graduates' accounts by e-mail or student number.

Rostered graduates without an account are invited to register (once each); one who registers with a rostered
e-mail, or saves a rostered student number at that university, is linked and confirmed by the university.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from recruit import clock, links
from recruit.i18n import lazy_gettext as _l
from recruit.models import GraduateProfile, Role, RosterEntry, University, User
from recruit.reference.education import DEGREE_NAMES, Degree
from recruit.services.messaging import outbox
from recruit.services.oversight import audit
from recruit.services.universities.roster_files import MAX_BYTES, RawRow, read_rows

FORMULA_START = ("=", "+", "-", "@")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_STUDENT_NUMBER = re.compile(r"[0-9A-Za-z][0-9A-Za-z_\-]{0,39}")
LIMITS = {"student_number": 40, "full_name": 100, "email": 254, "major": 100}
# What offices write for a degree, besides the names in recruit.reference.education.
DEGREE_WORDS = {
    **{names.zh: degree for degree, names in DEGREE_NAMES.items()},
    **{names.en.lower(): degree for degree, names in DEGREE_NAMES.items()},
    **{degree.value: degree for degree in Degree},
    "大专": Degree.ASSOCIATE,
    "高职": Degree.ASSOCIATE,
    "专科生": Degree.ASSOCIATE,
    "本科生": Degree.BACHELOR,
    "学士": Degree.BACHELOR,
    "研究生": Degree.MASTER,
    "硕士研究生": Degree.MASTER,
    "博士研究生": Degree.DOCTOR,
    "phd": Degree.DOCTOR,
}
CHUNK = 500
MAX_UPLOAD_BYTES = MAX_BYTES  # what a view reads of an upload before refusing it as too large


@dataclass(frozen=True)
class RosterRow:
    """A row that passed every check, ready to import."""

    line: int
    student_number: str
    full_name: str
    email: str
    major: str
    degree: Degree
    graduation_year: int


@dataclass(frozen=True)
class RosterProblem:
    """Why one row cannot be imported: its line, the field, the reason."""

    line: int
    field: str
    reason: str


@dataclass
class RosterPreview:
    """What an import would do: the good rows, and every problem of the others."""

    rows: list[RosterRow] = field(default_factory=list)
    problems: list[RosterProblem] = field(default_factory=list)

    @property
    def bad_lines(self) -> int:
        """How many rows have at least one problem."""
        return len({problem.line for problem in self.problems})


@dataclass
class RosterImport:
    """What an import did."""

    created: int = 0
    updated: int = 0
    linked: int = 0
    invited: int = 0


def _check_cell(name: str, value: str) -> str | None:
    """Why a cell is refused (None: accepted)."""
    if value.startswith(FORMULA_START):
        return str(_l("A cell may not begin with =, +, - or @ (a spreadsheet would run it as a formula)."))
    if _CONTROL.search(value):
        return str(_l("Contains control characters."))
    if not value:
        return str(_l("Empty."))
    if name in LIMITS and len(value) > LIMITS[name]:
        return str(_l("Longer than %(n)d characters.", n=LIMITS[name]))
    return None


def _parse(raw: RawRow) -> tuple[RosterRow | None, list[RosterProblem]]:
    cells = {name: (value or "").strip() for name, value in raw.cells.items()}
    problems = [
        RosterProblem(raw.line, name, reason)
        for name, value in cells.items()
        if (reason := _check_cell(name, value)) is not None
    ]
    bad = {problem.field for problem in problems}
    email = cells["email"].lower()
    if "email" not in bad:
        try:
            email = validate_email(cells["email"], check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            problems.append(RosterProblem(raw.line, "email", str(_l("Not an e-mail address."))))
    if "student_number" not in bad and not _STUDENT_NUMBER.fullmatch(cells["student_number"]):
        problems.append(RosterProblem(raw.line, "student_number", str(_l("Only letters, digits, - and _."))))
    degree = DEGREE_WORDS.get(cells["degree"].lower())
    if "degree" not in bad and degree is None:
        problems.append(RosterProblem(raw.line, "degree", str(_l("Unknown degree: use 专科, 本科, 硕士 or 博士."))))
    year = cells["graduation_year"]
    if "graduation_year" not in bad and not (year.isascii() and year.isdigit() and 1950 <= int(year) <= 2100):
        problems.append(RosterProblem(raw.line, "graduation_year", str(_l("A year such as 2026."))))
    if problems:
        return None, problems
    return RosterRow(
        raw.line, cells["student_number"], cells["full_name"], email, cells["major"], degree, int(year)
    ), []


def _existing(session, university_id: int, column, values: list[str]) -> dict[str, RosterEntry]:
    found: dict[str, RosterEntry] = {}
    for start in range(0, len(values), CHUNK):
        chunk = values[start : start + CHUNK]
        for entry in session.scalars(
            select(RosterEntry).where(RosterEntry.university_id == university_id, column.in_(chunk))
        ):
            found[getattr(entry, column.key)] = entry
    return found


def preview_roster(session, university_id: int, data: bytes) -> RosterPreview:
    """Check a roster file row by row against itself and the roster already held; writes nothing."""
    preview = RosterPreview()
    first_line_of: dict[tuple[str, str], int] = {}
    for raw in read_rows(data):
        row, problems = _parse(raw)
        if row is not None:
            for name in ("student_number", "email"):
                key = (name, getattr(row, name))
                if key in first_line_of:
                    problems.append(
                        RosterProblem(row.line, name, str(_l("Also on line %(line)d.", line=first_line_of[key])))
                    )
                else:
                    first_line_of[key] = row.line
        preview.problems.extend(problems)
        if row is not None and not problems:
            preview.rows.append(row)
    by_email = _existing(session, university_id, RosterEntry.email, [row.email for row in preview.rows])
    clashes = {
        row.line
        for row in preview.rows
        if row.email in by_email and by_email[row.email].student_number != row.student_number
    }
    for row in preview.rows:
        if row.line in clashes:
            preview.problems.append(
                RosterProblem(
                    row.line,
                    "email",
                    str(
                        _l(
                            "Already on the roster for student number %(number)s.",
                            number=by_email[row.email].student_number,
                        )
                    ),
                )
            )
    preview.rows = [row for row in preview.rows if row.line not in clashes]
    preview.problems.sort(key=lambda problem: (problem.line, problem.field))
    return preview


def _confirm(entry: RosterEntry, profile: GraduateProfile) -> None:
    entry.graduate_id = profile.id
    profile.university_id = entry.university_id
    profile.student_number = profile.student_number or entry.student_number
    profile.confirmed_by_university_at = profile.confirmed_by_university_at or clock.now()


def _invitation(entry: RosterEntry, university: University, register_link: str) -> dict:
    """The e-mail inviting a rostered graduate to register (queued once per university and address)."""
    return {
        "to_address": entry.email,
        "subject": _l("%(university)s invites you to the graduate recruitment campaign", university=university.name),
        "body_text": _l(
            "Dear %(name)s,\n\n%(university)s has listed you among its graduates of %(year)d. Register on recruit "
            "with this e-mail address to find vacancies at small and medium-sized enterprises; your university "
            "will confirm your account.\n\n%(link)s",
            name=entry.full_name,
            university=university.name,
            year=entry.graduation_year,
            link=register_link,
        ),
        "dedupe_key": f"roster-invitation:{entry.university_id}:{entry.email}",
    }


def import_roster(session, university_id: int, rows: list[RosterRow], actor: User) -> RosterImport:
    """Write the checked rows (new student numbers added, known ones updated), link registered graduates and
    invite the others; flushed, the caller commits the whole import."""
    university = session.get(University, university_id)
    report = RosterImport()
    existing = _existing(session, university_id, RosterEntry.student_number, [row.student_number for row in rows])
    entries = []
    for row in rows:
        entry = existing.get(row.student_number)
        if entry is None:
            entry = RosterEntry(university_id=university_id, student_number=row.student_number)
            session.add(entry)
            report.created += 1
        else:
            report.updated += 1
        entry.full_name, entry.email, entry.major = row.full_name, row.email, row.major
        entry.degree, entry.graduation_year = row.degree, row.graduation_year
        entries.append(entry)
    session.flush()
    unlinked = [entry for entry in entries if entry.graduate_id is None]
    now, register_link = clock.now(), links.absolute(links.register_graduate())
    for start in range(0, len(unlinked), CHUNK):
        chunk = unlinked[start : start + CHUNK]
        invitations: list[dict] = []
        by_email = {
            email: profile
            for email, profile in session.execute(
                select(User.email, GraduateProfile)
                .join(GraduateProfile, GraduateProfile.user_id == User.id)
                .where(User.role == Role.GRADUATE, User.email.in_([entry.email for entry in chunk]))
            )
        }
        by_number = {
            profile.student_number: profile
            for profile in session.scalars(
                select(GraduateProfile).where(
                    GraduateProfile.university_id == university_id,
                    GraduateProfile.student_number.in_([entry.student_number for entry in chunk]),
                )
            )
        }
        candidates = [profile.id for profile in (*by_email.values(), *by_number.values())]
        taken = set(session.scalars(select(RosterEntry.graduate_id).where(RosterEntry.graduate_id.in_(candidates))))
        registered = set(session.scalars(select(User.email).where(User.email.in_([e.email for e in chunk]))))
        for entry in chunk:
            profile = by_email.get(entry.email) or by_number.get(entry.student_number)
            if profile is not None and profile.id not in taken:
                _confirm(entry, profile)
                taken.add(profile.id)
                report.linked += 1
            elif entry.invited_at is None and entry.email not in registered:
                invitations.append(_invitation(entry, university, register_link))
                entry.invited_at = now
                report.invited += 1
        outbox.enqueue_many(session, invitations)
    session.flush()
    audit.record(
        session,
        actor,
        "roster.import",
        university,
        {"created": report.created, "updated": report.updated, "linked": report.linked, "invited": report.invited},
    )
    return report


def link_registered_graduate(session, profile: GraduateProfile, email: str) -> bool:
    """Link a graduate to the roster entry with their e-mail, or with their university and student number;
    tell whether one was found."""
    condition = func.lower(RosterEntry.email) == email.lower()
    entry = session.scalar(select(RosterEntry).where(condition, RosterEntry.graduate_id.is_(None)).limit(1))
    if entry is None and profile.university_id is not None and profile.student_number:
        entry = session.scalar(
            select(RosterEntry).where(
                RosterEntry.university_id == profile.university_id,
                RosterEntry.student_number == profile.student_number,
                RosterEntry.graduate_id.is_(None),
            )
        )
    if entry is None:
        return False
    _confirm(entry, profile)
    return True


def roster_summary(session, university_id: int) -> dict[str, int]:
    """How many graduates the roster lists, how many registered (linked), how many were invited."""
    base = select(func.count()).select_from(RosterEntry).where(RosterEntry.university_id == university_id)
    return {
        "rostered": session.scalar(base) or 0,
        "registered": session.scalar(base.where(RosterEntry.graduate_id.is_not(None))) or 0,
        "invited": session.scalar(base.where(RosterEntry.invited_at.is_not(None))) or 0,
    }
