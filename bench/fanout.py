"""Phase-message fan-out to a province of graduates: python -m bench.fanout [--graduates 1000000] [--db URL].

Seeds the graduates, gives the current phase a message, and times the worker's fan-out (notifications plus
the e-mails of everyone who accepts e-mail) to the end.
"""

from __future__ import annotations

import argparse
import time

from bench.common import backend_name, bench_app, emit, fresh_database


def main() -> None:
    """Seed, fan out, print the time and rate."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="sqlite")
    parser.add_argument("--graduates", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=2000)
    args = parser.parse_args()

    from recruit import clock
    from recruit.extensions import db
    from recruit.models import Campaign
    from recruit.seeding.loader import SeedSizes, seed_database
    from recruit.services.campaign.phase_messages import send_due_phase_messages

    url = fresh_database(args.db, "fanout")
    app = bench_app(url)
    with app.app_context():
        report = seed_database(
            db.session,
            SeedSizes(universities=40, graduates=args.graduates, companies=100, vacancies=100, applications=0),
        )
        campaign = db.session.get(Campaign, report.campaign_id)
        phase = next(p for p in campaign.phases if p.starts_on <= clock.today() <= p.ends_on)
        phase.message_graduates = "百日招聘进入对接阶段：新岗位每天更新，完善资料可获得更准确的推荐。"
        db.session.commit()
        started = time.perf_counter()
        covered = send_due_phase_messages(
            db.session, clock.today(), commit_batch=db.session.commit, batch_size=args.batch
        )
        elapsed = time.perf_counter() - started
    common = {"n": covered, "db": backend_name(url), "batch": args.batch}
    emit("fanout", "enqueue_s", elapsed, "s", **common)
    emit("fanout", "users_per_s", covered / elapsed, "users/s", **common)


if __name__ == "__main__":
    main()
