"""The employment agreement of an accepted offer (三方协议), confirmed by three parties in turn.

draft ──employer fills in──▶ awaiting_graduate ──graduate confirms──▶ awaiting_university ──office confirms──▶ confirmed
                 ▲                  │ graduate returns                        │ office returns
                 └──── returned ◀───┴─────────────────────────────────────────┘  (the employer corrects and resends)

Only the employer's company, the graduate and the career office of the graduate's university see an agreement or act
on it; each step is dated, notified to the others and written to the audit log. A confirmed agreement is a
placement (`universities.placement.is_placed`); the employer later confirms how many months of social insurance it
has paid, which the job-expansion subsidy needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from recruit import clock, links
from recruit.i18n import N_
from recruit.i18n import lazy_gettext as _l
from recruit.models import AgreementStatus, Application, EmploymentAgreement, Role, User
from recruit.models.outcomes import MAX_SALARY
from recruit.services.errors import PermissionDenied, ValidationError
from recruit.services.messaging import notifications
from recruit.services.oversight import audit
from recruit.services.people.companies import employer_users

A = AgreementStatus
# (from, action) → (to, the role that acts).
STEPS: dict[tuple[AgreementStatus, str], tuple[AgreementStatus, Role]] = {
    (A.DRAFT, "submit"): (A.AWAITING_GRADUATE, Role.EMPLOYER),
    (A.RETURNED, "submit"): (A.AWAITING_GRADUATE, Role.EMPLOYER),
    (A.AWAITING_GRADUATE, "submit"): (A.AWAITING_GRADUATE, Role.EMPLOYER),  # corrected before the graduate answered
    (A.AWAITING_GRADUATE, "confirm"): (A.AWAITING_UNIVERSITY, Role.GRADUATE),
    (A.AWAITING_GRADUATE, "return"): (A.RETURNED, Role.GRADUATE),
    (A.AWAITING_UNIVERSITY, "confirm"): (A.CONFIRMED, Role.CAREER_OFFICE),
    (A.AWAITING_UNIVERSITY, "return"): (A.RETURNED, Role.CAREER_OFFICE),
}
MAX_CONTRACT_MONTHS = 600
MAX_REASON = 2000

MESSAGES = {
    "opened": N_("%(name)s accepted your offer for %(vacancy)s: fill in the employment agreement."),
    "submitted": N_("%(company)s sent you the employment agreement for %(vacancy)s: check and confirm it."),
    "graduate_confirmed": N_("%(name)s confirmed the employment agreement with %(company)s: please confirm it."),
    "graduate_confirmed_employer": N_("%(name)s confirmed the employment agreement for %(vacancy)s."),
    "returned": N_("The employment agreement for %(vacancy)s was returned: %(reason)s"),
    "confirmed": N_("The employment agreement for %(vacancy)s is confirmed by the university."),
}


@dataclass(frozen=True)
class AgreementTerms:
    """What the employer writes into the agreement."""

    position: str
    start_on: date | None
    monthly_salary: int | None
    contract_months: int | None
    is_labour_contract: bool
    has_social_insurance: bool
    claims_absorption_subsidy: bool = False


def party_of(agreement: EmploymentAgreement, user: User) -> Role | None:
    """Which party `user` is to the agreement (None: nobody it concerns)."""
    application = agreement.application
    if user.role is Role.EMPLOYER:
        membership = user.company_membership
        if membership is not None and membership.company_id == application.vacancy.company_id:
            return Role.EMPLOYER
    elif user.role is Role.GRADUATE:
        if user.graduate_profile is not None and user.graduate_profile.id == application.graduate_id:
            return Role.GRADUATE
    elif user.role is Role.CAREER_OFFICE:
        if agreement.university_id is not None and user.university_id == agreement.university_id:
            return Role.CAREER_OFFICE
    return None


def visible_to(session, user: User, agreement_id: int) -> EmploymentAgreement | None:
    """The agreement if `user` is one of its three parties, else None (as if it did not exist)."""
    agreement = session.get(EmploymentAgreement, agreement_id)
    if agreement is None or party_of(agreement, user) is None:
        return None
    return None if agreement.application.graduate.user.erased_at is not None else agreement


def of_application(session, application: Application) -> EmploymentAgreement | None:
    """The agreement of an accepted offer, if there is one."""
    return session.scalar(select(EmploymentAgreement).where(EmploymentAgreement.application_id == application.id))


def may(agreement: EmploymentAgreement, user: User, action: str) -> bool:
    """Whether `user` may take `action` ("submit", "confirm", "return") on the agreement now."""
    step = STEPS.get((agreement.status, action))
    return step is not None and party_of(agreement, user) is step[1]


def _step(session, agreement: EmploymentAgreement, user: User, action: str) -> AgreementStatus:
    """The status `action` by `user` leads to, read under a lock on the agreement (PostgreSQL; SQLite serialises
    writers), so that of two colleagues acting at once only the first acts on the status both saw."""
    session.execute(select(EmploymentAgreement.id).where(EmploymentAgreement.id == agreement.id).with_for_update())
    session.refresh(agreement, attribute_names=["status"])
    party = party_of(agreement, user)
    if party is None:
        raise PermissionDenied(_l("This employment agreement is not yours to change."))
    step = STEPS.get((agreement.status, action))
    if step is None or step[1] is not party:
        raise ValidationError(_l("This employment agreement is not waiting for you."), field="agreement")
    return step[0]


def open_for(session, application: Application, offer) -> EmploymentAgreement:
    """The agreement of an offer just accepted, filled in from the offer's terms for the employer to complete."""
    agreement = of_application(session, application)
    if agreement is not None:
        return agreement
    agreement = EmploymentAgreement(
        application_id=application.id,
        university_id=application.graduate.university_id,
        status=A.DRAFT,
        position=offer.position if offer else application.vacancy.title[:100],
        start_on=offer.start_on if offer else None,
        monthly_salary=offer.monthly_salary if offer else None,
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    session.add(agreement)
    session.flush()
    _tell_employer(session, agreement, "opened")
    return agreement


def check_terms(terms: AgreementTerms) -> AgreementTerms:
    """The terms cleaned, or a ValidationError naming the field that is wrong."""
    position = " ".join((terms.position or "").split())
    if not position or len(position) > 100:
        raise ValidationError(_l("Name the position (at most 100 characters)."), field="position")
    if terms.start_on is None:
        raise ValidationError(_l("Enter the first day of work."), field="start_on")
    if terms.monthly_salary is None or not 1 <= terms.monthly_salary <= MAX_SALARY:
        raise ValidationError(_l("Enter a monthly salary between 1 and 1,000,000 yuan."), field="monthly_salary")
    if terms.contract_months is None or not 0 <= terms.contract_months <= MAX_CONTRACT_MONTHS:
        raise ValidationError(
            _l("Enter the contract's length in months (0 for an open-ended contract)."), field="contract_months"
        )
    return AgreementTerms(
        position,
        terms.start_on,
        terms.monthly_salary,
        terms.contract_months,
        bool(terms.is_labour_contract),
        bool(terms.has_social_insurance),
        bool(terms.claims_absorption_subsidy),
    )


def submit(session, agreement: EmploymentAgreement, employer: User, terms: AgreementTerms) -> EmploymentAgreement:
    """The employer fills in (or corrects) the agreement and sends it to the graduate to confirm."""
    to_status = _step(session, agreement, employer, "submit")
    terms = check_terms(terms)
    agreement.position, agreement.start_on = terms.position, terms.start_on
    agreement.monthly_salary, agreement.contract_months = terms.monthly_salary, terms.contract_months
    agreement.is_labour_contract, agreement.has_social_insurance = terms.is_labour_contract, terms.has_social_insurance
    agreement.claims_absorption_subsidy = terms.claims_absorption_subsidy
    agreement.status, agreement.submitted_at, agreement.submitted_by_id = to_status, clock.now(), employer.id
    agreement.graduate_confirmed_at = None
    _touch(agreement)
    session.flush()
    application = agreement.application
    graduate = application.graduate.user
    notifications.notify(
        session,
        graduate,
        kind="agreement.submitted",
        title=_l(MESSAGES["submitted"], company=application.vacancy.company.name, vacancy=application.vacancy.title),
        link=links.graduate_application(application.id),
        dedupe_key=f"agreement:{agreement.id}:submitted:{agreement.submitted_at.isoformat()}",
    )
    audit.record(session, employer, "agreement.submit", application.graduate, {"agreement": agreement.id})
    return agreement


def confirm(session, agreement: EmploymentAgreement, user: User) -> EmploymentAgreement:
    """The graduate, then the career office of their university, confirms the agreement as it stands."""
    to_status = _step(session, agreement, user, "confirm")
    now = clock.now()
    agreement.status = to_status
    if to_status is A.AWAITING_UNIVERSITY:
        agreement.graduate_confirmed_at = now
    else:
        agreement.confirmed_at, agreement.confirmed_by_id = now, user.id
    _touch(agreement)
    session.flush()
    application = agreement.application
    names = {
        "name": application.graduate.full_name,
        "company": application.vacancy.company.name,
        "vacancy": application.vacancy.title,
    }
    key = f"agreement:{agreement.id}:{to_status.value}:{now.isoformat()}"
    if to_status is A.AWAITING_UNIVERSITY:
        for office in career_offices(session, agreement.university_id):
            notifications.notify(
                session,
                office,
                kind="agreement.to_confirm",
                title=_l(MESSAGES["graduate_confirmed"], **names),
                link=links.career_agreement(agreement.id),
                dedupe_key=f"{key}:user:{office.id}",
            )
        _tell_employer(session, agreement, "graduate_confirmed_employer", key=key)
    else:
        notifications.notify(
            session,
            application.graduate.user,
            kind="agreement.confirmed",
            title=_l(MESSAGES["confirmed"], **names),
            link=links.graduate_application(application.id),
            dedupe_key=f"{key}:user:{application.graduate.user_id}",
        )
        _tell_employer(session, agreement, "confirmed", key=key)
    audit.record(
        session, user, "agreement.confirm", application.graduate, {"agreement": agreement.id, "status": to_status.value}
    )
    return agreement


def send_back(session, agreement: EmploymentAgreement, user: User, reason: str) -> EmploymentAgreement:
    """The graduate or the career office returns the agreement to the employer, saying what to correct."""
    to_status = _step(session, agreement, user, "return")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_l("Say what should be corrected."), field="reason")
    if len(reason) > MAX_REASON:
        raise ValidationError(_l("The reason may be at most 2,000 characters."), field="reason")
    now = clock.now()
    agreement.status, agreement.returned_at, agreement.returned_by_id = to_status, now, user.id
    agreement.return_reason, agreement.graduate_confirmed_at = reason, None
    _touch(agreement)
    session.flush()
    application = agreement.application
    key = f"agreement:{agreement.id}:returned:{now.isoformat()}"
    _tell_employer(session, agreement, "returned", key=key, reason=reason)
    if user.role is Role.CAREER_OFFICE:
        notifications.notify(
            session,
            application.graduate.user,
            kind="agreement.returned",
            title=_l(MESSAGES["returned"], vacancy=application.vacancy.title, reason=reason[:120]),
            body=reason,
            link=links.graduate_application(application.id),
            dedupe_key=f"{key}:user:{application.graduate.user_id}",
        )
    audit.record(
        session, user, "agreement.return", application.graduate, {"agreement": agreement.id, "reason": reason[:200]}
    )
    return agreement


