"""A named lease in the database: whoever holds it unexpired is the one scheduler."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError

from recruit import clock
from recruit.models import Lease


def try_acquire(session, name: str, holder: str, ttl: timedelta) -> bool:
    """Take or renew the lease `name` for `holder`; return whether `holder` now holds it."""
    now = clock.now()
    taken = session.execute(
        update(Lease)
        .where(Lease.name == name, (Lease.holder == holder) | (Lease.expires_at < now))
        .values(holder=holder, acquired_at=now, expires_at=now + ttl)
    ).rowcount
    if taken:
        session.commit()
        return True
    try:
        session.execute(insert(Lease).values(name=name, holder=holder, acquired_at=now, expires_at=now + ttl))
        session.commit()
        return True
    except IntegrityError:
        session.rollback()
        return False


def release(session, name: str, holder: str) -> None:
    """Give the lease up at once so another worker can take over without waiting for expiry."""
    session.execute(update(Lease).where(Lease.name == name, Lease.holder == holder).values(expires_at=clock.now()))
    session.commit()


def current_holder(session, name: str) -> str | None:
    """Return who holds the lease now, or None when nobody does."""
    lease = session.get(Lease, name, populate_existing=True)
    if lease is None or lease.expires_at <= clock.now():
        return None
    return lease.holder
