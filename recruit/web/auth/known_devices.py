"""Browsers and addresses an account has logged in from before: the per-account log-in limit spares them.

The per-account limit stops password guessing spread over many addresses; counted alone, it would let a
stranger lock the owner out with ten wrong passwords. So it counts only failures from browsers and addresses
that never logged in to that account, and never refuses the owner's known browser or address (those are held
only by the per-address limit).
"""

from __future__ import annotations

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

from recruit.extensions import db
from recruit.services.people import accounts, sessions

COOKIE = "recruit_known"
REMEMBERED_ACCOUNTS = 10
COOKIE_SECONDS = 365 * 24 * 3600


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="known-device")


def known_account_ids() -> list[int]:
    """The accounts this browser has logged in to (from its signed cookie)."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return []
    try:
        ids = _serializer().loads(raw)
    except BadSignature:
        return []
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


def remember(response, user_id: int):
    """Mark this browser as one `user_id` logged in from (kept a year, at most ten accounts)."""
    ids = [user_id] + [i for i in known_account_ids() if i != user_id]
    response.set_cookie(
        COOKIE,
        _serializer().dumps(ids[:REMEMBERED_ACCOUNTS]),
        max_age=COOKIE_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response


def is_known_to_account() -> bool:
    """Whether this log-in attempt comes from a browser or address that logged in to the account it names."""
    user = accounts.find_by_email(db.session, request.form.get("email") or "")
    if user is None:
        return False
    return user.id in known_account_ids() or sessions.has_logged_in_from(db.session, user.id, request.remote_addr)
