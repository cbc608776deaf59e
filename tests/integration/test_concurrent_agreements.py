"""Two colleagues of a career office decide the same agreements at the same moment, one confirming and one returning
each, while the employers send new agreements and the worker recounts the figures and expires offers: no 500, each
agreement decided once (the other colleague is told it no longer waits for them), and the placements counted on the
graduates' standing are exactly the confirmed agreements."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from sqlalchemy import func, select
from werkzeug.serving import make_server

from recruit.extensions import db
from recruit.models import AgreementStatus, ApplicationStatus, AuditEntry, EmploymentAgreement, GraduateProfile, Role
from recruit.worker import tasks
from tests.factories import DEFAULT_PASSWORD, Factories
from tests.support.apps import dispose, migrated_app
from tests.support.http import Browser

AGREEMENTS = 12
DRAFTS = 6


@pytest.fixture
def agreements_app(backend, tmp_path):
    app = migrated_app(backend, "agreements", tmp_path, RATELIMIT_ENABLED=False, RECRUIT_CAREER_SNAPSHOT_FROM=1)
    yield app
    dispose(app)


def test_two_colleagues_decide_each_agreement_once_while_others_write(agreements_app):
    app = agreements_app
    with app.app_context():
        make = Factories(db.session)
        make.campaign()
        university = make.university()
        colleagues = [make.user(Role.CAREER_OFFICE, university=university).email for _ in range(2)]
        company = make.company()
        employer = make.employer(company=company).email
        waiting, drafts = [], []
        for i in range(AGREEMENTS + DRAFTS):
            application = make.application(
                graduate=make.graduate(university=university),
                vacancy=make.vacancy(company=company),
                status=ApplicationStatus.HIRED,
            )
            status = AgreementStatus.AWAITING_UNIVERSITY if i < AGREEMENTS else AgreementStatus.DRAFT
            agreement = make.agreement(application, status=status)
            (waiting if i < AGREEMENTS else drafts).append((agreement.id, application.id))
        db.session.commit()
        db.session.remove()

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    statuses, lock, answers, stop = Counter(), threading.Lock(), {}, threading.Event()
    barrier = threading.Barrier(4)

    def colleague(email: str, decision: dict):
        browser = Browser(base, statuses, lock)
        assert browser.request("/auth/login", {"email": email, "password": DEFAULT_PASSWORD}) == 302
        barrier.wait(timeout=30)
        for agreement_id, _application_id in waiting:
            status = browser.request(f"/career/agreements/{agreement_id}", decision)
            with lock:
                answers.setdefault(agreement_id, []).append(status)
            browser.request("/career/")

    def employer_sends():
        browser = Browser(base, statuses, lock)
        assert browser.request("/auth/login", {"email": employer, "password": DEFAULT_PASSWORD}) == 302
        barrier.wait(timeout=30)
        terms = {"position": "会计", "start_on": "2099-01-01", "monthly_salary": "7000", "contract_months": "12"}
        for _agreement_id, application_id in drafts:
            assert browser.request(f"/employer/applications/{application_id}/agreement", terms) == 302

    def worker():
        barrier.wait(timeout=30)
        while not stop.is_set():
            with app.app_context():
                tasks.refresh_national_figures()
                tasks.refresh_university_figures()
                tasks.expire_offers()
                db.session.remove()

    people = [
        threading.Thread(target=colleague, args=(colleagues[0], {"confirm": "1"})),
        threading.Thread(target=colleague, args=(colleagues[1], {"send_back": "1", "reason": "请更正合同期限。"})),
        threading.Thread(target=employer_sends),
    ]
    background = threading.Thread(target=worker)
    try:
        for thread in [*people, background]:
            thread.start()
        for thread in people:
            thread.join(timeout=300)
    finally:
        stop.set()
        background.join(timeout=120)
        server.shutdown()

    assert not {key: n for key, n in statuses.items() if key[2] >= 500}, statuses
    assert all(sorted(codes) == [302, 409] for codes in answers.values()), answers  # one decides, one is told
    with app.app_context():
        decided = dict(
            db.session.execute(
                select(EmploymentAgreement.id, EmploymentAgreement.status).where(
                    EmploymentAgreement.id.in_([agreement_id for agreement_id, _ in waiting])
                )
            ).all()
        )
        assert set(decided.values()) <= {AgreementStatus.CONFIRMED, AgreementStatus.RETURNED}
        decisions = db.session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action.in_(["agreement.confirm", "agreement.return"]))
        )
        assert decisions == AGREEMENTS
        sent = db.session.scalar(
            select(func.count())
            .select_from(EmploymentAgreement)
            .where(EmploymentAgreement.status == AgreementStatus.AWAITING_GRADUATE)
        )
        assert sent == DRAFTS
        confirmed = sum(1 for status in decided.values() if status is AgreementStatus.CONFIRMED)
        placed = db.session.scalar(
            select(func.count()).select_from(GraduateProfile).where(GraduateProfile.furthest_stage == 4)
        )
        assert placed == confirmed
        db.session.remove()
