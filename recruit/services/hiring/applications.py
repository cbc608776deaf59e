"""Applications and the hiring pipeline: who may move an application from which status to which.

submitted → viewed → shortlisted → interview → offered → hired
the employer rejects from any open step before the offer; an offer carries its terms (`offers`) and the day by
which to answer; the graduate withdraws before being hired, and accepts (→ hired) or declines an offer; an offer
left unanswered past its day expires (→ declined, by nobody). Accepting opens the employment agreement
(`agreements`) and pauses the graduate's recommendations. Every change is stored with actor, time and note, and the
graduate is notified.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from recruit import clock, links
from recruit.i18n import N_
from recruit.i18n import lazy_gettext as _l
from recruit.labels import label
from recruit.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    GraduateProfile,
    Interview,
    InterviewStatus,
    Role,
    User,
    Vacancy,
    VacancyStatus,
)
from recruit.models.feedback import Action
from recruit.services.campaign import fairs
from recruit.services.discovery import feedback
from recruit.services.errors import PermissionDenied, ValidationError
from recruit.services.hiring import agreements, offers
from recruit.services.hiring.vacancies import is_open_for_applications
from recruit.services.messaging import notifications
from recruit.services.people import consents, email_verification
from recruit.services.people.companies import employer_users
from recruit.services.people.profiles import missing_required

S = ApplicationStatus
EMPLOYER, GRADUATE = Role.EMPLOYER, Role.GRADUATE
OPEN_STATUSES = frozenset({S.SUBMITTED, S.VIEWED, S.SHORTLISTED, S.INTERVIEW, S.OFFERED})
FINAL_STATUSES = frozenset({S.HIRED, S.REJECTED, S.WITHDRAWN, S.DECLINED})

# (from, to) → the role that may make the move.
TRANSITIONS: dict[tuple[ApplicationStatus, ApplicationStatus], Role] = {
    (S.SUBMITTED, S.VIEWED): EMPLOYER,
    (S.VIEWED, S.SHORTLISTED): EMPLOYER,
    (S.SHORTLISTED, S.INTERVIEW): EMPLOYER,
    (S.INTERVIEW, S.OFFERED): EMPLOYER,
    (S.OFFERED, S.HIRED): GRADUATE,
    (S.OFFERED, S.DECLINED): GRADUATE,
    **{(step, S.REJECTED): EMPLOYER for step in (S.SUBMITTED, S.VIEWED, S.SHORTLISTED, S.INTERVIEW)},
    **{(step, S.WITHDRAWN): GRADUATE for step in OPEN_STATUSES},
}

# Message templates, marked for extraction with N_ and translated in the reader's language when sent.
STATUS_MESSAGES = {
    S.VIEWED: N_("The employer has read your application for %(vacancy)s."),
    S.SHORTLISTED: N_("You are shortlisted for %(vacancy)s."),
    S.INTERVIEW: N_("You are invited to an interview for %(vacancy)s."),
    S.OFFERED: N_("You have an offer for %(vacancy)s: accept or decline it in My applications."),
    S.HIRED: N_("You accepted the offer for %(vacancy)s. Congratulations!"),
    S.REJECTED: N_("Your application for %(vacancy)s was not successful."),
    S.WITHDRAWN: N_("You withdrew your application for %(vacancy)s."),
    S.DECLINED: N_("You declined the offer for %(vacancy)s."),
}
EMPLOYER_MESSAGES = {
    S.SUBMITTED: N_("New application for %(vacancy)s from %(name)s."),
    S.WITHDRAWN: N_("%(name)s withdrew their application for %(vacancy)s."),
    S.HIRED: N_("%(name)s accepted your offer for %(vacancy)s."),
    S.DECLINED: N_("%(name)s declined your offer for %(vacancy)s."),
}


def allowed_moves(application: Application, role: Role) -> list[ApplicationStatus]:
    """The statuses `role` may move this application to now."""
    return [to for (frm, to), who in TRANSITIONS.items() if frm == application.status and who is role]


def _check_actor(application: Application, actor: User) -> None:
    if actor.role is GRADUATE:
        if actor.graduate_profile is None or actor.graduate_profile.id != application.graduate_id:
            raise PermissionDenied(_l("This application is not yours."))
    elif actor.role is EMPLOYER:
        membership = actor.company_membership
        if membership is None or membership.company_id != application.vacancy.company_id:
            raise PermissionDenied(_l("This application was made to another company."))
    else:
        raise PermissionDenied(_l("Only the graduate and the employer move an application."))


def _notify_employers(
    session, application: Application, status: ApplicationStatus, event_id: int, message=None
) -> None:
    message = message or EMPLOYER_MESSAGES.get(status)
    if message is None:
        return
    vacancy = application.vacancy
    for member in employer_users(session, vacancy.company_id):
        notifications.notify(
            session,
            member,
            kind=f"application.{status.value}",
            title=_l(message, vacancy=vacancy.title, name=application.graduate.full_name)
            if isinstance(message, str)
            else message,
            link=links.employer_application(application.id),
            dedupe_key=f"application-event:{event_id}:user:{member.id}",
        )


def _settle_interviews(session, application: Application, offered: bool) -> None:
    """The application leaves the interview stage: a confirmed interview took place; one still waiting for an
    answer took place if an offer follows, else it is cancelled. None stays "awaiting an answer"."""
    open_statuses = (InterviewStatus.PROPOSED, InterviewStatus.CONFIRMED, InterviewStatus.RESCHEDULE_REQUESTED)
    for interview in session.scalars(
        select(Interview).where(Interview.application_id == application.id, Interview.status.in_(open_statuses))
    ):
        held = offered or interview.status is InterviewStatus.CONFIRMED
        interview.status = InterviewStatus.DONE if held else InterviewStatus.CANCELLED


# Steps a graduate cannot take back: the page asks once more before taking them.
# Moves a learned ranker learns from, as what happened to the graduate–vacancy pair.
PAIR_ACTIONS = {S.INTERVIEW: Action.INTERVIEWED, S.HIRED: Action.HIRED}
FINAL_STEPS = frozenset({S.WITHDRAWN, S.HIRED, S.DECLINED})


def needs_confirmation(to_status: ApplicationStatus) -> bool:
    """Whether moving to `to_status` is final enough to ask "are you sure?" first."""
    return to_status in FINAL_STEPS


def employer_actions(application: Application) -> list[ApplicationStatus]:
    """The moves an employer makes with a button on the application's page (an interview and an offer have their own
    forms)."""
    return [to for to in allowed_moves(application, EMPLOYER) if to not in (S.INTERVIEW, S.OFFERED)]


def may_make_offer(application: Application) -> bool:
    """Whether the employer may make an offer now (after an interview)."""
    return (application.status, S.OFFERED) in TRANSITIONS


def may_schedule_interview(application: Application) -> bool:
    """Whether the employer may invite to an interview now (shortlisted) or propose another time (interview)."""
    return application.status in (S.SHORTLISTED, S.INTERVIEW)


def _record(
    session,
    application: Application,
    to_status: ApplicationStatus,
    actor: User | None,
    note: str,
    messages: tuple | None = None,
) -> ApplicationEvent:
    """Store the move and tell both sides: in the words of STATUS_MESSAGES and EMPLOYER_MESSAGES, or of `messages`
    (the graduate's, the employer's) for a move nobody made."""
    event = ApplicationEvent(
        application_id=application.id,
        from_status=application.status,
        to_status=to_status,
        actor_id=actor.id if actor else None,
        note=(note or "").strip()[:2000],
        created_at=clock.now(),
    )
    if application.status is S.INTERVIEW and to_status is not S.INTERVIEW:
        _settle_interviews(session, application, offered=to_status is S.OFFERED)
    application.status = to_status
    application.updated_at = clock.now()
    session.add(event)
    session.flush()
    if to_status in PAIR_ACTIONS:
        feedback.record(session, application.graduate_id, application.vacancy_id, PAIR_ACTIONS[to_status])
    graduate_user = application.graduate.user
    message = STATUS_MESSAGES.get(to_status)
    if message is not None and (actor is None or actor.id != graduate_user.id or to_status is S.HIRED):
        notifications.notify(
            session,
            graduate_user,
            kind=f"application.{to_status.value}",
            title=messages[0] if messages else _l(message, vacancy=application.vacancy.title),
            body=event.note,
            link=links.graduate_application(application.id),
            dedupe_key=f"application-event:{event.id}:user:{graduate_user.id}",
        )
    _notify_employers(session, application, to_status, event.id, messages[1] if messages else None)
    return event


def apply(
    session,
    graduate: GraduateProfile,
    vacancy: Vacancy,
    cover_letter: str = "",
    *,
    shares_with_employer: bool,
    fair_id: int | None = None,
) -> Application:
    """Apply to an open vacancy, once, with a complete profile, after the graduate's yes to sharing their profile and
    resume with that employer (recorded as a consent naming it), from an account whose address is proven. An
    application made from a job fair where the vacancy is shown records the fair."""
    email_verification.require_verified(graduate.user)
    if missing_required(graduate):
        raise ValidationError(_l("Complete the required fields of your profile before applying."), field="profile")
    if not is_open_for_applications(vacancy, clock.today()):
        if vacancy.status is not VacancyStatus.PUBLISHED:
            raise ValidationError(_l("This vacancy is not taking applications."), field="cover_letter")
        raise ValidationError(_l("The deadline of this vacancy has passed."), field="cover_letter")
    if len(cover_letter or "") > 5000:
        raise ValidationError(_l("The cover letter may be at most 5,000 characters."), field="cover_letter")
    if not shares_with_employer:
        raise ValidationError(
            _l("Confirm that %(company)s may see your profile and resume.", company=vacancy.company.name),
            field="shares_with_employer",
        )
    existing = session.scalar(
        select(Application.id).where(Application.vacancy_id == vacancy.id, Application.graduate_id == graduate.id)
    )
    if existing is not None:
        raise ValidationError(_l("You have already applied to this vacancy."), field="cover_letter")
    now = clock.now()
    application = Application(
        vacancy_id=vacancy.id,
        graduate_id=graduate.id,
        status=S.SUBMITTED,
        cover_letter=(cover_letter or "").strip(),
        fair_id=fair_id if fair_id is not None and fairs.shows_vacancy(session, fair_id, vacancy.id) else None,
        created_at=now,
        updated_at=now,
    )
    try:
        with session.begin_nested():
            session.add(application)
            session.flush()
    except IntegrityError as exc:  # a double click that raced past the check above
        raise ValidationError(_l("You have already applied to this vacancy."), field="cover_letter") from exc
    event = ApplicationEvent(
        application_id=application.id,
        from_status=None,
        to_status=S.SUBMITTED,
        actor_id=graduate.user_id,
        created_at=now,
    )
    session.add(event)
    session.flush()
    feedback.record(session, graduate.id, vacancy.id, Action.APPLIED)
    consents.record_application_share(session, graduate.user, vacancy)
    _notify_employers(session, application, S.SUBMITTED, event.id)
    return application


def transition(
    session,
    application: Application,
    to_status: ApplicationStatus,
    actor: User,
    note: str = "",
    terms: offers.OfferTerms | None = None,
) -> ApplicationEvent:
    """Move an application to `to_status` if `actor` may; raise with a clear message otherwise. An offer needs its
    `terms`."""
    _check_actor(application, actor)
    allowed_role = TRANSITIONS.get((application.status, to_status))
    if allowed_role is None:
        raise ValidationError(
            _l(
                "An application that is %(from)s cannot become %(to)s.",
                **{"from": label(application.status), "to": label(to_status)},
            ),
            field="status",
        )
    if allowed_role is not actor.role:
        raise PermissionDenied(
            _l(
                "Only the %(role)s can make this change.",
                role=_l("employer") if allowed_role is EMPLOYER else _l("graduate"),
            )
        )
    if to_status is S.OFFERED:
        if terms is None:
            raise ValidationError(
                _l("An offer needs its terms: position, salary, start and answer date."), field="position"
            )
        terms = offers.check(terms, clock.today())
    if to_status is S.HIRED:
        _fill_headcount(session, application.vacancy)
    event = _record(session, application, to_status, actor, note)
    if to_status is S.OFFERED:
        offers.record(session, application, terms)
    if to_status is S.HIRED:
        agreements.open_for(session, application, offers.offer_of(session, application))
        application.graduate.recommendations_paused_at = clock.now()
    return event


def _fill_headcount(session, vacancy: Vacancy) -> None:
    # Lock the vacancy row (PostgreSQL) so two acceptances cannot both take the last place.
    session.execute(select(Vacancy.id).where(Vacancy.id == vacancy.id).with_for_update())
    session.refresh(vacancy, attribute_names=["hired_count", "headcount", "status"])
    if vacancy.hired_count >= vacancy.headcount:
        raise ValidationError(_l("All places of this vacancy have been filled."), field="status")
    vacancy.hired_count += 1
    if vacancy.hired_count >= vacancy.headcount:
        vacancy.status = VacancyStatus.FILLED
        vacancy.closed_at = clock.now()


EXPIRED_MESSAGES = (
    N_("Your offer for %(vacancy)s expired: it was not answered by %(day)s."),
    N_("The offer to %(name)s for %(vacancy)s expired unanswered on %(day)s."),
)


def expire_offers(session, today) -> int:
    """Close the offers still unanswered after their answer-by day (→ declined, by nobody), telling both sides; returns
    how many. Safe to run again: an expired offer's application is no longer "offered"."""
    expired = offers.overdue(session, today)
    for offer in expired:
        application = offer.application
        day = offer.answer_by.isoformat()
        _record(
            session,
            application,
            S.DECLINED,
            None,
            "",
            messages=(
                _l(EXPIRED_MESSAGES[0], vacancy=application.vacancy.title, day=day),
                _l(
                    EXPIRED_MESSAGES[1], vacancy=application.vacancy.title, name=application.graduate.full_name, day=day
                ),
            ),
        )
        offer.expired_at = clock.now()
    session.flush()
    return len(expired)


