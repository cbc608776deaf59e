"""What each scheduled job does; each runs in an app context and commits once."""

from __future__ import annotations

import logging

from recruit.database import refresh_statistics
from recruit.extensions import db
from recruit.services import sessions

log = logging.getLogger("recruit.worker")


def purge_sessions() -> int:
    """Delete log-in sessions that ended long ago."""
    removed = sessions.purge_expired_sessions(db.session)
    db.session.commit()
    return removed


def optimize_database() -> str:
    """Refresh the query planner's statistics (SQLite's PRAGMA optimize; PostgreSQL's autovacuum does its own)."""
    refresh_statistics(db.session, full=False)
    db.session.commit()
    return "ok"


def deliver_outbox() -> dict:
    """Send the e-mails that are due, over reused SMTP connections."""
    from flask import current_app

    from recruit.mailer import parse_smtp_url
    from recruit.services.outbox import deliver_due

    report = deliver_due(db.session, parse_smtp_url(current_app.config["RECRUIT_SMTP_URL"]),
                         current_app.config["RECRUIT_MAIL_FROM"])
    return {"sent": report.sent, "deferred": report.deferred, "failed": report.failed}


def expire_vacancies() -> int:
    """Close vacancies whose deadline has passed."""
    from flask import current_app

    from recruit import clock
    from recruit.services.campaign_end import expire_past_deadline

    closed = expire_past_deadline(db.session, clock.today(current_app.config["RECRUIT_TIMEZONE"]))
    db.session.commit()
    return closed


def finish_campaigns() -> list[int]:
    """Close the vacancies of ended campaigns and keep their final reports."""
    from flask import current_app

    from recruit import clock
    from recruit.services.campaign_end import finish_ended_campaigns

    finished = finish_ended_campaigns(db.session, clock.today(current_app.config["RECRUIT_TIMEZONE"]))
    db.session.commit()
    return [campaign.id for campaign in finished]


def send_phase_messages() -> int:
    """Send each started phase's message to its audiences (resumable, exactly once per user)."""
    from flask import current_app

    from recruit import clock
    from recruit.services.phase_messages import send_due_phase_messages

    with current_app.test_request_context(base_url=current_app.config["RECRUIT_BASE_URL"]):
        return send_due_phase_messages(db.session, clock.today(current_app.config["RECRUIT_TIMEZONE"]))


def deliver_announcements() -> int:
    """Send the announcements whose time has come to their audiences."""
    from flask import current_app

    from recruit.services.announcements import deliver_due

    with current_app.test_request_context(base_url=current_app.config["RECRUIT_BASE_URL"]):
        return deliver_due(db.session)


def remind_unread_applications() -> int:
    """Nudge SMEs about applications unread for three days."""
    from flask import current_app

    from recruit import clock
    from recruit.services.reminders import remind_unread_applications as remind

    with current_app.test_request_context(base_url=current_app.config["RECRUIT_BASE_URL"]):
        told = remind(db.session, clock.today(current_app.config["RECRUIT_TIMEZONE"]))
        db.session.commit()
    return told


def send_weekly_summaries() -> int:
    """Send career offices their weekly placement summary."""
    from flask import current_app

    from recruit import clock
    from recruit.services.reminders import send_weekly_summaries as send

    with current_app.test_request_context(base_url=current_app.config["RECRUIT_BASE_URL"]):
        told = send(db.session, clock.today(current_app.config["RECRUIT_TIMEZONE"]))
        db.session.commit()
    return told


def send_digests(frequency: str) -> int:
    """Send the vacancy digests of one frequency (immediately, daily, weekly)."""
    from flask import current_app

    from recruit.models import DigestFrequency
    from recruit.services import digests

    with current_app.test_request_context(base_url=current_app.config["RECRUIT_BASE_URL"]):
        sent = digests.send_digests(db.session, DigestFrequency(frequency))
        db.session.commit()
    return sent


def send_immediate_digests() -> int:
    """Digests for graduates who want new vacancies as they appear."""
    return send_digests("immediately")


def send_daily_digests() -> int:
    """Daily digests."""
    return send_digests("daily")


def send_weekly_digests() -> int:
    """Weekly digests."""
    return send_digests("weekly")
