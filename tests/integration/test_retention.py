"""Retention: graduates inactive since the campaign ended are told, then erased once the notice period has passed;
logging in keeps the account; every run is in the audit log."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select

from recruit import clock
from recruit.models import AuditEntry, Notification, OutboxEmail, User
from recruit.services.people.retention import apply_retention
from recruit.services.universities.placement import placement_figures

RETENTION, NOTICE = 180, 30


def _at(day, hour=10):
    return datetime.combine(day, time(hour), tzinfo=clock.zone())


def _run(db, app, day):
    clock.set_now(_at(day, 3))
    report = apply_retention(db.session, day, RETENTION, NOTICE, app.config["RECRUIT_UPLOAD_DIR"])
    db.session.commit()
    db.session.expire_all()
    return report


def test_inactive_graduates_are_told_then_erased_and_active_ones_kept(app, db, make):
    today = clock.today()
    campaign = make.campaign(starts_on=today - timedelta(days=100))  # ends about today
    ends_on = campaign.ends_on
    university = make.university()
    idle = make.graduate(university=university, full_name="久未登录")
    idle.user.last_login_at = _at(ends_on - timedelta(days=5))
    idle.user.email_opt_in = False  # told anyway: the law asks for it
    make.application(graduate=idle)
    back = make.graduate(university=university, full_name="又回来了")
    back.user.last_login_at = _at(ends_on - timedelta(days=5))
    fresh = make.graduate(full_name="活动结束后注册")
    fresh.user.created_at = _at(ends_on + timedelta(days=3))
    employer = make.employer()
    employer.last_login_at = _at(ends_on - timedelta(days=50))
    db.session.commit()
    due = ends_on + timedelta(days=RETENTION)

    early = _run(db, app, due - timedelta(days=NOTICE + 1))
    assert (early.noticed, early.erased) == (0, 0)

    told = _run(db, app, due - timedelta(days=NOTICE))
    assert told.noticed == 2  # idle and back; not the one registered after the end, nor the employer
    notice = db.session.scalar(select(Notification).where(Notification.user_id == idle.user_id))
    assert notice.title == f"Your recruit account will be deleted on {due.isoformat()}"
    assert db.session.scalar(select(OutboxEmail).where(OutboxEmail.user_id == idle.user_id)) is not None
    assert _run(db, app, due - timedelta(days=NOTICE)).noticed == 0  # told once

    back.user.last_login_at = _at(due - timedelta(days=10))  # logs in again: the account stays
    db.session.commit()
    erased = _run(db, app, due)
    assert (erased.noticed, erased.erased) == (0, 1)
    shell = db.session.get(User, idle.user_id)
    assert shell.erased_at is not None and shell.display_name == "" and idle.full_name == ""
    assert db.session.get(User, back.user_id).erased_at is None
    assert db.session.get(User, fresh.user_id).erased_at is None
    assert db.session.get(User, employer.id).erased_at is None
    assert placement_figures(db.session, university.id).overall.applied == 1  # still counted

    runs = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "retention.run")).all()
    assert [(r.detail["noticed"], r.detail["erased"]) for r in runs] == [(0, 0), (2, 0), (0, 0), (0, 1)]


def test_nobody_is_erased_before_a_full_notice_period(app, db, make):
    today = clock.today()
    campaign = make.campaign(starts_on=today - timedelta(days=100))
    graduate = make.graduate()
    graduate.user.last_login_at = _at(campaign.ends_on - timedelta(days=1))
    db.session.commit()
    due = campaign.ends_on + timedelta(days=RETENTION)
    # The worker was down during the notice window: the notice goes out on the due day itself...
    first = _run(db, app, due + timedelta(days=2))
    assert (first.noticed, first.erased) == (1, 0)
    # ...and the erasure waits for the full notice period from then.
    assert _run(db, app, due + timedelta(days=NOTICE + 1)).erased == 0
    assert _run(db, app, due + timedelta(days=NOTICE + 2)).erased == 1
