"""The product under its own worker: people log in, apply, save vacancies and profiles while the real worker embeds a
seeded campaign and delivers the outbox to a slow SMTP server. Nothing may fail: no 500, no failed task, no
"database is locked", every acknowledged application stored once, every e-mail delivered once."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import func, select
from werkzeug.serving import make_server

from recruit.extensions import db
from recruit.models import Application, Embedding, OutboxEmail, OutboxStatus, SavedVacancy
from recruit.seeding.loader import SeedSizes, seed_database
from recruit.worker.scheduler import start_in_thread
from tests.factories import DEFAULT_PASSWORD, Factories
from tests.support.apps import dispose, migrated_app
from tests.support.http import Browser
from tests.support.smtp import SMTPServer

DURATION_SECONDS = 60
CLIENTS = 6
QUEUED_EMAILS = 300


def _person(browser: Browser, email: str, vacancy_ids: list[int], stop: threading.Event, applied: list, rng):
    assert browser.request("/auth/login", {"email": email, "password": DEFAULT_PASSWORD}) == 302
    turn = 0
    while not stop.is_set():
        turn += 1
        vacancy_id = rng.choice(vacancy_ids)
        if (
            browser.request(
                f"/graduate/vacancies/{vacancy_id}/apply", {"cover_letter": "您好", "shares_with_employer": "y"}
            )
            == 302
        ):
            applied.append((email, vacancy_id))
        browser.request(f"/graduate/vacancies/{vacancy_id}/save", {})
        browser.request(
            "/graduate/profile",
            {
                "full_name": "并发测试",
                "major": rng.choice(["软件工程", "会计学", "市场营销"]),
                "degree": "bachelor",
                "graduation_year": "2026",
                "skills": "Python, SQL",
                "preferred_cities": "广州",
                "preferred_industries": ["I"],
                "about": f"第 {turn} 次保存",
                "is_visible_to_employers": "y",
            },
        )
        browser.request("/graduate/")
        if turn % 5 == 0:  # log out and in again: the log-in writes too
            browser.request("/auth/logout", {})
            assert browser.request("/auth/login", {"email": email, "password": DEFAULT_PASSWORD}) == 302


@pytest.fixture
def busy_app(backend, tmp_path):
    smtp = SMTPServer(delay_seconds=0.02).start()  # a relay taking 20 ms a message
    app = migrated_app(backend, "concurrent", tmp_path, RECRUIT_SMTP_URL=smtp.url, RATELIMIT_ENABLED=False)
    yield app, smtp
    smtp.stop()
    dispose(app)


def test_people_and_the_worker_write_at_once_without_a_failure(busy_app, caplog):
    app, smtp = busy_app
    caplog.set_level(logging.INFO)
    with app.app_context():
        seed_database(
            db.session, SeedSizes(universities=20, graduates=2_000, companies=40, vacancies=600, applications=300)
        )
        make = Factories(db.session)
        company = make.company()
        vacancy_ids = [make.vacancy(company=company, title=f"软件开发工程师 {i}").id for i in range(40)]
        graduates = [make.graduate() for _ in range(CLIENTS)]
        emails = [graduate.user.email for graduate in graduates]
        profile_of = {graduate.user.email: graduate.id for graduate in graduates}
        queued = make.user()
        for i in range(QUEUED_EMAILS):
            make.outbox_email(user=queued, to_address=f"reader{i}@example.com", subject=f"第 {i} 封")
        db.session.commit()
        db.session.remove()

    server = make_server("127.0.0.1", 0, app, threaded=True)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    worker, worker_thread = start_in_thread(app)
    statuses, lock, applied, stop = Counter(), threading.Lock(), [], threading.Event()
    people = [
        threading.Thread(
            target=_person,
            args=(
                Browser(f"http://127.0.0.1:{server.server_port}", statuses, lock),
                email,
                vacancy_ids,
                stop,
                applied,
                random.Random(i),
            ),
        )
        for i, email in enumerate(emails)
    ]
    try:
        for person in people:
            person.start()
        time.sleep(DURATION_SECONDS)
    finally:
        stop.set()
        for person in people:
            person.join(timeout=120)
        worker.stop()
        worker_thread.join(timeout=120)
        server.shutdown()

    failures = {key: n for key, n in statuses.items() if key[2] >= 500}
    assert not failures, failures
    assert sum(statuses.values()) > 200, statuses  # they really were busy
    problems = [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.ERROR or "locked" in r.getMessage() or "Traceback" in r.getMessage()
    ]
    assert problems == []
    ran = [r.getMessage() for r in caplog.records if r.name == "recruit.worker" and " ran: " in r.getMessage()]
    assert any(m.startswith("task embed_changed ran") for m in ran)
    assert any(m.startswith("task deliver_outbox ran") for m in ran)

    with app.app_context():
        stored = list(
            db.session.execute(
                select(Application.graduate_id, Application.vacancy_id).where(
                    Application.graduate_id.in_(profile_of.values())
                )
            )
        )
        acknowledged = [(profile_of[email], vacancy_id) for email, vacancy_id in applied]
        assert acknowledged and sorted(map(tuple, stored)) == sorted(acknowledged)  # each exactly once
        assert db.session.scalar(select(func.count()).select_from(Embedding)) > 1_000  # the worker embedded
        assert db.session.scalar(select(func.count()).select_from(SavedVacancy)) > 0
        sent = db.session.scalar(
            select(func.count()).select_from(OutboxEmail).where(OutboxEmail.status == OutboxStatus.SENT)
        )
        db.session.remove()
    message_ids = [m["Message-ID"] for m in smtp.messages]
    assert sent >= QUEUED_EMAILS
    assert len(message_ids) == len(set(message_ids)) == sent  # each message once
