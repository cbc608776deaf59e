"""Server-side log-in sessions: a cookie names a row here, and revoking the row ends the session."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select, update

from recruit import clock
from recruit.models import User, UserSession
from recruit.services.people.secrets import new_token, token_hash


def start_session(
    session, user: User, lifetime: timedelta, ip_address: str | None = None, user_agent: str | None = None
) -> str:
    """Open a session for `user` and return its secret token (only its hash is stored)."""
    token, hashed = new_token()
    now = clock.now()
    session.add(
        UserSession(
            user_id=user.id,
            token_hash=hashed,
            created_at=now,
            last_seen_at=now,
            expires_at=now + lifetime,
            ip_address=ip_address,
            user_agent=(user_agent or "")[:255] or None,
        )
    )
    user.last_login_at = now
    session.flush()
    return token


def user_for_token(session, user_id: int, token: str | None) -> User | None:
    """Return the user whose live (unrevoked, unexpired) session `token` is, or None."""
    if not token:
        return None
    row = session.scalar(select(UserSession).where(UserSession.token_hash == token_hash(token)))
    if row is None or row.user_id != user_id or row.revoked_at is not None or row.expires_at <= clock.now():
        return None
    return row.user


def has_logged_in_from(session, user_id: int, ip_address: str | None) -> bool:
    """Whether the account ever logged in successfully from `ip_address` (sessions are kept 30 days after they end)."""
    if not ip_address:
        return False
    return (
        session.scalar(
            select(UserSession.id).where(UserSession.user_id == user_id, UserSession.ip_address == ip_address).limit(1)
        )
        is not None
    )


def revoke_session(session, token: str | None) -> None:
    """End the session named by `token`."""
    if token:
        session.execute(
            update(UserSession)
            .where(UserSession.token_hash == token_hash(token), UserSession.revoked_at.is_(None))
            .values(revoked_at=clock.now())
        )


def revoke_other_sessions(session, user: User, keep_token: str | None = None) -> None:
    """End every session of `user` except the one named by `keep_token`."""
    query = update(UserSession).where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
    if keep_token:
        query = query.where(UserSession.token_hash != token_hash(keep_token))
    session.execute(query.values(revoked_at=clock.now()))


def purge_expired_sessions(session, older_than: timedelta = timedelta(days=30)) -> int:
    """Delete sessions that ended more than `older_than` ago; return how many."""
    cutoff = clock.now() - older_than
    result = session.execute(
        delete(UserSession).where((UserSession.expires_at < cutoff) | (UserSession.revoked_at < cutoff))
    )
    return result.rowcount or 0
