"""Retention (PIPL arts. 19, 47): personal data is kept no longer than the campaign and its reporting need.

A configured number of days (`retention_days`) after the latest campaign ended, every graduate who has not logged in
since it ended is erased (services.people.erasure: their applications stay as anonymous counts). Each is told
`notice_days` before, by notification and e-mail whatever their e-mail settings, and is erased only once the full
notice period has passed since they were told; logging in meanwhile keeps the account (it is active again).

The worker runs `apply_retention` daily. Crash and resume: each batch of notices or erasures commits on its own and
the candidates are read again each batch, so a run stopped halfway goes on where it stopped, telling nobody twice
and erasing nobody not told. Every run writes one audit entry with what it did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, or_, select

from recruit import clock, links
from recruit.i18n import lazy_gettext as _l
from recruit.models import Campaign, Role, User
from recruit.services.messaging import notifications
from recruit.services.oversight import audit
from recruit.services.people.erasure import erase_account

BATCH = 200


@dataclass
class RetentionReport:
    """What one run did: who was told, who was erased, and the files to delete (already deleted by the worker)."""

    campaign_id: int | None = None
    due_on: date | None = None
    noticed: int = 0
    erased: int = 0
    files: list[Path] = field(default_factory=list)


def latest_ended_campaign(session, today: date) -> Campaign | None:
    """The campaign that ended most recently before today (campaigns are few: one a year)."""
    ended = [c for c in session.scalars(select(Campaign).where(Campaign.starts_on < today)) if c.ends_on < today]
    return max(ended, key=lambda c: c.ends_on, default=None)


def _end_of(campaign: Campaign) -> datetime:
    return datetime.combine(campaign.ends_on + timedelta(days=1), time(0), tzinfo=clock.zone())


def _inactive_graduates(campaign: Campaign):
    """Graduates who have not logged in since the campaign ended (nor registered after it)."""
    return select(User).where(
        User.role == Role.GRADUATE,
        User.erased_at.is_(None),
        func.coalesce(User.last_login_at, User.created_at) < _end_of(campaign),
    )


def _tell(session, user: User, due_on: date, campaign: Campaign) -> None:
    notifications.notify(
        session,
        user,
        kind="account.erasure_notice",
        title=_l("Your recruit account will be deleted on %(date)s", date=due_on.isoformat()),
        body=_l(
            "You have not logged in since the campaign ended on %(ended)s. We keep personal data no longer than the "
            "campaign and its reporting need: log in before %(date)s to keep your account, or let it be deleted.",
            ended=campaign.ends_on.isoformat(),
            date=due_on.isoformat(),
        ),
        link=links.log_in(),
        dedupe_key=f"erasure-notice:{campaign.id}:user:{user.id}",
        essential=True,
    )
    user.erasure_notice_at = clock.now()


def apply_retention(
    session, today: date, retention_days: int, notice_days: int, upload_dir: str, commit_batch=None
) -> RetentionReport:
    """Tell the inactive graduates whose erasure is near, and erase those told at least `notice_days` ago."""
    commit = commit_batch or session.flush
    report = RetentionReport()
    campaign = latest_ended_campaign(session, today)
    if campaign is not None:
        due_on = campaign.ends_on + timedelta(days=retention_days)
        report.campaign_id, report.due_on = campaign.id, due_on
        if today >= due_on - timedelta(days=notice_days):
            report.noticed = _notify_all(session, campaign, due_on, commit)
        if today >= due_on:
            _erase_all(session, campaign, notice_days, upload_dir, commit, report)
    audit.record(
        session,
        None,
        "retention.run",
        campaign,
        {
            "noticed": report.noticed,
            "erased": report.erased,
            "due_on": report.due_on.isoformat() if report.due_on else None,
        },
    )
    commit()
    return report


def _notify_all(session, campaign: Campaign, due_on: date, commit) -> int:
    told = 0
    not_told = _inactive_graduates(campaign).where(
        or_(User.erasure_notice_at.is_(None), User.erasure_notice_at < _end_of(campaign))
    )
    while batch := session.scalars(not_told.order_by(User.id).limit(BATCH)).all():
        for user in batch:
            _tell(session, user, due_on, campaign)
        told += len(batch)
        commit()
    return told


def _erase_all(session, campaign: Campaign, notice_days: int, upload_dir: str, commit, report) -> None:
    told_long_enough = _inactive_graduates(campaign).where(
        User.erasure_notice_at >= _end_of(campaign), User.erasure_notice_at <= clock.now() - timedelta(days=notice_days)
    )
    while batch := session.scalars(told_long_enough.order_by(User.id).limit(BATCH)).all():
        files = []
        for user in batch:
            files += erase_account(session, user, upload_dir, reason="retention").files
        report.erased += len(batch)
        commit()
        for path in files:  # only once the erasure is committed
            path.unlink(missing_ok=True)
        report.files += files
