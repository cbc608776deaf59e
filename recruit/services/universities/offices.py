"""Career-office accounts: the operator invites a university's first one by e-mail, and a career office invites its
colleagues the same way (as an SME's administrator does); the invited person opens their own account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from recruit import clock, links
from recruit.i18n import lazy_gettext as _l
from recruit.models import CareerOfficeInvitation, Role, University, User
from recruit.services.errors import PermissionDenied, ValidationError
from recruit.services.messaging import outbox
from recruit.services.oversight import audit
from recruit.services.people import accounts, consents, email_verification
from recruit.services.people.secrets import open_invitation, token_hash

INVITATION_LIFETIME = timedelta(days=7)


def _check_inviter(inviter: User, university: University) -> None:
    if inviter.role is Role.OPERATOR:
        return
    if inviter.role is Role.CAREER_OFFICE and inviter.university_id == university.id:
        return
    raise PermissionDenied(_l("Only the operator or the university's career office invites to it."))


def invite(session, university: University, inviter: User, email: str) -> tuple[CareerOfficeInvitation, str]:
    """Invite someone by e-mail to open a career-office account of the university; returns the invitation and its
    secret token (the e-mail carries the link)."""
    _check_inviter(inviter, university)
    if university.closed_on is not None:
        raise ValidationError(_l("This university is closed."), field="email")
    address = accounts.normalize_email(email)
    if accounts.find_by_email(session, address) is not None:
        raise ValidationError(_l("An account with this e-mail address already exists."), field="email")
    invitation, token = open_invitation(
        session,
        CareerOfficeInvitation,
        email=address,
        inviter=inviter,
        lifetime=INVITATION_LIFETIME,
        university_id=university.id,
    )
    outbox.enqueue(
        session,
        to_address=address,
        subject=_l("Open the career office account of %(university)s on recruit", university=university.name),
        body_text=_l(
            "%(name)s invites you to follow the placement of %(university)s's graduates on recruit. "
            "Open this link within 7 days to create your account: %(link)s",
            name=inviter.display_name or inviter.email,
            university=university.name,
            link=links.absolute(links.join_career_office(token)),
        ),
        dedupe_key=f"career-office-invitation:{invitation.id}",
    )
    audit.record(session, inviter, "career_office.invite", university, {"email": address})
    return invitation, token


def invitation_for_token(session, token: str) -> CareerOfficeInvitation | None:
    """The open (unaccepted, unexpired) invitation this token names, or None."""
    invitation = session.scalar(
        select(CareerOfficeInvitation).where(CareerOfficeInvitation.token_hash == token_hash(token))
    )
    if invitation is None or invitation.accepted_at is not None or invitation.expires_at <= clock.now():
        return None
    return invitation


def accept(
    session,
    invitation: CareerOfficeInvitation,
    *,
    password: str,
    display_name: str,
    has_consented: bool,
    locale: str | None = None,
) -> User:
    """Open the invited person's career-office account (with the invited address) and close the invitation."""
    if not has_consented:
        raise ValidationError(_l("You must accept the privacy notice to register."), field="consent")
    if not (display_name or "").strip():
        raise ValidationError(_l("Enter your name."), field="display_name")
    user = accounts.create_user(
        session,
        role=Role.CAREER_OFFICE,
        email=invitation.email,
        password=password,
        display_name=display_name,
        university_id=invitation.university_id,
    )
    user.locale = locale
    consents.accept_notice(session, user)
    email_verification.proven_by_invitation(user)
    invitation.accepted_at, invitation.accepted_by_id = clock.now(), user.id
    session.flush()
    audit.record(session, user, "career_office.join", invitation.university, {"invitation": invitation.id})
    return user


@dataclass(frozen=True)
class OfficeMembers:
    """A university's career-office accounts and the invitations still open."""

    accounts: list[User]
    pending: list[tuple[str, datetime]]  # invited address, until when the link works


def members(session, university_id: int) -> OfficeMembers:
    """The university's career-office accounts, and the open invitations to it."""
    users = session.scalars(
        select(User).where(User.role == Role.CAREER_OFFICE, User.university_id == university_id).order_by(User.email)
    ).all()
    pending = session.execute(
        select(CareerOfficeInvitation.email, CareerOfficeInvitation.expires_at)
        .where(
            CareerOfficeInvitation.university_id == university_id,
            CareerOfficeInvitation.accepted_at.is_(None),
            CareerOfficeInvitation.expires_at > clock.now(),
        )
        .order_by(CareerOfficeInvitation.email)
    ).all()
    return OfficeMembers(list(users), [tuple(row) for row in pending])