def still_open_besides(session, application: Application) -> list[Application]:
    """The graduate's other applications still open (to withdraw in one step once they accepted an offer)."""
    return [
        other
        for other in applications_of(session, application.graduate)
        if other.id != application.id and other.status in OPEN_STATUSES
    ]


def withdraw_many(session, graduate_user: User, chosen: list[Application], note: str = "") -> int:
    """The graduate withdraws several of their open applications at once; all or none."""
    if not chosen:
        raise ValidationError(_l("Choose at least one application."), field="application_ids")
    for application in chosen:
        _check_actor(application, graduate_user)
        if application.status not in OPEN_STATUSES:
            raise ValidationError(
                _l("Your application for %(vacancy)s is no longer open.", vacancy=application.vacancy.title),
                field="application_ids",
            )
    for application in chosen:
        _record(session, application, S.WITHDRAWN, graduate_user, note)
    return len(chosen)


def mark_viewed(session, application: Application, employer: User) -> None:
    """The first time an employer opens a submitted application, it becomes viewed."""
    if application.status is S.SUBMITTED:
        transition(session, application, S.VIEWED, employer)


def reject_many(session, applications: list[Application], employer: User, note: str) -> int:
    """Reject several applications with one message; all or none (a refused one refuses the batch)."""
    if not applications:
        raise ValidationError(_l("Choose at least one applicant."), field="application_ids")
    for application in applications:
        _check_actor(application, employer)
        if (application.status, S.REJECTED) not in TRANSITIONS:
            raise ValidationError(
                _l(
                    "%(name)s's application is %(status)s and cannot be rejected.",
                    name=application.graduate.full_name,
                    status=label(application.status),
                ),
                field="application_ids",
            )
    for application in applications:
        _record(session, application, S.REJECTED, employer, note)
    return len(applications)


