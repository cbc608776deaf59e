"""SME registration, verification by the operator, and colleagues invited by e-mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from recruit import clock, links
from recruit.i18n import lazy_gettext as _l
from recruit.labels import label
from recruit.models import Company, CompanyInvitation, CompanyMember, CompanyStatus, Role, SizeClass, User
from recruit.reference import sme_size, uscc
from recruit.reference.industries import SECTION_CODES
from recruit.reference.regions import PROVINCE_BY_CODE
from recruit.services.errors import PermissionDenied, ValidationError
from recruit.services.messaging import outbox
from recruit.services.oversight import audit
from recruit.services.people import email_verification
from recruit.services.people.accounts import normalize_email
from recruit.services.people.secrets import open_invitation, token_hash
from recruit.services.web_addresses import clean_web_address

INVITATION_LIFETIME = timedelta(days=7)


@dataclass
class CompanyDetails:
    """What an employer enters to register (or correct) their company."""

    name: str
    uscc: str
    industry: str
    industry_division: str | None
    province_code: str
    city: str
    employees: int | None
    annual_revenue: int | None
    total_assets: int | None = None
    is_specialised: bool = False
    description: str = ""
    website: str | None = None
    contact_name: str = ""
    contact_phone: str | None = None


def company_of(user: User) -> Company | None:
    """Return the company an employer acts for, or None."""
    membership = user.company_membership
    return membership.company if membership is not None else None


def employer_users(session, company_id: int) -> list[User]:
    """The employer accounts acting for a company."""
    return list(
        session.scalars(
            select(User)
            .join(CompanyMember, CompanyMember.user_id == User.id)
            .where(CompanyMember.company_id == company_id)
            .order_by(User.id)
        )
    )


def size_class_for(details: CompanyDetails) -> SizeClass | None:
    """Classify under the 2011 SME rules; raise ValidationError for a large company or a non-enterprise."""
    if details.industry not in SECTION_CODES:
        raise ValidationError(_l("Choose an industry."), field="industry")
    sector = sme_size.sector_for(details.industry, details.industry_division)
    if details.industry in sme_size.DIVISION_SECTORS and sector is None:
        raise ValidationError(_l("Choose the part of this industry your company is in."), field="industry_division")
    measures = {"emp": details.employees, "rev": details.annual_revenue, "assets": details.total_assets}
    fields = {"emp": "employees", "rev": "annual_revenue", "assets": "total_assets"}
    for measure in sorted(sme_size.required_measures(sector) if sector else ()):
        if measures[measure] is None:
            raise ValidationError(_l("The SME rules for this industry need this figure."), field=fields[measure])
    outcome = sme_size.classify(
        details.industry, details.industry_division, details.employees, details.annual_revenue, details.total_assets
    )
    if outcome is sme_size.Outcome.NOT_ENTERPRISE:
        raise ValidationError(
            _l("Public administration and international organisations are not enterprises and cannot take part."),
            field="industry",
        )
    if outcome is sme_size.Outcome.LARGE:
        raise ValidationError(
            _l(
                "By the 2011 SME classification rules this company is above the medium size "
                "for its industry, so it cannot take part in an SME campaign."
            ),
            field="employees",
        )
    if outcome is sme_size.Outcome.MANUAL:
        return None  # finance follows its own standard: the operator sets the class during verification
    return SizeClass(outcome.value)


def _check_details(details: CompanyDetails) -> str:
    problem = uscc.problem(details.uscc)
    if problem:
        raise ValidationError(problem, field="uscc")
    if not details.name.strip():
        raise ValidationError(_l("Enter the company's registered name."), field="name")
    if details.province_code not in PROVINCE_BY_CODE:
        raise ValidationError(_l("Choose a province."), field="province_code")
    if not details.city.strip():
        raise ValidationError(_l("Enter the city."), field="city")
    return uscc.normalize(details.uscc)


def register_company(session, user: User, details: CompanyDetails) -> Company:
    """Register the employer's company; it waits, pending, for the operator's verification."""
    if user.role is not Role.EMPLOYER:
        raise PermissionDenied(_l("Only employer accounts register companies."))
    if company_of(user) is not None:
        raise ValidationError(_l("Your account already belongs to a company."), field="name")
    code = _check_details(details)
    size_class = size_class_for(details)
    if session.scalar(select(Company.id).where(Company.uscc == code)) is not None:
        raise ValidationError(
            _l(
                "A company with this unified social credit code is already registered; ask "
                "its administrator to invite you."
            ),
            field="uscc",
        )
    company = Company(
        name=details.name.strip(),
        uscc=code,
        industry=details.industry,
        industry_division=details.industry_division,
        province_code=details.province_code,
        city=details.city.strip(),
        employees=details.employees,
        annual_revenue=details.annual_revenue,
        total_assets=details.total_assets,
        size_class=size_class,
        is_specialised=details.is_specialised,
        description=details.description.strip(),
        website=clean_web_address(details.website, "website"),
        contact_name=details.contact_name.strip(),
        contact_phone=(details.contact_phone or "").strip() or None,
        status=CompanyStatus.PENDING,
    )
    try:
        with session.begin_nested():
            session.add(company)
            session.flush()
    except IntegrityError as exc:
        raise ValidationError(
            _l("A company with this unified social credit code is already registered."), field="uscc"
        ) from exc
    session.add(CompanyMember(company_id=company.id, user_id=user.id, is_admin=True))
    audit.record(session, user, "company.register", company, {"uscc": code})
    return company


# Who the company is: changing one of these on a verified company sends it back to the operator's queue.
IDENTITY_FIELDS = ("name", "industry", "industry_division")


def update_company(session, user: User, company: Company, details: CompanyDetails) -> bool:
    """Correct the company's profile (its credit code stays); return whether it must be verified again.

    The size class follows the new figures; a verified company whose name or industry changed goes back to
    pending verification, since that is what the operator checked.
    """
    membership = user.company_membership
    if membership is None or membership.company_id != company.id or not membership.is_admin:
        raise PermissionDenied(_l("Only the company's administrator edits its profile."))
    _check_details(CompanyDetails(**{**details.__dict__, "uscc": company.uscc}))
    size_class = size_class_for(details)
    website = clean_web_address(details.website, "website")
    new_identity = (details.name.strip(), details.industry, details.industry_division)
    reverify = company.status is CompanyStatus.VERIFIED and new_identity != tuple(
        getattr(company, field) for field in IDENTITY_FIELDS
    )
    company.name, company.industry, company.industry_division = new_identity
    company.province_code, company.city = details.province_code, details.city.strip()
    company.employees, company.annual_revenue = details.employees, details.annual_revenue
    company.total_assets, company.is_specialised = details.total_assets, details.is_specialised
    if size_class is not None or company.industry != "J":
        company.size_class = size_class
    company.description, company.website = details.description.strip(), website
    company.contact_name = details.contact_name.strip()
    company.contact_phone = (details.contact_phone or "").strip() or None
    if reverify:
        company.status = CompanyStatus.PENDING
        company.status_reason = None
    session.flush()
    audit.record(session, user, "company.update", company, {"status": company.status.value})
    return reverify


def can_publish(company: Company) -> bool:
    """Only a verified company may publish vacancies."""
    return company.status is CompanyStatus.VERIFIED


def pending_companies(session) -> list[Company]:
    """The operator's queue: companies waiting for verification, oldest first."""
    return list(
        session.scalars(
            select(Company).where(Company.status == CompanyStatus.PENDING).order_by(Company.created_at, Company.id)
        )
    )


