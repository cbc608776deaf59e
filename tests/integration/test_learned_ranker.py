"""The learned ranker, simulated: synthetic graduates with hidden preferences (they care about the city and the
salary far more, and about text similarity less, than the hand-set weights say) are shown their top 10 day after
day by the ranker in use, act on it (open, apply, dismiss) with a bias for the first places, and the worker trains
each night. After a few weeks the swapped-in model orders fresh graduates' lists by their hidden preferences
better than the hand-set weights; a model that does not beat the one in use is kept out; each training is stored
with its figures and each swap audited."""

from __future__ import annotations

import random
import re
from datetime import timedelta

import numpy as np
from sqlalchemy import func, select

from recruit import clock
from recruit.matching import learned
from recruit.models import Action, AuditEntry, RankerModel, Role, Surface
from recruit.reference.education import Degree
from recruit.services.discovery import feedback, ranker, recommendations
from recruit.worker import tasks
from tests.support.matching import MODEL_NAME, embed_everything, fresh_indexes

GRADUATES, VACANCIES, DAYS, SHOWN = 60, 30, 16, 10


def _features(rng: random.Random) -> dict:
    return {
        "similarity": rng.uniform(0.2, 0.7),
        "lexical": rng.uniform(0.0, 0.05),
        "skills": rng.choice([None, rng.random()]),
        "city": rng.choice([True, False, None]),
        "industry": rng.choice([True, False, None]),
        "salary": rng.choice([True, False, None]),
        "major": rng.choice([True, False, None]),
        "applicants_per_place": rng.expovariate(0.5),
        "exposure": 0.0,
    }


def _utility(features: dict) -> float:
    """What the synthetic graduate really weighs (hidden from every ranker)."""
    sign = {True: 1.0, False: -1.0, None: 0.0}
    return 0.5 * features["similarity"] + 0.35 * sign[features["city"]] + 0.25 * sign[features["salary"]]


def _grade(utility: float) -> int:
    return 3 if utility > 0.5 else 2 if utility > 0.3 else 1 if utility > 0.1 else 0


def _order(session, features: list[dict]) -> np.ndarray:
    """The ranker in use, as recommendations apply it (the learned one if active, else the hand-set weights)."""
    current = ranker.active(session)
    scores = learned.hand_set_scores(features) if current is None else current.score(features)
    return np.argsort(-scores, kind="stable")


def _ndcg_by_utility(worlds: list[list[dict]], scores: list[np.ndarray]) -> float:
    lists = [learned.ShownList(features, [_grade(_utility(f)) for f in features]) for features in worlds]
    return learned.ndcg(lists, scores)


def test_the_learned_ranker_recovers_hidden_preferences_the_hand_set_weights_miss(db, make):
    rng = random.Random(11)
    graduates = [make.graduate() for _ in range(GRADUATES)]
    vacancies = [make.vacancy() for _ in range(VACANCIES)]
    db.session.commit()
    world = {g.id: [_features(rng) for _ in vacancies] for g in graduates}
    start = clock.now() - timedelta(days=DAYS + 1)
    trainings = []
    for day in range(DAYS):
        clock.set_now(start + timedelta(days=day))
        for graduate in graduates:
            features = world[graduate.id]
            top = _order(db.session, features)[:SHOWN]
            shown = [(vacancies[i].id, None, features[i]) for i in top]
            feedback.record_shown(db.session, Surface.RECOMMENDATIONS, graduate.id, shown)
            for place, i in enumerate(top, start=1):
                if rng.random() > 1 / (1 + 0.25 * place):  # the first places are looked at more
                    continue
                utility = _utility(features[i]) + rng.gauss(0, 0.1)
                action = (
                    Action.APPLIED
                    if utility > 0.5
                    else Action.OPENED
                    if utility > 0.25
                    else Action.DISMISSED
                    if utility < 0
                    else None
                )
                if action is not None:
                    feedback.record(db.session, graduate.id, vacancies[i].id, action)
        db.session.commit()
        clock.set_now(start + timedelta(days=day, hours=23))
        trainings.append(tasks.train_ranker())
    clock.reset()

    stored = list(db.session.scalars(select(RankerModel).order_by(RankerModel.id)))
    assert trainings[:8] == [0] * 8  # off until there is a week to check on and enough lists before it
    assert stored and all(row.validation_lists >= ranker.MIN_VALIDATION_LISTS for row in stored)
    active = [row for row in stored if row.is_active]
    swapped = [row for row in stored if row.ndcg_new >= row.ndcg_current + ranker.SWAP_MARGIN]
    assert len(active) == 1 and swapped and active[0] is swapped[-1]  # the latest model that beat the one in use
    assert stored[0].current == "hand-set" and all(
        row.current.startswith("learned #") for row in stored if row.id > swapped[0].id
    )
    swaps = db.session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "ranker.swap"))
    assert swaps == len(swapped)

    fresh = [[_features(rng) for _ in range(VACANCIES)] for _ in range(200)]
    learned_ranker = ranker.active(db.session)
    hand = _ndcg_by_utility(fresh, [learned.hand_set_scores(f) for f in fresh])
    recovered = _ndcg_by_utility(fresh, [learned_ranker.score(f) for f in fresh])
    assert recovered > hand + 0.05, (hand, recovered)


