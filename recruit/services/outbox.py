"""Delivering the e-mail outbox: claim due rows, send them on one SMTP connection, retry with back-off.

Rows are claimed with FOR UPDATE SKIP LOCKED (PostgreSQL), so several deliverers can run side by side; on
SQLite there is one writer at a time anyway. A message is marked sent only after the server accepted it,
in a transaction of its own batch: a crash between the two re-sends at most that message, with the same
Message-ID, so receiving systems can recognise the duplicate.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from recruit import clock
from recruit.mailer import SMTPConnection, SMTPSettings, build_message
from recruit.models import OutboxEmail, OutboxStatus

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)


@dataclass
class DeliveryReport:
    sent: int = 0
    deferred: int = 0
    failed: int = 0


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the n-th failed attempt: 1, 2, 4, … minutes, at most 6 hours."""
    return min(FIRST_RETRY * (2 ** max(0, attempts - 1)), LONGEST_RETRY)


def claim_due(session, limit: int) -> list[OutboxEmail]:
    """Lock and return up to `limit` messages due now, oldest first (others' locked rows are skipped)."""
    return list(session.scalars(
        select(OutboxEmail)
        .where(OutboxEmail.status == OutboxStatus.PENDING, OutboxEmail.next_attempt_at <= clock.now())
        .order_by(OutboxEmail.id).limit(limit)
        .with_for_update(skip_locked=True)
    ))


def _defer(email: OutboxEmail, error: Exception, report: DeliveryReport) -> None:
    email.attempts += 1
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    if email.attempts >= MAX_ATTEMPTS:
        email.status = OutboxStatus.FAILED
        report.failed += 1
        log.error("giving up on e-mail %s after %d attempts: %s", email.id, email.attempts, email.last_error)
    else:
        email.next_attempt_at = clock.now() + retry_delay(email.attempts)
        report.deferred += 1


def deliver_batch(session, settings: SMTPSettings, sender: str, limit: int = 200) -> DeliveryReport:
    """Send one batch of due messages over one connection and commit the outcome; return the counts."""
    report = DeliveryReport()
    settled: set[int] = set()  # sent, or deferred on their own
    batch = claim_due(session, limit)
    if not batch:
        session.commit()
        return report
    try:
        with SMTPConnection(settings) as smtp:
            for email in batch:
                message = build_message(sender=sender, to_address=email.to_address, subject=email.subject,
                                        body_text=email.body_text, body_html=email.body_html,
                                        message_id=email.message_id)
                try:
                    smtp.send(message)
                except smtplib.SMTPRecipientsRefused as refused:  # this address only: the rest go on
                    _defer(email, refused, report)
                    settled.add(email.id)
                    continue
                email.status = OutboxStatus.SENT
                email.sent_at = clock.now()
                email.attempts += 1
                settled.add(email.id)
                report.sent += 1
    except (smtplib.SMTPException, OSError) as error:
        # The server is away (or dropped us): what was accepted stays sent, the rest waits and is retried.
        for email in batch:
            if email.id not in settled:
                _defer(email, error, report)
    session.commit()
    return report


def deliver_due(session, settings: SMTPSettings, sender: str, batch_size: int = 200,
                max_batches: int = 50) -> DeliveryReport:
    """Deliver batches until nothing is due (or `max_batches` were sent); return the totals."""
    total = DeliveryReport()
    for _ in range(max_batches):
        report = deliver_batch(session, settings, sender, batch_size)
        total.sent += report.sent
        total.deferred += report.deferred
        total.failed += report.failed
        if report.sent + report.deferred + report.failed < batch_size or report.deferred:
            break
    return total
