"""Fair exposure on the seeded campaign: how many published vacancies appear in no graduate's top 10, and how
concentrated top-10 places are (Gini across vacancies; the same for companies with fewer than 3 applicants per
place), without and with the discovery places (matching/exposure.py).

    python -m bench.exposure [--db sqlite|URL] [--rounds 2]

Without: every graduate's top 10 as the recommendation service gives it with nothing tallied, seen once a round.
With: graduates come in a random order, round after round, each seeing their top 10 (recorded as impressions, as
the pages do); the worker's tally runs after every 200 graduates. The figures are over every top 10 seen in all
rounds (a vacancy "never shown" was in nobody's top 10 in any round); "picks" counts the discovery places given.
The cost in nDCG@10 is measured by `recruit eval` on the development sets (its "exposure" line).
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from datetime import timedelta

from sqlalchemy import func, select

from bench.common import backend_name, bench_app, emit, fresh_database
from recruit import clock
from recruit.matching.encoder import get_encoder
from recruit.matching.encoder_settings import EncoderSettings
from recruit.matching.evaluate import exposure_of, gini
from recruit.models import Application, GraduateProfile, Vacancy
from recruit.models.feedback import Surface
from recruit.seeding.loader import SeedSizes, seed_database
from recruit.services.discovery import feedback, recommendations
from recruit.services.discovery.embeddings import embed_pending
from recruit.services.discovery.search import open_vacancies
from recruit.services.hiring.applications import OPEN_STATUSES

BENCH = "exposure"
TOP = 10
TALLY_EVERY = 200


def _top_tens(session, graduate_ids: list[int], model_name: str, record: bool) -> tuple[dict[int, list[int]], int]:
    tops, picks = {}, 0
    for n, graduate_id in enumerate(graduate_ids, start=1):
        profile = session.get(GraduateProfile, graduate_id)
        result = recommendations.recommended_vacancies(session, profile, model_name, limit=TOP)
        if not result.is_ready:
            continue
        tops[graduate_id] = [item.vacancy.id for item in result.items]
        picks += sum(1 for item in result.items if item.reasons.few_have_seen)
        if record:
            feedback.record_shown(
                session, Surface.RECOMMENDATIONS, graduate_id, recommendations.shown_vacancies(result.items)
            )
            session.commit()
            if n % TALLY_EVERY == 0:
                clock.advance(feedback.SETTLING + timedelta(seconds=1))
                feedback.tally_exposure(session, commit=session.commit)
                session.commit()
        session.expunge_all()
    return tops, picks


def _few_applicant_companies(session, vacancy_ids: list[int]) -> dict[int, list[int]]:
    """Companies with fewer than 3 open applications per open place, with their open vacancies."""
    rows = session.execute(
        select(Vacancy.id, Vacancy.company_id, Vacancy.headcount - Vacancy.hired_count).where(
            Vacancy.id.in_(vacancy_ids)
        )
    ).all()
    applicants = dict(
        session.execute(
            select(Application.vacancy_id, func.count())
            .where(Application.status.in_(OPEN_STATUSES))
            .group_by(Application.vacancy_id)
        ).all()
    )
    places, taken, vacancies = Counter(), Counter(), {}
    for vacancy_id, company_id, open_places in rows:
        places[company_id] += max(1, open_places)
        taken[company_id] += applicants.get(vacancy_id, 0)
        vacancies.setdefault(company_id, []).append(vacancy_id)
    return {company: ids for company, ids in vacancies.items() if taken[company] / places[company] < 3}


def _report(label: str, tops: list[list[int]], vacancy_ids: list[int], small: dict[int, list[int]], db: str, **more):
    overall = exposure_of(tops, vacancy_ids)
    small_ids = [vacancy_id for ids in small.values() for vacancy_id in ids]
    small_vacancies = exposure_of(tops, small_ids)
    places = Counter(vacancy_id for top in tops for vacancy_id in top)
    small_companies = gini([sum(places[v] for v in ids) for ids in small.values()])
    extra = {"db": db, "rules": label, "lists": len(tops), "vacancies": len(vacancy_ids), **more}
    emit(BENCH, "never_shown_share", overall.never_shown, "share", **extra)
    emit(BENCH, "top10_gini", overall.gini, "gini", **extra)
    emit(BENCH, "few_applicants_never_shown_share", small_vacancies.never_shown, "share", companies=len(small), **extra)
    emit(BENCH, "few_applicants_vacancy_gini", small_vacancies.gini, "gini", **extra)
    emit(BENCH, "few_applicants_company_gini", small_companies, "gini", **extra)


def main() -> None:
    """Seed the demo-size campaign, embed it, and print the exposure figures without and with the rules."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    url = fresh_database(args.db, "exposure")
    app = bench_app(url)
    from recruit.extensions import db

    settings = EncoderSettings()
    with app.app_context():
        session = db.session
        started = time.perf_counter()
        seed_database(session, SeedSizes())
        session.commit()
        embed_pending(session, get_encoder(settings), commit_batch=session.commit)
        emit(BENCH, "seed_and_embed_s", time.perf_counter() - started, "s", db=backend_name(url))
        graduate_ids = list(session.scalars(select(GraduateProfile.id).order_by(GraduateProfile.id)))
        vacancy_ids = list(session.scalars(open_vacancies(clock.today()).with_only_columns(Vacancy.id).order_by(None)))
        small = _few_applicant_companies(session, vacancy_ids)

        none, _ = _top_tens(session, graduate_ids, settings.model_name, record=False)
        _report("none", list(none.values()) * args.rounds, vacancy_ids, small, backend_name(url), rounds=args.rounds)
        order, seen, picks = graduate_ids[:], [], 0
        for round_number in range(args.rounds):
            random.Random(round_number).shuffle(order)
            tops, picked = _top_tens(session, order, settings.model_name, record=True)
            seen.extend(tops.values())
            picks += picked
        _report("exposure", seen, vacancy_ids, small, backend_name(url), rounds=args.rounds, picks=picks)
        clock.reset()


if __name__ == "__main__":
    main()