def test_nothing_is_trained_without_enough_lists(db, make):
    graduate, vacancy = make.graduate(), make.vacancy()
    feedback.record_shown(
        db.session, Surface.RECOMMENDATIONS, graduate.id, [(vacancy.id, 0.5, _features(random.Random(1)))]
    )
    feedback.record(db.session, graduate.id, vacancy.id, Action.APPLIED)
    db.session.commit()
    assert tasks.train_ranker() == 0
    assert db.session.scalar(select(func.count()).select_from(RankerModel)) == 0
    assert ranker.active(db.session) is None


def test_recommendations_follow_the_active_learned_ranker_and_its_labels_follow_the_order(db, make):
    fresh_indexes()
    profile = make.graduate(
        major="Accounting",
        skills=["Excel"],
        degree=Degree.BACHELOR,
        about="Accounting graduate: financial statements, tax returns and audits.",
        preferred_cities=["广州"],
    )
    closer = make.vacancy(title="Accountant", description="Prepare financial statements and tax returns.", city="北京")
    in_city = make.vacancy(title="Bookkeeper", description="Keep the books of a small shop.", city="广州")
    embed_everything(db.session)
    before = [m.vacancy.id for m in recommendations.recommended_vacancies(db.session, profile, MODEL_NAME).items]
    assert before == [closer.id, in_city.id]  # the hand-set weights: content first

    rng = random.Random(3)
    lists = []
    for _ in range(400):  # graduates who only ever act on vacancies in their preferred city
        features = [_features(rng) for _ in range(10)]
        lists.append(learned.ShownList(features, [3 if f["city"] is True else 0 for f in features]))
    trained = ranker.Trained(learned.train(lists), clock.now(), 400, 100, 0.5, 0.9, "hand-set", None)
    ranker.store(db.session, trained)
    db.session.commit()

    items = recommendations.recommended_vacancies(db.session, profile, MODEL_NAME).items
    assert [m.vacancy.id for m in items] == [in_city.id, closer.id]
    ranks = [["strong", "good", "fair"].index(m.reasons.strength) for m in items]
    assert ranks == sorted(ranks)
    fresh_indexes()


def test_the_operator_sees_each_training_and_the_one_in_use(db, make, client, login_as):
    rng = random.Random(5)
    lists = [
        learned.ShownList(f := [_features(rng) for _ in range(10)], [int(x["city"] is True) for x in f])
        for _ in range(50)
    ]
    ranker.store(db.session, ranker.Trained(learned.train(lists), clock.now(), 320, 60, 0.61, 0.72, "hand-set", None))
    ranker.store(db.session, ranker.Trained(learned.train(lists), clock.now(), 380, 60, 0.72, 0.719, "learned #1", 1))
    db.session.commit()

    login_as(Role.GRADUATE)
    assert client.get("/admin/matching").status_code == 403
    client.post("/auth/logout")
    login_as(Role.OPERATOR)
    page = client.get("/admin/matching").get_data(as_text=True)
    rows = re.findall(r'<tr data-training="(\d+)">(.*?)</tr>', page, re.S)
    assert [cells.count("in use") for _, cells in rows] == [0, 1]  # newest first: the second was kept out
    assert "0.610" in rows[1][1] and "0.720" in rows[1][1] and "320" in rows[1][1] and "hand-set weights" in rows[1][1]