def _from_people_still_here(statement):
    """Leave out applications of erased accounts: they count in the statistics, not in an employer's pipeline."""
    return (
        statement.join(GraduateProfile, GraduateProfile.id == Application.graduate_id)
        .join(User, User.id == GraduateProfile.user_id)
        .where(User.erased_at.is_(None))
    )


def counts_by_status(session, vacancy: Vacancy) -> dict[ApplicationStatus, int]:
    """How many applications the vacancy has in each status (erased accounts' left out)."""
    rows = session.execute(
        _from_people_still_here(select(Application.status, func.count()))
        .where(Application.vacancy_id == vacancy.id)
        .group_by(Application.status)
    )
    return {ApplicationStatus(status): n for status, n in rows}


def applications_of(session, graduate: GraduateProfile) -> list[Application]:
    """The graduate's applications, most recently changed first."""
    return list(
        session.scalars(
            select(Application)
            .where(Application.graduate_id == graduate.id)
            .order_by(Application.updated_at.desc(), Application.id.desc())
        )
    )


def application_of_graduate(session, graduate: GraduateProfile, application_id: int) -> Application | None:
    """One of the graduate's own applications, or None (someone else's is None too)."""
    application = session.get(Application, application_id)
    return application if application is not None and application.graduate_id == graduate.id else None


