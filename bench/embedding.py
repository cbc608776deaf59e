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

from sqlalchemy import func, select

from bench.common import backend_name, bench_app, emit, fresh_database
from recruit import clock
from recruit.extensions import db
from recruit.matching.encoder import get_encoder, settings_from_config
from recruit.matching.text import job_match_text, profile_match_text
from recruit.models import EmbeddingOwner, GraduateProfile, Job, JobStatus
from recruit.seeding.loader import SeedSizes, seed_database
from recruit.services import recommendations
from recruit.services.embeddings import store

BENCH = "embedding"


def _embed_side(encoder, owner_type, model, text_of, where, batch: int = 64) -> tuple[int, float]:
    total, started = 0, time.perf_counter()
    last_id = 0
    while True:
        statement = select(model).where(where, model.id > last_id).order_by(model.id).limit(batch)
        owners = list(db.session.scalars(statement))
        if not owners:
            return total, time.perf_counter() - started
        store(db.session, encoder, owner_type, owners, [text_of(o) for o in owners], clock.now())
        db.session.commit()
        total += len(owners)
        last_id = owners[-1].id


def main() -> None:
    """Run the embedding benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--graduates", type=int, default=20_000)
    parser.add_argument("--jobs", type=int, default=2_000)
    parser.add_argument("--db", default="sqlite")
    args = parser.parse_args()
    url = fresh_database(args.db, "embedding")
    app = bench_app(url)
    backend = backend_name(url)
    with app.app_context():
        sizes = SeedSizes(universities=40, graduates=args.graduates, companies=max(50, args.jobs // 4),
                          jobs=args.jobs, applications=0)
        seed_database(db.session, sizes)
        db.session.commit()
        encoder = get_encoder(settings_from_config(app.config))
        encoder.passages(["warm up"])
        count, seconds = _embed_side(encoder, EmbeddingOwner.JOB, Job, job_match_text,
                                     Job.status == JobStatus.PUBLISHED)
        emit(BENCH, "vacancies_per_s", count / seconds, "texts/s", n=count, db=backend, model=encoder.model_name)
        count, seconds = _embed_side(encoder, EmbeddingOwner.GRADUATE, GraduateProfile, profile_match_text,
                                     GraduateProfile.major != "")
        rate = count / seconds
        emit(BENCH, "profiles_per_s", rate, "profiles/s", n=count, db=backend, model=encoder.model_name)
        emit(BENCH, "one_worker_1m_graduates_h", 1_000_000 / rate / 3600, "h", extrapolated_from=count)
        profile_id = db.session.scalar(select(func.min(GraduateProfile.id)).where(GraduateProfile.major != ""))
        db.session.remove()

    from recruit.worker.scheduler import start_in_thread

    worker, thread = start_in_thread(app)
    try:
        with app.app_context():
            time.sleep(5)  # the worker takes its lease and loads the model
            profile = db.session.get(GraduateProfile, profile_id)
            profile.about = (profile.about or "") + " Also keen on data analysis with Python and SQL."
            profile.text_changed_at = clock.now()
            db.session.commit()
            started = time.perf_counter()
            model_name = settings_from_config(app.config).model_name
            while time.perf_counter() - started < 120:
                db.session.expire_all()
                state = recommendations.recommended_jobs(db.session, db.session.get(GraduateProfile, profile_id),
                                                         model_name, limit=10).state
                if state == "ready":
                    break
                time.sleep(0.2)
            emit(BENCH, "changed_profile_ready_s", time.perf_counter() - started, "s", db=backend, state=state)
    finally:
        worker.stop()
        thread.join(timeout=15)


if __name__ == "__main__":
    main()
