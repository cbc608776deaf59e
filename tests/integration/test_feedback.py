"""What matching showed and what people did with it: impressions from every list of matches, actions from the
services, the worker's tally of exposure and the lift it gives to vacancies nobody has been shown."""

from __future__ import annotations

import re
import threading
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from werkzeug.serving import make_server

from recruit import clock
from recruit.extensions import db
from recruit.models import (
    Action,
    ApplicationStatus,
    ExposureDay,
    ExposureTally,
    Impression,
    Interaction,
    Surface,
    Vacancy,
    VacancyStatus,
)
from recruit.services.discovery import feedback, invitations, recommendations
from recruit.services.hiring import applications, saved_vacancies
from recruit.services.people import erasure
from recruit.worker import tasks
from tests.factories import DEFAULT_PASSWORD, Factories
from tests.support.apps import dispose, migrated_app
from tests.support.http import Browser
from tests.support.matching import MODEL_NAME, embed_everything, fresh_indexes
from tests.support.matching import accountant as _accountant
from tests.support.matching import posted_vacancy as _vacancy


@pytest.fixture(autouse=True)
def _fresh():
    fresh_indexes()
    yield
    fresh_indexes()


def _impressions(session, **where):
    statement = select(Impression).order_by(Impression.id)
    for name, value in where.items():
        statement = statement.where(getattr(Impression, name) == value)
    return list(session.scalars(statement))


def test_a_graduate_s_recommendations_are_recorded_as_shown_in_their_places(db, make, client, login):
    profile = _accountant(make)
    for title in ("Accountant", "Bookkeeper", "Auditor"):
        _vacancy(make, title, f"{title}: keep the books and prepare financial statements.")
    embed_everything(db.session)
    login(profile.user)

    page = client.get("/graduate/recommendations").get_data(as_text=True)

    shown = _impressions(db.session, graduate_id=profile.id)
    titles_in_page_order = sorted(("Accountant", "Bookkeeper", "Auditor"), key=lambda title: page.index(f">{title}<"))
    assert [db.session.get(Vacancy, row.vacancy_id).title for row in shown] == titles_in_page_order
    assert [row.position for row in shown] == [1, 2, 3] and {row.surface for row in shown} == {Surface.RECOMMENDATIONS}
    assert shown[0].score >= shown[1].score >= shown[2].score
    assert 0 < shown[0].signals["similarity"] <= 1 and "exposure" in shown[0].signals


def test_search_results_are_recorded_for_a_signed_in_graduate_only_and_in_their_page_places(db, make, client, login):
    for i in range(25):
        _vacancy(make, f"Cashier {i}", "Handle cash and receipts.")
    client.get("/vacancies?q=Cashier")
    assert _impressions(db.session) == []  # nobody to record it for

    profile = _accountant(make)
    login(profile.user)
    client.get("/vacancies?q=Cashier&page=2")
    shown = _impressions(db.session, graduate_id=profile.id)
    assert shown and {row.surface for row in shown} == {Surface.SEARCH}
    assert shown[0].position == 21 and shown[-1].position == 25  # page 2 of 20 a page


def test_an_employer_s_recommended_candidates_are_recorded_for_the_vacancy(db, make, client, login):
    company = make.company()
    employer = make.employer(company=company)
    vacancy = _vacancy(make, "Accountant", "Prepare financial statements and tax returns.", company=company)
    graduate = _accountant(make, is_visible_to_employers=True)
    embed_everything(db.session)
    login(employer)

    assert client.get(f"/employer/vacancies/{vacancy.id}/candidates").status_code == 200

    shown = _impressions(db.session, surface=Surface.CANDIDATES)
    assert [(row.graduate_id, row.vacancy_id, row.position) for row in shown] == [(graduate.id, vacancy.id, 1)]


