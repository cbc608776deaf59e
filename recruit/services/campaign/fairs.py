"""Online job fairs (专场招聘会) inside a campaign: the organiser creates a themed fair for an audience; verified SMEs
take a booth with their published vacancies (up to the fair's limit of companies, under a lock on the fair) and the
organiser approves or removes it; graduates browse the approved booths, apply from the fair (the application records
it), and register for the live session, of which the worker reminds them and the fair's companies an hour before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError

from recruit import clock, links
from recruit.i18n import N_
from recruit.i18n import lazy_gettext as _l
from recruit.models import (
    Application,
    ApplicationStatus,
    BoothStatus,
    Campaign,
    Company,
    CompanyStatus,
    FairBooth,
    FairBoothVacancy,
    FairRegistration,
    FairVisit,
    GraduateProfile,
    JobFair,
    User,
    Vacancy,
    VacancyStatus,
)
from recruit.reference.education import Degree
from recruit.reference.industries import SECTION_BY_CODE
from recruit.reference.regions import PROVINCE_BY_CODE
from recruit.services.errors import PermissionDenied, ValidationError
from recruit.services.messaging import notifications
from recruit.services.oversight import audit
from recruit.services.people.companies import employer_users
from recruit.services.web_addresses import clean_web_address

REMIND_BEFORE = timedelta(hours=1)
MAX_BOOTH_VACANCIES = 50
REMINDER = N_("The live session of %(fair)s starts at %(time)s.")
# Applications that reached an interview (or went further) count as interviews in a fair's figures.
INTERVIEWED = (
    ApplicationStatus.INTERVIEW,
    ApplicationStatus.OFFERED,
    ApplicationStatus.HIRED,
    ApplicationStatus.DECLINED,
)


@dataclass(frozen=True)
class FairDetails:
    """A fair as the organiser enters it."""

    name: str
    theme: str
    organiser: str
    starts_on: date | None
    ends_on: date | None
    max_companies: int | None
    provinces: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    majors: list[str] = field(default_factory=list)
    degree: Degree | None = None
    live_starts_at: datetime | None = None
    live_url: str = ""


def _check(details: FairDetails, campaign: Campaign) -> FairDetails:
    name = " ".join((details.name or "").split())
    if not name or len(name) > 200:
        raise ValidationError(_l("Name the fair (at most 200 characters)."), field="name")
    if details.starts_on is None or details.ends_on is None or details.starts_on > details.ends_on:
        raise ValidationError(_l("The fair ends on or after the day it starts."), field="ends_on")
    if details.starts_on < campaign.starts_on or details.ends_on > campaign.ends_on:
        raise ValidationError(
            _l(
                "A fair takes place within its campaign (%(start)s to %(end)s).",
                start=campaign.starts_on.isoformat(),
                end=campaign.ends_on.isoformat(),
            ),
            field="starts_on",
        )
    if details.max_companies is None or not 1 <= details.max_companies <= 100_000:
        raise ValidationError(_l("Between 1 and 100,000 companies."), field="max_companies")
    if any(code not in PROVINCE_BY_CODE for code in details.provinces):
        raise ValidationError(_l("Choose provinces from the list."), field="provinces")
    if any(code not in SECTION_BY_CODE for code in details.industries):
        raise ValidationError(_l("Choose industries from the list."), field="industries")
    majors = [" ".join(m.split())[:100] for m in details.majors if m.strip()][:50]
    live_url = clean_web_address(details.live_url, field="live_url") or ""
    if details.live_starts_at is not None:
        day = details.live_starts_at.astimezone(clock.zone()).date()
        if not details.starts_on <= day <= details.ends_on:
            raise ValidationError(_l("The live session takes place during the fair."), field="live_starts_at")
    elif live_url:
        raise ValidationError(_l("Give the live session a time."), field="live_starts_at")
    return FairDetails(
        name,
        (details.theme or "").strip()[:2000],
        " ".join((details.organiser or "").split())[:200],
        details.starts_on,
        details.ends_on,
        details.max_companies,
        list(dict.fromkeys(details.provinces)),
        list(dict.fromkeys(details.industries)),
        majors,
        details.degree,
        details.live_starts_at,
        live_url,
    )


def create_fair(session, organiser: User, campaign: Campaign, details: FairDetails) -> JobFair:
    """Create a fair inside `campaign` (checked: dates within the campaign, audience from the reference lists)."""
    details = _check(details, campaign)
    fair = JobFair(
        campaign_id=campaign.id,
        name=details.name,
        theme=details.theme,
        organiser=details.organiser,
        starts_on=details.starts_on,
        ends_on=details.ends_on,
        max_companies=details.max_companies,
        provinces=details.provinces,
        industries=details.industries,
        majors=details.majors,
        degree=details.degree,
        live_starts_at=details.live_starts_at,
        live_url=details.live_url or None,
        created_by_id=organiser.id,
    )
    session.add(fair)
    session.flush()
    audit.record(session, organiser, "fair.create", fair, {"name": fair.name})
    return fair


def current_fairs(session, today: date) -> list[JobFair]:
    """Fairs that have not ended, soonest first."""
    return list(
        session.scalars(select(JobFair).where(JobFair.ends_on >= today).order_by(JobFair.starts_on, JobFair.id))
    )


def all_fairs(session) -> list[JobFair]:
    """Every fair, the latest first (the organiser's list)."""
    return list(session.scalars(select(JobFair).order_by(JobFair.starts_on.desc(), JobFair.id.desc())))


def is_for(fair: JobFair, profile: GraduateProfile | None) -> bool:
    """Whether a graduate is in the fair's audience (everyone is when it names none)."""
    if profile is None:
        return False
    if fair.provinces and profile.province_code not in fair.provinces:
        return False
    if fair.majors and not any(major in (profile.major or "") for major in fair.majors):
        return False
    return fair.degree is None or profile.degree == fair.degree


def booths(session, fair: JobFair, status: BoothStatus | None = BoothStatus.APPROVED) -> list[FairBooth]:
    """The fair's booths (approved ones unless another status is asked for; None: all), by company name."""
    statement = select(FairBooth).join(Company, Company.id == FairBooth.company_id).where(FairBooth.fair_id == fair.id)
    if status is not None:
        statement = statement.where(FairBooth.status == status)
    return list(session.scalars(statement.order_by(Company.name, FairBooth.id)))


def booth_of(session, fair: JobFair, company_id: int) -> FairBooth | None:
    """A company's booth at the fair, if it has one."""
    return session.scalar(select(FairBooth).where(FairBooth.fair_id == fair.id, FairBooth.company_id == company_id))


def fair_vacancy_ids(fair_id: int):
    """For SQL: the ids of the vacancies at the fair's approved booths."""
    return (
        select(FairBoothVacancy.vacancy_id)
        .join(FairBooth, FairBooth.id == FairBoothVacancy.booth_id)
        .where(FairBooth.fair_id == fair_id, FairBooth.status == BoothStatus.APPROVED)
    )


def shows_vacancy(session, fair_id: int, vacancy_id: int) -> bool:
    """Whether the vacancy is at one of the fair's approved booths."""
    shown = fair_vacancy_ids(fair_id).where(FairBoothVacancy.vacancy_id == vacancy_id)
    return bool(session.scalar(select(shown.exists())))


def sign_up(session, employer: User, fair: JobFair, vacancy_ids: list[int], pitch: str) -> FairBooth:
    """Take (or change) the company's booth at the fair with its published vacancies; waits for the organiser's
    approval. Only verified companies, only their own published vacancies, and no more companies than the fair takes."""
    membership = employer.company_membership
    if membership is None:
        raise PermissionDenied(_l("Register your company first."))
    company = membership.company
    if company.status is not CompanyStatus.VERIFIED:
        raise ValidationError(_l("Only verified companies take part in fairs."), field="vacancy_ids")
    if fair.ends_on < clock.today():
        raise ValidationError(_l("This fair is over."), field="vacancy_ids")
    pitch = " ".join((pitch or "").split())
    if len(pitch) > 500:
        raise ValidationError(_l("The pitch may be at most 500 characters."), field="pitch")
    wanted = sorted(set(vacancy_ids))
    if not wanted:
        raise ValidationError(_l("Choose at least one published vacancy."), field="vacancy_ids")
    if len(wanted) > MAX_BOOTH_VACANCIES:
        raise ValidationError(_l("A booth shows at most 50 vacancies."), field="vacancy_ids")
    published = set(
        session.scalars(
            select(Vacancy.id).where(
                Vacancy.id.in_(wanted), Vacancy.company_id == company.id, Vacancy.status == VacancyStatus.PUBLISHED
            )
        )
    )
    if published != set(wanted):
        raise ValidationError(
            _l("Only your company's published vacancies can be shown at a fair."), field="vacancy_ids"
        )
    # Lock the fair (PostgreSQL) so that two companies cannot both take its last place.
    session.execute(select(JobFair.id).where(JobFair.id == fair.id).with_for_update())
    booth = booth_of(session, fair, company.id)
    if booth is not None and booth.status is BoothStatus.REMOVED:
        raise ValidationError(_l("The organiser removed your booth from this fair."), field="vacancy_ids")
    if booth is None:
        taken = session.scalar(
            select(func.count())
            .select_from(FairBooth)
            .where(FairBooth.fair_id == fair.id, FairBooth.status != BoothStatus.REMOVED)
        )
        if taken >= fair.max_companies:
            raise ValidationError(_l("This fair has no place left for another company."), field="vacancy_ids")
        booth = FairBooth(fair_id=fair.id, company_id=company.id, status=BoothStatus.PENDING)
        session.add(booth)
        try:
            with session.begin_nested():
                session.flush()
        except IntegrityError as exc:  # a colleague signed the company up at the same moment
            raise ValidationError(_l("Your company already has a booth at this fair."), field="vacancy_ids") from exc
    booth.pitch = pitch
    booth.vacancies = [FairBoothVacancy(vacancy_id=vacancy_id) for vacancy_id in wanted]
    session.flush()
    audit.record(session, employer, "fair.booth", fair, {"company": company.name, "vacancies": len(wanted)})
    return booth


def decide_booth(session, organiser: User, booth: FairBooth, approve: bool) -> FairBooth:
    """The organiser approves a booth (it is shown) or removes it (it is not, and cannot sign up again)."""
    booth.status = BoothStatus.APPROVED if approve else BoothStatus.REMOVED
    booth.decided_at, booth.decided_by_id = clock.now(), organiser.id
    session.flush()
    audit.record(
        session,
        organiser,
        "fair.booth_decision",
        booth.fair,
        {"company": booth.company.name, "status": booth.status.value},
    )
    return booth


def record_visit(session, fair: JobFair, user: User) -> None:
    """Count a signed-in graduate's visit to the fair, once."""
    if session.scalar(select(FairVisit.id).where(FairVisit.fair_id == fair.id, FairVisit.user_id == user.id)):
        return
    try:
        with session.begin_nested():
            session.add(FairVisit(fair_id=fair.id, user_id=user.id, created_at=clock.now()))
            session.flush()
    except IntegrityError:
        pass  # counted by a request of theirs a moment ago


def registration(session, fair: JobFair, user: User) -> FairRegistration | None:
    """The user's registration for the fair's live session, if any."""
    return session.scalar(
        select(FairRegistration).where(FairRegistration.fair_id == fair.id, FairRegistration.user_id == user.id)
    )


def register(session, fair: JobFair, user: User) -> FairRegistration:
    """Register a graduate for the fair's live session (once; again is no change)."""
    if fair.live_starts_at is None:
        raise ValidationError(_l("This fair has no live session."), field="fair")
    if fair.live_starts_at <= clock.now():
        raise ValidationError(_l("The live session has already started."), field="fair")
    existing = registration(session, fair, user)
    if existing is not None:
        return existing
    entry = FairRegistration(fair_id=fair.id, user_id=user.id, created_at=clock.now())
    try:
        with session.begin_nested():
            session.add(entry)
            session.flush()
    except IntegrityError:
        return registration(session, fair, user)
    return entry


def send_live_reminders(session, now: datetime | None = None) -> int:
    """An hour before a fair's live session, remind each registered graduate and each employer with an approved booth,
    once (each reminder's dedupe key; registrations are marked). Returns how many were reminded."""
    now = now or clock.now()
    soon = session.scalars(
        select(JobFair).where(JobFair.live_starts_at > now, JobFair.live_starts_at <= now + REMIND_BEFORE)
    ).all()
    sent = 0
    for fair in soon:
        time = fair.live_starts_at.astimezone(clock.zone()).strftime("%H:%M")
        title = _l(REMINDER, fair=fair.name, time=time)
        registered = session.scalars(
            select(FairRegistration).where(FairRegistration.fair_id == fair.id, FairRegistration.reminded_at.is_(None))
        ).all()
        people = [(entry, session.get(User, entry.user_id)) for entry in registered]
        for booth in booths(session, fair):
            people += [(None, member) for member in employer_users(session, booth.company_id)]
        for entry, user in people:
            if user is None or not user.is_enabled:
                continue
            written = notifications.notify(
                session,
                user,
                kind="fair.live",
                title=title,
                link=links.fair(fair.id),
                dedupe_key=f"fair:{fair.id}:live:{fair.live_starts_at.isoformat()}:user:{user.id}",
            )
            sent += written is not None
            if entry is not None:
                entry.reminded_at = now
        session.flush()
    return sent


@dataclass(frozen=True)
class FairFigures:
    """A fair's visitors, and the applications made from it with how far they got."""

    visitors: int
    registered: int
    applications: int
    interviews: int
    hires: int


def figures(session, fair: JobFair, company_id: int | None = None) -> FairFigures:
    """The fair's figures for the organiser, or for one company (its applications; the fair's visitors)."""
    applications = select(
        func.count(),
        func.sum(_flag(Application.status.in_(INTERVIEWED))),
        func.sum(_flag(Application.status == ApplicationStatus.HIRED)),
    ).where(Application.fair_id == fair.id)
    if company_id is not None:
        applications = applications.join(Vacancy, Vacancy.id == Application.vacancy_id).where(
            Vacancy.company_id == company_id
        )
    count, interviews, hires = session.execute(applications).one()
    visitors = session.scalar(select(func.count()).select_from(FairVisit).where(FairVisit.fair_id == fair.id))
    registered = session.scalar(
        select(func.count()).select_from(FairRegistration).where(FairRegistration.fair_id == fair.id)
    )
    return FairFigures(visitors or 0, registered or 0, count or 0, int(interviews or 0), int(hires or 0))


def _flag(condition):
    return case((condition, 1), else_=0)
