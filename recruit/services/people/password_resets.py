"""Choosing a new password through a link sent by e-mail: the link works once, within an hour; asking never tells
whether an address has an account; a reset ends every session of the account."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from recruit import clock, links
from recruit.i18n import in_locale
from recruit.i18n import lazy_gettext as _l
from recruit.models import PasswordReset, User
from recruit.services.errors import ValidationError
from recruit.services.messaging import outbox
from recruit.services.oversight import audit
from recruit.services.people import accounts, sessions
from recruit.services.people.passwords import hash_password, password_problem
from recruit.services.people.secrets import new_token, token_hash

LIFETIME = timedelta(hours=1)


def request_reset(session, email: str) -> None:
    """E-mail a reset link to the account with this address, if there is one (the caller says the same either way)."""
    user = accounts.find_by_email(session, email)
    if user is None or not user.is_enabled:
        return
    token, hashed = new_token()
    now = clock.now()
    reset = PasswordReset(user_id=user.id, token_hash=hashed, created_at=now, expires_at=now + LIFETIME)
    session.add(reset)
    session.flush()
    with in_locale(user.locale):
        outbox.enqueue(
            session,
            to_address=user.email,
            user_id=user.id,
            subject=_l("Choose a new password for recruit"),
            body_text=_l(
                "Someone asked to reset the password of your recruit account. Open this link within an hour to "
                "choose a new one: %(link)s\n\nIf it was not you, ignore this e-mail: your password stays as it is.",
                link=links.absolute(links.reset_password(token)),
            ),
            dedupe_key=f"password-reset:{reset.id}",
        )
    audit.record(session, user, "account.reset_requested", user)


def reset_for_token(session, token: str) -> PasswordReset | None:
    """The unused, unexpired reset this token names, or None."""
    reset = session.scalar(select(PasswordReset).where(PasswordReset.token_hash == token_hash(token)))
    if reset is None or reset.used_at is not None or reset.expires_at <= clock.now() or not reset.user.is_enabled:
        return None
    return reset


def reset_password(session, reset: PasswordReset, new_password: str) -> User:
    """Set the new password, use up this and every other open reset of the account, and end all its sessions."""
    user = reset.user
    problem = password_problem(new_password, user.email)
    if problem:
        raise ValidationError(problem, field="password")
    now = clock.now()
    user.password_hash = hash_password(new_password)
    session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
    )
    sessions.revoke_other_sessions(session, user)
    audit.record(session, user, "account.reset_password", user)
    return user