def test_what_people_do_with_a_pair_is_recorded_where_it_happens(db, make, client, login):
    company = make.company()
    employer = make.employer(company=company)
    profile = _accountant(make, is_visible_to_employers=True)
    opened, saved, dismissed, invited = (_vacancy(make, t, "Keep the books.", company=company) for t in "ABCD")
    login(profile.user)

    client.get(f"/vacancies/{opened.id}")
    saved_vacancies.save(db.session, profile, saved)
    saved_vacancies.save(db.session, profile, saved)  # twice: recorded once
    invitations.dismiss_vacancy(db.session, profile, dismissed)
    invitations.invite_to_apply(db.session, invited, profile.id, employer)
    application = applications.apply(db.session, profile, opened, shares_with_employer=True)
    for step in (ApplicationStatus.VIEWED, ApplicationStatus.SHORTLISTED, ApplicationStatus.INTERVIEW):
        applications.transition(db.session, application, step, employer)
    db.session.commit()

    done = [(row.vacancy_id, row.action) for row in db.session.scalars(select(Interaction).order_by(Interaction.id))]
    assert done == [
        (opened.id, Action.OPENED),
        (saved.id, Action.SAVED),
        (dismissed.id, Action.DISMISSED),
        (invited.id, Action.INVITED),
        (opened.id, Action.APPLIED),
        (opened.id, Action.INTERVIEWED),
    ]


def test_the_tally_counts_each_impression_once_and_waits_for_recent_ones(db, make):
    first, second, third = (make.graduate() for _ in range(3))
    often, once, later = (_vacancy(make, t, "Keep the books.") for t in ("A", "B", "C"))
    make.vacancy(status=VacancyStatus.DRAFT)  # not open: no share of exposure
    with clock.frozen_at(clock.now() - timedelta(hours=1)):
        feedback.record_shown(
            db.session, Surface.RECOMMENDATIONS, first.id, [(often.id, 0.5, None), (once.id, 0.4, None)]
        )
        feedback.record_shown(db.session, Surface.SEARCH, second.id, [(often.id, None, None)])
        far_down = [(often.id, None, None)] * 10 + [(later.id, None, None)]  # the 11th place is not seen
        feedback.record_shown(db.session, Surface.SEARCH, second.id, far_down)
        feedback.record_shown(db.session, Surface.RECOMMENDATIONS, third.id, [(often.id, 0.5, None)])
    feedback.record_shown(db.session, Surface.RECOMMENDATIONS, first.id, [(later.id, 0.3, None)])  # just now
    feedback.record_shown(db.session, Surface.CANDIDATES, None, [(first.id, 0.3, None)], vacancy_id=later.id)
    db.session.commit()

    assert tasks.tally_exposure() == 14
    assert tasks.tally_exposure() == 0  # nothing twice
    assert _tallied(db.session) == {often.id: 13, once.id: 1}
    assert db.session.get(ExposureTally, 1).fair_share == pytest.approx(14 / 3)  # over the three open vacancies

    clock.advance(timedelta(minutes=2))
    try:
        assert tasks.tally_exposure() == 1  # the one that was too recent; an employer's list never counts
    finally:
        clock.reset()
    assert _tallied(db.session) == {often.id: 13, once.id: 1, later.id: 1}


def _tallied(session) -> dict[int, int]:
    rows = session.execute(select(ExposureDay.vacancy_id, func.sum(ExposureDay.shown)).group_by(ExposureDay.vacancy_id))
    return {vacancy_id: int(shown) for vacancy_id, shown in rows}


def test_matches_few_have_seen_take_the_eighth_to_tenth_places_and_the_others_keep_their_order(db, make):
    profile = _accountant(make)
    others = [make.graduate() for _ in range(3)]
    seen = [_vacancy(make, "Accountant", "Prepare financial statements, tax returns and audits.") for _ in range(12)]
    unseen = [_vacancy(make, "Accounts clerk", "Prepare financial statements.") for _ in range(2)]
    embed_everything(db.session)
    before = recommendations.recommended_vacancies(db.session, profile, MODEL_NAME).items
    assert {item.vacancy.id for item in before[:12]} == {v.id for v in seen}  # by content, the twelve come first

    with clock.frozen_at(clock.now() - timedelta(hours=1)):
        for graduate in others:
            feedback.record_shown(db.session, Surface.RECOMMENDATIONS, graduate.id, [(v.id, 0.6, None) for v in seen])
    db.session.commit()
    tasks.tally_exposure()

    items = recommendations.recommended_vacancies(db.session, profile, MODEL_NAME).items
    assert {items[7].vacancy.id, items[8].vacancy.id} == {v.id for v in unseen}
    assert [i for i, item in enumerate(items) if item.reasons.few_have_seen] == [7, 8]
    rest = [item for item in items if not item.reasons.few_have_seen]
    ranks = [["strong", "good", "fair"].index(item.reasons.strength) for item in rest]
    assert ranks == sorted(ranks) and [item.score for item in rest] == sorted((i.score for i in rest), reverse=True)