def decide(
    session,
    company: Company,
    decision: CompanyStatus,
    operator: User,
    reason: str = "",
    size_class: SizeClass | None = None,
) -> None:
    """Verify, reject or suspend a company; a rejection or suspension carries the reason the company sees."""
    reason = (reason or "").strip()
    allowed = {
        CompanyStatus.VERIFIED: {CompanyStatus.PENDING, CompanyStatus.SUSPENDED, CompanyStatus.REJECTED},
        CompanyStatus.REJECTED: {CompanyStatus.PENDING},
        CompanyStatus.SUSPENDED: {CompanyStatus.VERIFIED},
    }
    if decision not in allowed or company.status not in allowed[decision]:
        raise ValidationError(
            _l("A company that is %(status)s cannot be given that decision.", status=label(company.status)),
            field="decision",
        )
    if decision in (CompanyStatus.REJECTED, CompanyStatus.SUSPENDED) and not reason:
        raise ValidationError(_l("Give the reason the company will see."), field="reason")
    if decision is CompanyStatus.VERIFIED:
        if size_class is not None:
            company.size_class = size_class
        if company.size_class is None:
            raise ValidationError(
                _l("Set the size class of this financial company before verifying it."), field="size_class"
            )
        company.verified_at = clock.now()
    previous = company.status
    company.status = decision
    company.status_reason = reason or None
    audit.record(
        session,
        operator,
        f"company.{decision.value}",
        company,
        {
            "from": previous.value,
            "reason": reason,
            "size_class": company.size_class.value if company.size_class else None,
        },
    )


