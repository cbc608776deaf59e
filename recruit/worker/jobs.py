"""What each scheduled job does; each runs in an app context and commits once."""

from __future__ import annotations

import logging

from recruit.extensions import db
from recruit.services import sessions

log = logging.getLogger("recruit.worker")


def purge_sessions() -> int:
    """Delete log-in sessions that ended long ago."""
    removed = sessions.purge_expired_sessions(db.session)
    db.session.commit()
    return removed
