"""Secret tokens handed out in links and cookies: only their hash is stored, so a leaked table hands out nothing."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from recruit import clock


def new_token() -> tuple[str, str]:
    """A new random token and the hash to store for it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def open_invitation(session, model, *, email: str, inviter, lifetime: timedelta, **fields):
    """Add an invitation row of `model` (an InvitationMixin) for `email`, valid for `lifetime`; return it and the
    secret token its link carries (only the hash is stored)."""
    token, hashed = new_token()
    now = clock.now()
    invitation = model(
        email=email, token_hash=hashed, invited_by_id=inviter.id, created_at=now, expires_at=now + lifetime, **fields
    )
    session.add(invitation)
    session.flush()
    return invitation, token
