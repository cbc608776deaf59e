"""Delivering the e-mail outbox: claim due rows, send them on one SMTP connection, retry with back-off.

Each batch is three steps, so that no transaction is open while the SMTP server is talked to:

1. **claim** (a short transaction, committed): due rows become `sending` until `next_attempt_at` = now +
   CLAIM_TIMEOUT. Rows are locked with FOR UPDATE SKIP LOCKED on PostgreSQL, so several deliverers can run side
   by side and never claim the same message; on SQLite the claim's write transaction serialises them.
2. **send** (no transaction): over one connection; nothing is written.
3. **record** (a short transaction, committed): sent rows become `sent`; refused or unreachable ones wait with
   a growing back-off (or fail after MAX_ATTEMPTS).

Crash and resume: a message is sent at most once, except the batch in flight when the process dies (between
1 and 3): its claim runs out and it is sent again, with the same Message-ID, so receiving systems can recognise
the duplicate. If recording fails (the database went away), the same holds: the claim runs out.
"""

from __future__ import annotations

import logging
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from recruit import clock
from recruit.models import OutboxEmail, OutboxStatus
from recruit.smtp import MailboxSettings, SMTPSettings, build_message, open_transport

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)
# Longer than a batch can take to send (200 messages, a 15 s timeout per step); after it the claim runs out.
CLAIM_TIMEOUT = timedelta(minutes=15)
RECORD_ATTEMPTS = 3


@dataclass
class DeliveryReport:
    sent: int = 0
    deferred: int = 0
    failed: int = 0


@dataclass(frozen=True)
class Claimed:
    """A claimed message, read into memory: sending it needs no database."""

    id: int
    message: EmailMessage


@dataclass(frozen=True)
class Outcome:
    """What the SMTP server said about one claimed message: error None means accepted."""

    id: int
    error: str | None = None


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the n-th failed attempt: 1, 2, 4, … minutes, at most 6 hours."""
    return min(FIRST_RETRY * (2 ** max(0, attempts - 1)), LONGEST_RETRY)


def claim_due(session, limit: int, sender: str) -> list[Claimed]:
    """Claim up to `limit` messages due now (or whose earlier claim ran out), oldest first; flushed, the caller
    commits before sending. Rows locked by another deliverer are skipped."""
    now = clock.now()
    rows = list(
        session.scalars(
            select(OutboxEmail)
            .where(
                OutboxEmail.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING]), OutboxEmail.next_attempt_at <= now
            )
            .order_by(OutboxEmail.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    claimed = []
    for row in rows:
        row.status = OutboxStatus.SENDING
        row.next_attempt_at = now + CLAIM_TIMEOUT
        claimed.append(
            Claimed(
                row.id,
                build_message(
                    sender=sender,
                    to_address=row.to_address,
                    subject=row.subject,
                    body_text=row.body_text,
                    body_html=row.body_html,
                    message_id=row.message_id,
                ),
            )
        )
    session.flush()
    return claimed


def send_claimed(settings: SMTPSettings | MailboxSettings, claimed: list[Claimed]) -> list[Outcome]:
    """Send the claimed messages over one connection; return each one's outcome (touches no database)."""
    outcomes: list[Outcome] = []
    try:
        with open_transport(settings) as smtp:
            for item in claimed:
                try:
                    smtp.send(item.message)
                except smtplib.SMTPRecipientsRefused as refused:  # this address only: the rest go on
                    outcomes.append(Outcome(item.id, _describe(refused)))
                    continue
                outcomes.append(Outcome(item.id))
    except (smtplib.SMTPException, OSError) as error:
        # The server is away (or dropped us): what was accepted stays sent, the rest waits and is retried.
        done = {outcome.id for outcome in outcomes}
        outcomes.extend(Outcome(item.id, _describe(error)) for item in claimed if item.id not in done)
    return outcomes


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def record_outcomes(session, outcomes: list[Outcome]) -> DeliveryReport:
    """Mark accepted messages sent and put the others back with their back-off (flushed; the caller commits)."""
    report = DeliveryReport()
    rows = {
        row.id: row
        for row in session.scalars(
            select(OutboxEmail).where(
                OutboxEmail.id.in_([outcome.id for outcome in outcomes]), OutboxEmail.status == OutboxStatus.SENDING
            )
        )
    }
    now = clock.now()
    for outcome in outcomes:
        email = rows.get(outcome.id)
        if email is None:  # its claim ran out and another deliverer took it over: theirs is the record
            continue
        email.attempts += 1
        if outcome.error is None:
            email.status = OutboxStatus.SENT
            email.sent_at = now
            report.sent += 1
            continue
        email.last_error = outcome.error
        if email.attempts >= MAX_ATTEMPTS:
            email.status = OutboxStatus.FAILED
            report.failed += 1
            log.error("giving up on e-mail %s after %d attempts: %s", email.id, email.attempts, email.last_error)
        else:
            email.status = OutboxStatus.PENDING
            email.next_attempt_at = now + retry_delay(email.attempts)
            report.deferred += 1
    session.flush()
    return report


def deliver_batch(
    session,
    settings: SMTPSettings | MailboxSettings,
    sender: str,
    *,
    commit_batch: Callable[[], None],
    limit: int = 200,
) -> DeliveryReport:
    """Claim, send and record one batch, committing the claim and the record each in its own short transaction
    (the batch is the unit of work: see the module's crash rules); return the counts."""
    claimed = claim_due(session, limit, sender)
    commit_batch()
    if not claimed:
        return DeliveryReport()
    outcomes = send_claimed(settings, claimed)
    for attempt in range(1, RECORD_ATTEMPTS + 1):
        try:
            report = record_outcomes(session, outcomes)
            commit_batch()
            return report
        except OperationalError:  # the database is away for a moment: what was sent must not be sent again
            session.rollback()
            if attempt == RECORD_ATTEMPTS:
                raise
            log.warning("could not record the outcome of %d e-mails (attempt %d); retrying", len(outcomes), attempt)
            time.sleep(attempt)
    raise AssertionError("unreachable")


def deliver_due(
    session,
    settings: SMTPSettings | MailboxSettings,
    sender: str,
    *,
    commit_batch: Callable[[], None],
    batch_size: int = 200,
    max_batches: int = 50,
) -> DeliveryReport:
    """Deliver batches until nothing is due (or `max_batches` were sent); return the totals."""
    total = DeliveryReport()
    for _ in range(max_batches):
        report = deliver_batch(session, settings, sender, commit_batch=commit_batch, limit=batch_size)
        total.sent += report.sent
        total.deferred += report.deferred
        total.failed += report.failed
        if report.sent + report.deferred + report.failed < batch_size or report.deferred:
            break
    return total
