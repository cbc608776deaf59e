"""What each scheduled task does; each runs in an app context and commits what it did."""

from __future__ import annotations

from datetime import date

from flask import current_app

from recruit import clock
from recruit.database import reading, refresh_statistics
from recruit.extensions import db
from recruit.models import DigestFrequency
from recruit.services.campaign import announcements, closing, phase_messages
from recruit.services.messaging import delivery, digests, reminders
from recruit.services.people import sessions
from recruit.smtp import parse_smtp_url


def _today() -> date:
    return clock.today()


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


def embed_changed() -> dict:
    """Embed the profiles and vacancies whose text changed (the model loads on the first run)."""
    from recruit.matching.encoder import get_encoder
    from recruit.matching.encoder_settings import settings_from_config
    from recruit.services.discovery.embeddings import embed_pending

    report = embed_pending(
        db.session, get_encoder(settings_from_config(current_app.config)), commit_batch=db.session.commit
    )
    return {"embedded": report.embedded, "unchanged": report.unchanged}


def deliver_outbox() -> dict:
    """Send the e-mails that are due, over reused SMTP connections."""
    report = delivery.deliver_due(
        db.session,
        parse_smtp_url(current_app.config["RECRUIT_SMTP_URL"]),
        current_app.config["RECRUIT_MAIL_FROM"],
        commit_batch=db.session.commit,
    )
    return {"sent": report.sent, "deferred": report.deferred, "failed": report.failed}


def send_nudges() -> int:
    """Write the career offices' new nudges to each graduate, with their current best matches."""
    from recruit.matching.encoder_settings import settings_from_config
    from recruit.services.discovery.recommendations import recommended_vacancies
    from recruit.services.universities import nudges

    model_name = settings_from_config(current_app.config).model_name

    def best_matches(profile):
        found = recommended_vacancies(db.session, profile, model_name, limit=nudges.MATCHES_PER_MESSAGE)
        return [match.vacancy for match in found.items] if found.is_ready else []

    return nudges.send_pending(db.session, best_matches, commit_batch=db.session.commit)


def refresh_national_figures() -> int:
    """Recompute the operator's campaign figures, nationally and per province (the dashboard reads them)."""
    from recruit.services.campaign import campaigns, national

    with reading():  # a minute of reading at national scale must not hold the write lock
        computed = national.compute_snapshots(db.session, campaigns.current_campaign(db.session, _today()))
        db.session.rollback()
    refreshed = national.store_snapshots(db.session, computed)
    db.session.commit()
    return refreshed


def refresh_university_figures() -> int:
    """Recount the career dashboards of the large universities (the others are counted at each page view)."""
    from recruit.services.campaign import campaigns
    from recruit.services.universities import dashboard

    from_graduates = current_app.config["RECRUIT_CAREER_SNAPSHOT_FROM"]
    with reading():  # tens of thousands of graduates per university: read without holding the write lock
        campaign = campaigns.current_campaign(db.session, _today())
        computed = dashboard.compute_snapshots(db.session, campaign, from_graduates)
        db.session.rollback()
    kept = dashboard.store_snapshots(db.session, campaigns.current_campaign(db.session, _today()), computed)
    db.session.commit()
    return kept


def apply_retention() -> dict:
    """Tell graduates inactive since the last campaign that their data will be erased, and erase it when due."""
    from recruit.services.people import retention

    config = current_app.config
    report = retention.apply_retention(
        db.session,
        _today(),
        config["RECRUIT_RETENTION_DAYS"],
        config["RECRUIT_RETENTION_NOTICE_DAYS"],
        config["RECRUIT_UPLOAD_DIR"],
        commit_batch=db.session.commit,
    )
    return {"noticed": report.noticed, "erased": report.erased}


def tally_exposure() -> int:
    """Count what graduates were shown since the last tally, per vacancy and day, and the fair share of it."""
    from recruit.services.discovery import feedback

    counted = feedback.tally_exposure(db.session, commit=db.session.commit)
    db.session.commit()
    return counted


def train_ranker() -> int:
    """Train the learned ranker on the recent lists and swap it in if it beats the one in use (0: not trained)."""
    from recruit.services.discovery import ranker

    with reading():  # reads up to two million impressions: without holding the write lock
        trained = ranker.train_candidate(db.session)
        db.session.rollback()
    if trained is None:
        return 0
    row = ranker.store(db.session, trained)
    db.session.commit()
    return row.id


def expire_offers() -> int:
    """Close the offers left unanswered past their answer-by day."""
    from recruit.services.hiring import applications

    expired = applications.expire_offers(db.session, _today())
    db.session.commit()
    return expired


def ask_follow_ups() -> int:
    """Ask placed graduates, three and six months after they started, whether they are still employed there."""
    from recruit.services.hiring import follow_ups

    asked = follow_ups.ask_due(db.session, _today(), commit_batch=db.session.commit)
    db.session.commit()
    return asked


def email_unread_messages() -> int:
    """E-mail people the conversation messages they have left unread for a few minutes, one e-mail each."""
    from recruit.services.messaging import conversations

    queued = conversations.email_unread(db.session)
    db.session.commit()
    return queued


def send_fair_reminders() -> int:
    """Remind registered graduates and the fair's companies an hour before a fair's live session."""
    from recruit.services.campaign import fairs

    sent = fairs.send_live_reminders(db.session)
    db.session.commit()
    return sent


def expire_vacancies() -> int:
    """Close vacancies whose deadline has passed."""
    closed = closing.expire_past_deadline(db.session, _today())
    db.session.commit()
    return closed


def finish_campaigns() -> list[int]:
    """Close the vacancies of ended campaigns and keep their final reports."""
    finished = closing.finish_ended_campaigns(db.session, _today())
    db.session.commit()
    return [campaign.id for campaign in finished]


def send_phase_messages() -> int:
    """Send each started phase's message to its audiences (resumable, exactly once per user)."""
    return phase_messages.send_due_phase_messages(db.session, _today(), commit_batch=db.session.commit)


def deliver_announcements() -> int:
    """Send the announcements whose time has come to their audiences."""
    return announcements.deliver_due(db.session, commit_batch=db.session.commit)


def remind_unread_applications() -> int:
    """Nudge SMEs about applications unread for three days."""
    told = reminders.remind_unread_applications(db.session, _today())
    db.session.commit()
    return told


def send_weekly_summaries() -> int:
    """Send career offices their weekly placement summary."""
    told = reminders.send_weekly_summaries(db.session, _today())
    db.session.commit()
    return told


def _send_digests(frequency: DigestFrequency) -> int:
    sent = digests.send_digests(db.session, frequency)
    db.session.commit()
    return sent


def send_immediate_digests() -> int:
    """Digests for graduates who want new vacancies as they appear."""
    return _send_digests(DigestFrequency.IMMEDIATELY)


def send_daily_digests() -> int:
    """Daily digests."""
    return _send_digests(DigestFrequency.DAILY)


def send_weekly_digests() -> int:
    """Weekly digests."""
    return _send_digests(DigestFrequency.WEEKLY)
