"""Whether this deployment can do its work, for load balancers and operators: the database answers, the worker
holds its lease, and neither the outbox nor the embedding backlog has piled up."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, select, text

from recruit import clock
from recruit.models import Lease, OutboxEmail, OutboxStatus
from recruit.services.discovery.embeddings import count_pending

SCHEDULER_LEASE = "scheduler"
# Beyond these the deployment is not ready: mail waits far longer than delivery takes, or changed profiles wait
# far longer than the worker needs to embed them (it keeps up with about 80 a second).
MAX_OUTBOX_DUE = 10_000
MAX_OUTBOX_AGE = timedelta(minutes=30)
MAX_EMBEDDING_BACKLOG = 50_000


@dataclass
class Readiness:
    """Each check's outcome and what it saw."""

    checks: dict[str, bool] = field(default_factory=dict)
    figures: dict[str, object] = field(default_factory=dict)

    @property
    def ready(self) -> bool:
        """True when every check passed."""
        return all(self.checks.values())


def check_database(session) -> bool:
    """The database answers a query."""
    session.execute(text("SELECT 1"))
    return True


def readiness(session, model_name: str, embedding_backlog=None) -> Readiness:
    """Run every check; `embedding_backlog` may give the (costlier) backlog count from a cache."""
    result = Readiness()
    result.checks["database"] = check_database(session)
    now = clock.now()
    lease = session.get(Lease, SCHEDULER_LEASE)
    result.checks["worker"] = lease is not None and lease.expires_at > now
    result.figures["worker_lease_expires_at"] = lease.expires_at.isoformat() if lease else None
    due = (OutboxEmail.status == OutboxStatus.PENDING) & (OutboxEmail.next_attempt_at <= now)
    waiting, oldest = session.execute(select(func.count(), func.min(OutboxEmail.next_attempt_at)).where(due)).one()
    result.figures["outbox_due"] = waiting
    result.figures["outbox_oldest_due_seconds"] = int((now - oldest).total_seconds()) if oldest else 0
    result.checks["outbox"] = waiting <= MAX_OUTBOX_DUE and (oldest is None or now - oldest <= MAX_OUTBOX_AGE)
    backlog = embedding_backlog() if embedding_backlog else count_pending(session, model_name)
    result.figures["embedding_backlog"] = backlog
    result.checks["embedding"] = backlog <= MAX_EMBEDDING_BACKLOG
    return result
