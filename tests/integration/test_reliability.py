"""When things break: the web processes killed with SIGKILL mid-stream, PostgreSQL restarted under load, the SMTP
relay down for an hour. Every acknowledged write is there exactly once, nothing is half-written, and the product
answers again by itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from werkzeug.serving import make_server

from recruit import clock
from recruit.extensions import db
from recruit.models import Application, ApplicationEvent, Consent, ConsentKind, GraduateProfile, OutboxEmail
from recruit.services.messaging import outbox
from recruit.services.messaging.delivery import deliver_due
from recruit.services.universities.standing import STANDING_FIELDS, recompute_standing
from recruit.smtp import parse_smtp_url
from tests.factories import DEFAULT_PASSWORD, Factories
from tests.support.apps import dispose, fresh_database_url, migrated_app
from tests.support.http import Browser
from tests.support.smtp import SMTPServer, free_port

GRADUATES = 4
VACANCIES_EACH = 40


def _seed_applicants(app) -> list[tuple[str, list[int]]]:
    """Graduates ready to apply, each with vacancies of their own to apply to."""
    with app.app_context():
        make = Factories(db.session)
        make.campaign()
        people = []
        for _ in range(GRADUATES):
            graduate = make.graduate()
            people.append((graduate.user.email, [make.vacancy().id for _ in range(VACANCIES_EACH)]))
        db.session.commit()
        db.session.remove()
    return people


def _apply_until_stopped(base: str, email: str, vacancy_ids: list[int], acknowledged: set, lock, statuses: Counter):
    browser = Browser(base, statuses, lock)
    try:
        browser.read_csrf_token("/auth/login")
        if browser.request("/auth/login", {"email": email, "password": DEFAULT_PASSWORD}) != 302:
            return
        browser.read_csrf_token(f"/vacancies/{vacancy_ids[0]}")  # the session is new after log-in: so is its token
        for vacancy_id in vacancy_ids:
            status = browser.request(f"/graduate/vacancies/{vacancy_id}/apply", {"shares_with_employer": "y"})
            if status == 302:
                with lock:
                    acknowledged.add((email, vacancy_id))
    except OSError:  # the server died under us: what was acknowledged before counts
        return


def _check_nothing_half_written(app, acknowledged: set) -> None:
    with app.app_context():
        rows = db.session.execute(
            select(GraduateProfile.user_id, Application.vacancy_id, func.count())
            .join(Application, Application.graduate_id == GraduateProfile.id)
            .group_by(GraduateProfile.user_id, Application.vacancy_id)
        ).all()
        from recruit.models import User

        emails = dict(db.session.execute(select(User.id, User.email)).all())
        stored = Counter({(emails[user_id], vacancy_id): n for user_id, vacancy_id, n in rows})
        assert all(n == 1 for n in stored.values())
        assert acknowledged <= set(stored)  # every success the user saw is there, once
        without_event = db.session.scalar(
            select(func.count())
            .select_from(Application)
            .where(~select(ApplicationEvent.id).where(ApplicationEvent.application_id == Application.id).exists())
        )
        assert without_event == 0
        consents = db.session.scalar(
            select(func.count()).select_from(Consent).where(Consent.kind == ConsentKind.APPLICATION)
        )
        assert consents == sum(stored.values())  # each application with its consent, no more, no less
        columns = [getattr(GraduateProfile, field) for field in STANDING_FIELDS]
        kept = db.session.execute(select(GraduateProfile.id, *columns).order_by(GraduateProfile.id)).all()
        recompute_standing(db.session)
        assert db.session.execute(select(GraduateProfile.id, *columns).order_by(GraduateProfile.id)).all() == kept
        db.session.rollback()
        if db.engine.dialect.name == "sqlite":
            assert db.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        db.session.remove()


def _wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def _gunicorn(url: str, tmp_path: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "RECRUIT_ENV": "testing",
        "RECRUIT_DATABASE_URL": url,
        "RECRUIT_SECRET_KEY": "reliability-test-secret",
        "RECRUIT_UPLOAD_DIR": str(tmp_path / "uploads"),
        "RECRUIT_INSTANCE_PATH": str(tmp_path / "instance"),
        "RECRUIT_RATELIMIT_ENABLED": "false",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / f"metrics-{port}"),
    }
    (tmp_path / f"metrics-{port}").mkdir(exist_ok=True)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return subprocess.Popen(
        [str(gunicorn), "-c", "python:recruit.deploy.gunicorn_conf", "recruit:create_app()"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: SIGKILL reaches the master and every worker
    )


def test_sigkill_of_the_web_processes_loses_no_acknowledged_application(backend, tmp_path):
    url = fresh_database_url(backend, "sigkill", tmp_path)
    app = migrated_app(backend, "sigkill-setup", tmp_path, SQLALCHEMY_DATABASE_URI=url)
    people = _seed_applicants(app)
    port = free_port()
    server = _gunicorn(url, tmp_path, port)
    base = f"http://127.0.0.1:{port}"
    acknowledged, lock, statuses = set(), threading.Lock(), Counter()
    try:
        _wait_for(base + "/healthz")
        threads = [
            threading.Thread(target=_apply_until_stopped, args=(base, email, ids, acknowledged, lock, statuses))
            for email, ids in people
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < GRADUATES * VACANCIES_EACH // 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(server.pid, signal.SIGKILL)  # mid-stream, without warning
        server.wait(timeout=30)
        for thread in threads:
            thread.join(timeout=60)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    assert len(acknowledged) >= GRADUATES * VACANCIES_EACH // 3
    assert len(acknowledged) < GRADUATES * VACANCIES_EACH  # the kill came mid-stream
    _check_nothing_half_written(app, acknowledged)

    restarted = _gunicorn(url, tmp_path, port)  # and it starts again on the same database
    try:
        _wait_for(base + "/healthz")
        more: set = set()
        email, ids = people[0]
        _apply_until_stopped(base, email, ids, more, lock, statuses)
        assert more, "applying works again after the restart"
        _check_nothing_half_written(app, acknowledged | more)
    finally:
        os.killpg(restarted.pid, signal.SIGTERM)
        restarted.wait(timeout=30)
        dispose(app)


def _postgres_cluster() -> tuple[str, str]:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return version, "main"


def test_the_app_answers_again_within_seconds_after_postgresql_restarts(backend, tmp_path):
    if backend != "postgresql":
        pytest.skip("a PostgreSQL server restart (the SQLite run has no server)")
    app = migrated_app(backend, "pgrestart", tmp_path, RATELIMIT_ENABLED=False)
    people = _seed_applicants(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    acknowledged, lock, statuses = set(), threading.Lock(), Counter()
    stop = threading.Event()
    answers: list[tuple[float, int]] = []

    def keep_asking():
        browser = Browser(base, statuses, lock)
        while not stop.is_set():
            answers.append((time.monotonic(), browser.request("/vacancies")))
            time.sleep(0.05)

    def slow_applicant(email, ids):
        browser = Browser(base, statuses, lock)
        browser.request("/auth/login", {"email": email, "password": DEFAULT_PASSWORD})
        for vacancy_id in ids:
            if stop.is_set():
                return
            if browser.request(f"/graduate/vacancies/{vacancy_id}/apply", {"shares_with_employer": "y"}) == 302:
                with lock:
                    acknowledged.add((email, vacancy_id))
            time.sleep(0.1)

    threads = [threading.Thread(target=keep_asking)] + [
        threading.Thread(target=slow_applicant, args=person) for person in people
    ]
    try:
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        version, cluster = _postgres_cluster()
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"], check=True, timeout=120
        )
        back_at = time.monotonic()
        time.sleep(4)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        server.shutdown()
    first_ok_after = next((at for at, status in answers if at >= back_at and status == 200), None)
    assert first_ok_after is not None and first_ok_after - back_at < 3, "answers again within seconds"
    assert all(status in (200, 302, 503) for (_page, _posted, status) in statuses), statuses  # never a 500
    assert statuses[("vacancies", False, 200)] > 0
    _check_nothing_half_written(app, acknowledged)
    dispose(app)


def test_smtp_down_for_an_hour_then_every_message_arrives_once(db, make):
    port = free_port()
    relay = parse_smtp_url(f"smtp://127.0.0.1:{port}")
    for n in range(12):
        outbox.enqueue(
            db.session,
            to_address=f"reader{n}@example.com",
            subject=f"第 {n} 封",
            body_text="正文",
            dedupe_key=f"down-for-an-hour:{n}",
        )
    db.session.commit()
    start = clock.now()
    for minute in range(0, 61):  # the worker runs every minute; nobody listens on the port
        clock.set_now(start + timedelta(minutes=minute))
        report = deliver_due(db.session, relay, "recruit <no-reply@recruit.localhost>", commit_batch=db.session.commit)
        assert report.sent == 0 and report.failed == 0
    server = SMTPServer(port=port).start()
    try:
        for minute in range(61, 200):
            clock.set_now(start + timedelta(minutes=minute))
            deliver_due(db.session, relay, "recruit <no-reply@recruit.localhost>", commit_batch=db.session.commit)
            if db.session.scalar(select(func.count()).where(OutboxEmail.sent_at.is_(None))) == 0:
                break
        received = Counter(message["To"] for message in server.messages)
    finally:
        server.stop()
    assert received == Counter({f"reader{n}@example.com": 1 for n in range(12)})
    assert minute < 130, "delivered within the back-off after the relay came back"
