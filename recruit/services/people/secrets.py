"""Secret tokens handed out in links and cookies: only their hash is stored, so a leaked table hands out nothing."""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> tuple[str, str]:
    """A new random token and the hash to store for it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode()).hexdigest()
