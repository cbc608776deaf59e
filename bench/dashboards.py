"""Dashboards at national scale: the career office's pages and the operator's dashboard, rendered through the app
(in-process test client, logged in), p50/p95 over repeated requests; and how long the worker takes to compute the
operator's figures.

python -m bench.dashboards --graduates 1000000 --vacancies 100000 --applications 5000000 [--db URL] [--reuse URL]
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench.common import backend_name, bench_app, emit, fresh_database
from recruit.services.people.consents import PRIVACY_NOTICE_VERSION

PASSWORD = "bench-dashboards-2026"
OPERATOR_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _office_for(session, university_id: int):
    from recruit import clock
    from recruit.models import Role, User
    from recruit.services.people.passwords import hash_password

    email = f"bench-office-{university_id}@example.com"
    user = session.query(User).filter_by(email=email).one_or_none()
    if user is None:
        user = User(
            email=email,
            password_hash=hash_password(PASSWORD),
            role=Role.CAREER_OFFICE,
            university_id=university_id,
            display_name="bench",
            consent_notice_version=PRIVACY_NOTICE_VERSION,
            consent_at=clock.now(),
        )
        session.add(user)
        session.commit()
    return user


def _operator(session):
    from recruit import clock
    from recruit.models import Role, User
    from recruit.services.people.passwords import hash_password

    user = session.query(User).filter_by(email="bench-operator@example.com").one_or_none()
    if user is None:
        user = User(
            email="bench-operator@example.com",
            password_hash=hash_password(PASSWORD),
            role=Role.OPERATOR,
            display_name="bench",
            consent_notice_version=PRIVACY_NOTICE_VERSION,
            consent_at=clock.now(),
            totp_secret=OPERATOR_TOTP_SECRET,  # operators log in with a second step
            totp_enabled_at=clock.now(),
        )
        session.add(user)
        session.commit()
    return user


def _time_pages(app, email: str, paths: list[str], repeat: int, **common) -> None:
    client = app.test_client()
    response = client.post("/auth/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    if response.headers["Location"] == "/auth/two-step":
        import pyotp

        code = pyotp.TOTP(OPERATOR_TOTP_SECRET).now()
        assert client.post("/auth/two-step", data={"code": code}).status_code == 302
    for path in paths:
        client.get(path)  # warm the caches a real server would have warm
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
        emit("dashboards", "p50_ms", statistics.median(times), "ms", page=path, **common)
        emit("dashboards", "p95_ms", p95, "ms", page=path, **common)


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    """Seed (or reuse) a national campaign, then time every dashboard page."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="sqlite", help="'sqlite' (a new file) or a PostgreSQL URL")
    parser.add_argument("--reuse", default=None, help="the URL of a database seeded by an earlier run")
    parser.add_argument("--universities", type=int, default=2631)
    parser.add_argument("--graduates", type=int, default=100_000)
    parser.add_argument("--companies", type=int, default=20_000)
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--concentrate",
        type=int,
        default=0,
        help="first move this many graduates to the largest university (the seed spreads them evenly)",
    )
    args = parser.parse_args()

    from sqlalchemy import func, select

    from recruit import clock
    from recruit.database import refresh_statistics
    from recruit.extensions import db
    from recruit.models import Application, GraduateProfile, University, User
    from recruit.seeding.loader import SeedSizes, seed_database
    from recruit.services.campaign import campaigns, national
    from recruit.services.universities import dashboard
    from recruit.worker import tasks

    url = args.reuse or fresh_database(args.db, "dashboards")
    print(f"database: {url}", flush=True)
    app = bench_app(url)
    app.config["WTF_CSRF_ENABLED"] = False  # the bench logs in with a plain POST
    with app.app_context():
        session = db.session
        if not args.reuse:
            started = time.perf_counter()
            sizes = SeedSizes(args.universities, args.graduates, args.companies, args.vacancies, args.applications)
            seed_database(session, sizes)
            session.commit()
            emit("dashboards", "seed_s", time.perf_counter() - started, "s", db=backend_name(url))
        refresh_statistics(session)
        session.commit()
        counts = {
            "graduates": session.scalar(select(func.count()).select_from(GraduateProfile)),
            "applications": session.scalar(select(func.count()).select_from(Application)),
            "universities": session.scalar(
                select(func.count(func.distinct(GraduateProfile.university_id))).select_from(GraduateProfile)
            ),
        }
        common = {"db": backend_name(url), **counts}
        sizes_by_university = session.execute(
            select(GraduateProfile.university_id, func.count())
            .group_by(GraduateProfile.university_id)
            .order_by(func.count().desc())
        ).all()
        largest, largest_n = sizes_by_university[0]
        if args.concentrate:
            moved = select(GraduateProfile.id).order_by(GraduateProfile.id).limit(args.concentrate).scalar_subquery()
            session.execute(
                GraduateProfile.__table__.update().where(GraduateProfile.id.in_(moved)).values(university_id=largest)
            )
            session.commit()
            largest_n = session.scalar(select(func.count()).where(GraduateProfile.university_id == largest))
        median_id, median_n = sizes_by_university[len(sizes_by_university) // 2]
        started = time.perf_counter()
        scopes = national.refresh_snapshots(session, campaigns.current_campaign(session, clock.today()))
        session.commit()
        emit("dashboards", "refresh_national_figures_s", time.perf_counter() - started, "s", scopes=scopes, **common)
        started = time.perf_counter()
        kept = tasks.refresh_university_figures()  # what the worker does every five minutes
        emit("dashboards", "refresh_university_figures_s", time.perf_counter() - started, "s", kept=kept, **common)
        offices = {
            "largest": (_office_for(session, largest).email, largest_n),
            "median": (_office_for(session, median_id).email, median_n),
        }
        province = session.scalar(select(University.province_code).where(University.id == largest))
        operator = _operator(session).email
        db.session.remove()

    # The large university's dashboard counted at the page view, as it was before the worker kept its figures.
    with app.app_context():
        largest_office = db.session.scalar(select(User).where(User.email == offices["largest"][0]))
        campaign = campaigns.current_campaign(db.session, clock.today())
        live = [_timed(lambda: dashboard.compute(db.session, largest_office.university_id, campaign)) for _ in range(5)]
        emit("dashboards", "counted_live_p50_ms", statistics.median(live), "ms", university="largest", **common)
        db.session.remove()
    career_pages = ["/career/", "/career/graduates", "/career/graduates?waiting=not_applied&waiting_days=14"]
    career_pages += ["/career/graduates?stage=placed&major=", "/career/nudges"]
    for size, (email, graduates) in offices.items():
        _time_pages(app, email, career_pages, args.repeat, university=size, university_graduates=graduates, **common)
    _time_pages(app, operator, ["/admin/", f"/admin/?province={province}"], args.repeat, **common)


if __name__ == "__main__":
    main()
