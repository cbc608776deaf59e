"""Career offices at work while the worker writes: several offices nudge their graduates, read their dashboards and
download their tables while the worker sends the nudges and recomputes the operator's figures. No 500, no
"database is locked", every nudge written to each of its graduates exactly once."""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import func, select
from werkzeug.serving import make_server

from recruit.extensions import db
from recruit.models import Notification, Nudge, NudgeRecipient, Role, UniversityFigures
from recruit.worker import tasks
from tests.factories import DEFAULT_PASSWORD, Factories
from tests.support.apps import dispose, migrated_app
from tests.support.http import Browser

OFFICES = 4
GRADUATES_EACH = 30
SECONDS = 15


@pytest.fixture
def offices_app(backend, tmp_path):
    app = migrated_app(backend, "offices", tmp_path, RATELIMIT_ENABLED=False, RECRUIT_CAREER_SNAPSHOT_FROM=1)
    yield app
    dispose(app)


def _office(browser: Browser, email: str, graduate_ids: list[int], stop: threading.Event, sent: list):
    assert browser.request("/auth/login", {"email": email, "password": DEFAULT_PASSWORD}) == 302
    turn = 0
    while not stop.is_set():
        turn += 1
        chosen = graduate_ids[turn % 3 :: 3]
        status = browser.request(
            "/career/nudges/new", {"graduate": [str(i) for i in chosen], "message": f"第 {turn} 次提醒", "send": "1"}
        )
        if status == 302:
            sent.append(len(chosen))
        browser.request("/career/")
        browser.request("/career/graduates?waiting=not_applied&waiting_days=0")
        browser.request("/career/exports", {"table": "graduates", "fmt": "xlsx"})
        browser.request("/career/nudges")


def _worker(app, stop: threading.Event, runs: Counter):
    while not stop.is_set():
        with app.app_context():
            runs["nudges"] += tasks.send_nudges()
            tasks.refresh_national_figures()
            tasks.refresh_university_figures()  # every university here is "large": its dashboard reads the snapshot
            runs["figures"] += 1
            db.session.remove()
        time.sleep(0.2)


def test_offices_nudge_and_read_while_the_worker_writes(offices_app, caplog):
    app = offices_app
    caplog.set_level(logging.INFO)
    with app.app_context():
        make = Factories(db.session)
        make.campaign()
        logins, graduates_of = [], {}
        for _ in range(OFFICES):
            university = make.university()
            office = make.user(Role.CAREER_OFFICE, university=university)
            logins.append(office.email)
            graduates_of[office.email] = [make.graduate(university=university).id for _ in range(GRADUATES_EACH)]
        db.session.commit()
        db.session.remove()

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    statuses, lock, sent, stop, runs = Counter(), threading.Lock(), [], threading.Event(), Counter()
    base = f"http://127.0.0.1:{server.server_port}"
    people = [
        threading.Thread(target=_office, args=(Browser(base, statuses, lock), email, graduates_of[email], stop, sent))
        for email in logins
    ]
    worker = threading.Thread(target=_worker, args=(app, stop, runs))
    try:
        for thread in [*people, worker]:
            thread.start()
        time.sleep(SECONDS)
    finally:
        stop.set()
        for thread in [*people, worker]:
            thread.join(timeout=120)
        server.shutdown()

    assert not {key: n for key, n in statuses.items() if key[2] >= 500}, statuses
    assert sent and runs["figures"] > 0, (sent, runs)
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR or "locked" in r.getMessage()]
    assert problems == []
    with app.app_context():
        tasks.send_nudges()  # what was recorded after the worker's last run
        recipients = db.session.scalar(select(func.count()).select_from(NudgeRecipient))
        assert recipients == sum(sent)  # every acknowledged nudge stored, with each of its graduates
        notes = db.session.scalar(select(func.count()).select_from(Notification).where(Notification.kind == "nudge"))
        assert notes == recipients  # each written exactly once
        assert db.session.scalar(select(func.count()).select_from(Nudge).where(Nudge.sent_at.is_(None))) == 0
        kept = db.session.scalar(select(func.count()).select_from(UniversityFigures))
        assert kept == OFFICES  # the offices' dashboards were read from snapshots the worker rewrote meanwhile
        db.session.remove()
