"""A log-in waiting for its second step: after the right password, the signed cookie holds who is logging in (for
five minutes, five tries), and only the second step's page completes it."""

from __future__ import annotations

from flask import session

from recruit import clock

PENDING_KEY = "two_step"
LIFETIME_SECONDS = 300
MAX_TRIES = 5


def start_two_step(user, remember: bool, target: str | None) -> None:
    """Remember, in the cookie, that `user` gave the right password and still owes the second step."""
    session[PENDING_KEY] = {
        "user": user.id,
        "at": int(clock.now().timestamp()),
        "remember": remember,
        "next": target,
        "tries": 0,
    }


def pending() -> dict | None:
    """The log-in waiting for its second step, unless none, too old or out of tries."""
    waiting = session.get(PENDING_KEY)
    if not isinstance(waiting, dict):
        return None
    too_old = int(clock.now().timestamp()) - int(waiting.get("at", 0)) > LIFETIME_SECONDS
    if too_old or int(waiting.get("tries", 0)) >= MAX_TRIES:
        session.pop(PENDING_KEY, None)
        return None
    return waiting


def count_failure() -> int:
    """Count a wrong code; return how many tries are left (none ends the pending log-in)."""
    waiting = session.get(PENDING_KEY) or {}
    waiting["tries"] = int(waiting.get("tries", 0)) + 1
    session[PENDING_KEY] = waiting
    left = MAX_TRIES - waiting["tries"]
    if left <= 0:
        session.pop(PENDING_KEY, None)
    return max(0, left)


def finish() -> None:
    """Forget the pending log-in (it is complete, or abandoned)."""
    session.pop(PENDING_KEY, None)