def application_for_employer(session, employer: User, application_id: int) -> Application | None:
    """An application made to the employer's company, or None (another company's is None too)."""
    application = session.get(Application, application_id)
    membership = employer.company_membership
    if application is None or membership is None or application.vacancy.company_id != membership.company_id:
        return None
    return None if application.graduate.user.erased_at is not None else application


def application_to(session, graduate: GraduateProfile, vacancy: Vacancy) -> Application | None:
    """The graduate's application to this vacancy, if any."""
    return session.scalar(
        select(Application).where(Application.graduate_id == graduate.id, Application.vacancy_id == vacancy.id)
    )


APPLICANT_SORTS = ("newest", "oldest", "status")


def applicants(
    session, vacancy: Vacancy, status: ApplicationStatus | None = None, sort: str = "newest"
) -> list[Application]:
    """A vacancy's applications, filtered by status and sorted (newest, oldest, or by pipeline step); erased
    accounts' are left out."""
    statement = _from_people_still_here(select(Application)).where(Application.vacancy_id == vacancy.id)
    if status is not None:
        statement = statement.where(Application.status == status)
    if sort == "oldest":
        statement = statement.order_by(Application.created_at, Application.id)
    else:
        statement = statement.order_by(Application.created_at.desc(), Application.id.desc())
    rows = list(session.scalars(statement))
    if sort == "status":
        order = {
            s: i
            for i, s in enumerate(
                [
                    S.OFFERED,
                    S.INTERVIEW,
                    S.SHORTLISTED,
                    S.VIEWED,
                    S.SUBMITTED,
                    S.HIRED,
                    S.DECLINED,
                    S.REJECTED,
                    S.WITHDRAWN,
                ]
            )
        }
        rows.sort(key=lambda a: order[a.status])
    return rows
