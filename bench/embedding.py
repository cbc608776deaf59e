"""Embedding the seeded campaign, and how fresh recommendations are with the worker running.

    python -m bench.embedding --graduates 20000 [--db URL]

Seeds a campaign, embeds it with the worker's own service (int8 model, batches of 64), prints profiles/s
and vacancies/s and the time one worker would take for 1M graduates; then starts the real worker (its
scheduler and lease, in a thread), changes one profile's text and times how long until that graduate's
recommendations are ready again.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from sqlalchemy import func, select

from bench.common import backend_name, bench_app, emit, fresh_database
from recruit.extensions import db
from recruit.matching.encoder import get_encoder
from recruit.matching.encoder_settings import settings_from_config
from recruit.models import EmbeddingOwner, GraduateProfile
from recruit.seeding.loader import SeedSizes, seed_database
from recruit.services.discovery import recommendations
from recruit.services.discovery.embeddings import embed_pending

BENCH = "embedding"


def _embed(encoder, owner_type) -> tuple[int, float]:
    """Embed one side's backlog through the worker's own path (embed_pending)."""
    started = time.perf_counter()
    report = embed_pending(db.session, encoder, commit_batch=db.session.commit, owner_types=(owner_type,))
    return report.embedded, time.perf_counter() - started


def main() -> None:
    """Run the embedding benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--graduates", type=int, default=20_000)
    parser.add_argument("--vacancies", type=int, default=2_000)
    parser.add_argument("--db", default="sqlite")
    args = parser.parse_args()
    url = fresh_database(args.db, "embedding")
    app = bench_app(url)
    backend = backend_name(url)
    with app.app_context():
        sizes = SeedSizes(
            universities=40,
            graduates=args.graduates,
            companies=max(50, args.vacancies // 4),
            vacancies=args.vacancies,
            applications=0,
        )
        seed_database(db.session, sizes)
        db.session.commit()
        encoder = get_encoder(settings_from_config(app.config))
        encoder.passages(["warm up"])
        count, seconds = _embed(encoder, EmbeddingOwner.VACANCY)
        count_vacancies = count
        emit(BENCH, "vacancies_per_s", count / seconds, "texts/s", n=count, db=backend, model=encoder.model_name)
        count, seconds = _embed(encoder, EmbeddingOwner.GRADUATE)
        rate = count / seconds
        emit(BENCH, "profiles_per_s", rate, "profiles/s", n=count, db=backend, model=encoder.model_name)
        emit(BENCH, "one_worker_1m_graduates_h", 1_000_000 / rate / 3600, "h", extrapolated_from=count)
        model_name = settings_from_config(app.config).model_name
        sample = list(db.session.scalars(select(GraduateProfile.id).where(GraduateProfile.major != "").limit(300)))
        recommendations.recommended_vacancies(db.session, db.session.get(GraduateProfile, sample[0]), model_name)
        timings = []
        for graduate_id in sample[1:]:
            profile = db.session.get(GraduateProfile, graduate_id)
            started = time.perf_counter()
            recommendations.recommended_vacancies(db.session, profile, model_name, limit=20)
            timings.append((time.perf_counter() - started) * 1000)
        for name, q in (("p50", 50), ("p95", 95)):
            emit(
                BENCH,
                f"recommended_vacancies_{name}_ms",
                float(np.percentile(timings, q)),
                "ms",
                db=backend,
                vacancies=count_vacancies,
                note="whole service: pool, database filters, rows, reasons, score",
            )
        profile_id = db.session.scalar(select(func.min(GraduateProfile.id)).where(GraduateProfile.major != ""))
        db.session.remove()

    from recruit.worker.scheduler import start_in_thread

    worker, thread = start_in_thread(app)
    try:
        with app.app_context():
            time.sleep(5)  # the worker takes its lease and loads the model
            profile = db.session.get(GraduateProfile, profile_id)
            profile.about = (profile.about or "") + " Also keen on data analysis with Python and SQL."
            db.session.commit()
            started = time.perf_counter()
            model_name = settings_from_config(app.config).model_name
            while time.perf_counter() - started < 120:
                db.session.rollback()  # end the read transaction: SQLite would keep showing its first snapshot
                state = recommendations.recommended_vacancies(
                    db.session, db.session.get(GraduateProfile, profile_id), model_name, limit=10
                ).state
                if state == "ready":
                    break
                time.sleep(0.2)
            emit(BENCH, "changed_profile_ready_s", time.perf_counter() - started, "s", db=backend, state=state)
    finally:
        worker.stop()
        thread.join(timeout=15)


if __name__ == "__main__":
    main()