def invite_colleague(session, company: Company, inviter: User, email: str) -> tuple[CompanyInvitation, str]:
    """Invite a colleague by e-mail; return the invitation and its secret token (for the link)."""
    membership = inviter.company_membership
    if membership is None or membership.company_id != company.id or not membership.is_admin:
        raise PermissionDenied(_l("Only the company's administrator invites colleagues."))
    address = normalize_email(email)
    existing = session.scalar(select(User).where(User.email == address))
    if existing is not None and existing.company_membership is not None:
        raise ValidationError(_l("This person already belongs to a company."), field="email")
    invitation, token = open_invitation(
        session, CompanyInvitation, email=address, inviter=inviter, lifetime=INVITATION_LIFETIME, company_id=company.id
    )
    link = links.absolute(links.join_company(token))
    outbox.enqueue(
        session,
        to_address=address,
        subject=_l("%(company)s invites you to recruit", company=company.name),
        body_text=_l(
            "%(name)s invites you to hire graduates for %(company)s on recruit. "
            "Open this link within 7 days to join: %(link)s",
            name=inviter.display_name,
            company=company.name,
            link=link,
        ),
        dedupe_key=f"company-invitation:{invitation.id}",
    )
    audit.record(session, inviter, "company.invite", company, {"email": address})
    return invitation, token


def invitation_for_token(session, token: str) -> CompanyInvitation | None:
    """Return the open (unaccepted, unexpired) invitation this token names, or None."""
    invitation = session.scalar(select(CompanyInvitation).where(CompanyInvitation.token_hash == token_hash(token)))
    if invitation is None or invitation.accepted_at is not None or invitation.expires_at <= clock.now():
        return None
    return invitation


def check_may_accept(invitation: CompanyInvitation, user: User) -> None:
    """Raise why `user` may not accept `invitation` (wrong role, another address, already in a company)."""
    if user.role is not Role.EMPLOYER:
        raise PermissionDenied(_l("Only employer accounts can join a company."))
    if user.email != invitation.email:
        raise PermissionDenied(_l("This invitation was sent to another e-mail address."))
    if user.company_membership is not None:
        raise ValidationError(_l("Your account already belongs to a company."), field="email")


def accept_invitation(session, invitation: CompanyInvitation, user: User) -> CompanyMember:
    """Make `user` (an employer without a company, with the invited address) a member of the company."""
    check_may_accept(invitation, user)
    email_verification.proven_by_invitation(user)
    member = CompanyMember(company_id=invitation.company_id, user_id=user.id, is_admin=False)
    session.add(member)
    invitation.accepted_at = clock.now()
    invitation.accepted_by_id = user.id
    session.flush()
    audit.record(session, user, "company.join", invitation.company, {"invitation": invitation.id})
    return member
