"""Writing the audit log."""

from __future__ import annotations

from recruit import clock
from recruit.models import AuditEntry, User


def record(session, actor: User | None, action: str, target=None, detail: dict | None = None,
           ip_address: str | None = None) -> AuditEntry:
    """Add an audit entry for `action` by `actor` on `target` (any model with an id)."""
    entry = AuditEntry(
        actor_id=actor.id if actor is not None else None,
        action=action,
        target_type=target.__tablename__ if target is not None else None,
        target_id=target.id if target is not None else None,
        detail=detail or {},
        ip_address=ip_address,
        created_at=clock.now(),
    )
    session.add(entry)
    session.flush()
    return entry
