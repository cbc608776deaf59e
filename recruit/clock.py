"""The one clock: services ask it for "now" and "today" so tests can move time instead of sleeping.

"Today" is the calendar date in the campaign's time zone, configured once (create_app reads RECRUIT_TIMEZONE);
every deadline, "open for applications" rule, campaign day and scheduled task uses it.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from recruit.config import DEFAULT_TIMEZONE

_lock = threading.Lock()
_frozen: datetime | None = None
_offset = timedelta(0)
_zone = ZoneInfo(DEFAULT_TIMEZONE)


def configure(timezone: str) -> None:
    """Set the campaign's time zone (an IANA name) that "today" and local times are in."""
    global _zone
    _zone = ZoneInfo(timezone)


def zone() -> ZoneInfo:
    """The campaign's time zone."""
    return _zone


def _real_now() -> datetime:
    return datetime.now(UTC)


def now() -> datetime:
    """Return the current time as an aware UTC datetime (frozen or shifted by tests)."""
    with _lock:
        if _frozen is not None:
            return _frozen
        return _real_now() + _offset


def today() -> date:
    """Return today's calendar date in the campaign's time zone."""
    return now().astimezone(_zone).date()


def set_now(moment: datetime | None) -> None:
    """Freeze the clock at `moment` (aware), or unfreeze it with None."""
    global _frozen
    if moment is not None and moment.tzinfo is None:
        raise ValueError("set_now needs an aware datetime")
    with _lock:
        _frozen = moment.astimezone(UTC) if moment is not None else None


def advance(delta: timedelta) -> None:
    """Move the clock forward by `delta`, frozen or running."""
    global _frozen, _offset
    with _lock:
        if _frozen is not None:
            _frozen = _frozen + delta
        else:
            _offset = _offset + delta


def reset() -> None:
    """Return to real time."""
    global _frozen, _offset
    with _lock:
        _frozen = None
        _offset = timedelta(0)


@contextmanager
def frozen_at(moment: datetime):
    """Freeze the clock at `moment` for the duration of a with-block."""
    set_now(moment)
    try:
        yield
    finally:
        reset()
