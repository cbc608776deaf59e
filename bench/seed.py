"""How long `recruit seed` takes at scale: python -m bench.seed --graduates 1000000 --vacancies 100000 [--db URL]."""

from __future__ import annotations

import argparse
import time

from bench.common import backend_name, bench_app, emit, fresh_database


def main() -> None:
    """Seed a fresh database with the given sizes and print the time and rate."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="sqlite", help="'sqlite' (a new file) or a PostgreSQL URL")
    parser.add_argument("--universities", type=int, default=40)
    parser.add_argument("--graduates", type=int, default=100_000)
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=100_000)
    args = parser.parse_args()

    from recruit.extensions import db
    from recruit.seeding.loader import SeedSizes, seed_database

    url = fresh_database(args.db, "seed")
    app = bench_app(url)
    sizes = SeedSizes(args.universities, args.graduates, args.companies, args.vacancies, args.applications)
    with app.app_context():
        started = time.perf_counter()
        seed_database(db.session, sizes)
        db.session.commit()
        elapsed = time.perf_counter() - started
    common = {
        "db": backend_name(url),
        "graduates": args.graduates,
        "companies": args.companies,
        "vacancies": args.vacancies,
        "applications": args.applications,
    }
    emit("seed", "total_s", elapsed, "s", **common)
    emit("seed", "rows_per_s", sizes.total_rows / elapsed, "rows/s", **common)


if __name__ == "__main__":
    main()