def test_erasing_a_graduate_forgets_what_they_were_shown_and_did(db, make, tmp_path):
    profile = _accountant(make)
    vacancy = _vacancy(make, "Accountant", "Keep the books.")
    feedback.record_shown(db.session, Surface.RECOMMENDATIONS, profile.id, [(vacancy.id, 0.5, {"similarity": 0.5})])
    saved_vacancies.save(db.session, profile, vacancy)
    db.session.commit()

    erasure.erase_account(db.session, profile.user, str(tmp_path))
    db.session.commit()

    assert _impressions(db.session) == []
    assert db.session.scalar(select(func.count()).select_from(Interaction)) == 0


@pytest.fixture
def feedback_app(backend, tmp_path):
    app = migrated_app(backend, "feedback", tmp_path, RATELIMIT_ENABLED=False)
    yield app
    dispose(app)


GRADUATES = 6
VIEWS = 5


def test_graduates_viewing_recommendations_while_the_worker_tallies_are_each_counted_once(feedback_app):
    app = feedback_app
    with app.app_context():
        make = Factories(db.session)
        emails = [_accountant(make).user.email for _ in range(GRADUATES)]
        for title in ("Accountant", "Bookkeeper", "Auditor", "Tax clerk"):
            _vacancy(make, title, f"{title}: keep the books and prepare financial statements.")
        db.session.commit()
        embed_everything(db.session)
        db.session.remove()

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    statuses, lock, stop = Counter(), threading.Lock(), threading.Event()
    barrier = threading.Barrier(GRADUATES + 1)

    def graduate(email: str):
        browser = Browser(base, statuses, lock)
        assert browser.request("/auth/login", {"email": email, "password": DEFAULT_PASSWORD}) == 302
        barrier.wait(timeout=30)
        for i in range(VIEWS):
            browser.request("/graduate/recommendations" if i % 2 else "/graduate/")

    def worker():
        barrier.wait(timeout=30)
        while not stop.is_set():
            with app.app_context():
                tasks.tally_exposure()
                db.session.remove()

    people = [threading.Thread(target=graduate, args=(email,)) for email in emails]
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
    clock.advance(timedelta(minutes=2))
    try:
        with app.app_context():
            tasks.tally_exposure()
            impressions = db.session.scalar(select(func.count()).select_from(Impression))
            tallied = db.session.scalar(select(func.sum(ExposureDay.shown)))
            db.session.remove()
    finally:
        clock.reset()
    assert impressions == GRADUATES * (3 * 4 + 2 * 4)  # four vacancies, on the dashboard thrice and the list twice
    assert tallied == impressions


def test_a_good_match_nobody_was_shown_lately_takes_the_last_place_marked_as_such(db, make, client, login):
    profile = _accountant(make)
    others = [make.graduate() for _ in range(3)]
    seen = [_vacancy(make, "Accountant", "Prepare financial statements, tax returns and audits.") for _ in range(6)]
    unseen = _vacancy(make, "Accounts clerk", "Prepare financial statements.")
    _vacancy(make, "Crop technician", "Plant, tend and harvest field crops.")
    embed_everything(db.session)
    before = recommendations.recommended_vacancies(db.session, profile, MODEL_NAME, limit=2).items
    assert unseen.id not in [item.vacancy.id for item in before]  # nothing tallied: no discovery place

    with clock.frozen_at(clock.now() - timedelta(hours=1)):
        for graduate in others:
            feedback.record_shown(db.session, Surface.RECOMMENDATIONS, graduate.id, [(v.id, 0.6, None) for v in seen])
    db.session.commit()
    tasks.tally_exposure()

    items = recommendations.recommended_vacancies(db.session, profile, MODEL_NAME, limit=2).items
    assert [item.vacancy.id for item in items][1] == unseen.id and items[1].reasons.few_have_seen
    assert not items[0].reasons.few_have_seen
    login(profile.user)
    page = client.get("/graduate/").get_data(as_text=True)  # five places: the fifth is the discovery's
    assert page.count('data-testid="few-have-seen"') == 1 and "Few graduates have seen this vacancy yet" in page
    assert re.findall(r'data-vacancy-id="(\d+)"', page)[4] == str(unseen.id)