def career_offices(session, university_id: int | None) -> list[User]:
    """The enabled career-office accounts of a university (who confirm its graduates' agreements)."""
    if university_id is None:
        return []
    return list(
        session.scalars(
            select(User)
            .where(User.role == Role.CAREER_OFFICE, User.university_id == university_id, User.is_enabled.is_(True))
            .order_by(User.id)
        )
    )


def of_university(session, university_id: int, status: AgreementStatus | None = None) -> list[EmploymentAgreement]:
    """A university's agreements (those waiting for it first), for its career office."""
    statement = select(EmploymentAgreement).where(EmploymentAgreement.university_id == university_id)
    if status is not None:
        statement = statement.where(EmploymentAgreement.status == status)
    rows = session.scalars(statement.order_by(EmploymentAgreement.updated_at.desc(), EmploymentAgreement.id.desc()))
    return [
        agreement
        for agreement in sorted(rows, key=lambda a: a.status is not A.AWAITING_UNIVERSITY)
        if agreement.application.graduate.user.erased_at is None
    ]


def _touch(agreement: EmploymentAgreement) -> None:
    agreement.updated_at = clock.now()


def _tell_employer(session, agreement: EmploymentAgreement, message: str, key: str | None = None, **extra) -> None:
    application = agreement.application
    names = {"name": application.graduate.full_name, "vacancy": application.vacancy.title, **extra}
    if "reason" in names:
        names["reason"] = str(names["reason"])[:120]
    key = key or f"agreement:{agreement.id}:{message}"
    for member in employer_users(session, application.vacancy.company_id):
        notifications.notify(
            session,
            member,
            kind=f"agreement.{message}",
            title=_l(MESSAGES[message], **names),
            body=extra.get("reason", ""),
            link=links.employer_agreement(application.id),
            dedupe_key=f"{key}:user:{member.id}",
        )
