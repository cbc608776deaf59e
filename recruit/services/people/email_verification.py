"""Proving an e-mail address: registration sends a link to it; opening the link marks the address verified. Until
then a graduate may use the site but not apply, and an SME may prepare vacancies but not publish them. A link works
once, within a week, and only while the account still has the address it was sent to. Opening an invitation's link
(a company's or a career office's) proves the address as well.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from recruit import clock, links
from recruit.i18n import in_locale
from recruit.i18n import lazy_gettext as _l
from recruit.models import EmailVerification, User
from recruit.services.errors import ValidationError
from recruit.services.messaging import outbox
from recruit.services.oversight import audit
from recruit.services.people.secrets import new_token, token_hash

LIFETIME = timedelta(days=7)


def is_verified(user: User) -> bool:
    """Whether the account's address is proven."""
    return user.email_verified_at is not None


def require_verified(user: User, field: str | None = None) -> None:
    """Refuse, with a message saying what to do, when the account's address is not proven yet."""
    if not is_verified(user):
        raise ValidationError(
            _l(
                "Confirm your e-mail address first: open the link we sent to %(email)s (you can send a new one from "
                "the banner at the top of the page).",
                email=user.email,
            ),
            field=field,
        )


def send_link(session, user: User) -> EmailVerification | None:
    """E-mail a new verification link to the account's address (none when it is proven already)."""
    if is_verified(user):
        return None
    token, hashed = new_token()
    now = clock.now()
    verification = EmailVerification(
        user_id=user.id, email=user.email, token_hash=hashed, created_at=now, expires_at=now + LIFETIME
    )
    session.add(verification)
    session.flush()
    with in_locale(user.locale):
        outbox.enqueue(
            session,
            to_address=user.email,
            user_id=user.id,
            subject=_l("Confirm your e-mail address for recruit"),
            body_text=_l(
                "Welcome to recruit. Open this link within a week to confirm that this address is yours: "
                "%(link)s\n\nUntil then you can look around, but not apply or publish vacancies. If you did not "
                "register, ignore this e-mail.",
                link=links.absolute(links.verify_email(token)),
            ),
            dedupe_key=f"email-verification:{verification.id}",
        )
    return verification


def verify(session, token: str) -> User | None:
    """Mark the address the token was sent to as verified; None for an unknown, used, expired or stale link."""
    verification = session.scalar(select(EmailVerification).where(EmailVerification.token_hash == token_hash(token)))
    now = clock.now()
    if verification is None or verification.used_at is not None or verification.expires_at <= now:
        return None
    user = verification.user
    if user.email != verification.email or not user.is_enabled:
        return None
    user.email_verified_at = user.email_verified_at or now
    session.execute(
        update(EmailVerification)
        .where(EmailVerification.user_id == user.id, EmailVerification.used_at.is_(None))
        .values(used_at=now)
    )
    audit.record(session, user, "account.verify_email", user)
    return user


def proven_by_invitation(user: User) -> None:
    """Mark the address verified: the person opened an invitation sent to it."""
    user.email_verified_at = user.email_verified_at or clock.now()
