"""Vacancy search at scale: python -m bench.search [--vacancies 100000] [--db sqlite|URL] [--http-seconds 20].

Seeds a fresh database, times keyword-plus-two-filter searches in process (English and Chinese keywords),
then serves the search page with gunicorn and loads it with wrk at 32 connections from a second process.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench.common import backend_name, bench_app, emit, fresh_database

ENGLISH = ["python", "java", "sql", "excel", "engineer", "sales", "designer", "analyst"]
CHINESE = ["会计", "销售", "财务", "数据分析", "工程师", "运营", "设计", "质量"]
FILTERS = [  # two filters each
    {"province_code": "44", "degree": "bachelor"},
    {"province_code": "33", "salary_at_least": 6000},
    {"industry": "I", "posted_within_days": 30},
    {"city": "杭州", "size_class": "small"},
]
URL_FILTERS = [
    {"province": "44", "degree": "bachelor"},
    {"province": "33", "salary": "6000"},
    {"industry": "I", "days": "30"},
    {"city": "杭州", "size": "small"},
]


def percentile(samples: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def time_queries(app, rounds: int) -> dict[str, list[float]]:
    """Run every keyword with every filter pair `rounds` times; return latencies (ms) per language."""
    from recruit.extensions import db
    from recruit.models import SizeClass
    from recruit.reference.education import Degree
    from recruit.services.discovery.search import VacancyQuery, search_vacancies

    def query(keyword: str, filters: dict) -> VacancyQuery:
        values = dict(filters)
        if "degree" in values:
            values["degree"] = Degree(values["degree"])
        if "size_class" in values:
            values["size_class"] = SizeClass(values["size_class"])
        return VacancyQuery(keywords=keyword, **values)

    latencies: dict[str, list[float]] = {"en": [], "zh": []}
    with app.app_context():
        for keyword, filters in itertools.product(ENGLISH + CHINESE, FILTERS):  # warm-up
            search_vacancies(db.session, query(keyword, filters))
        for _ in range(rounds):
            for language, words in (("en", ENGLISH), ("zh", CHINESE)):
                for keyword, filters in itertools.product(words, FILTERS):
                    started = time.perf_counter()
                    search_vacancies(db.session, query(keyword, filters))
                    latencies[language].append((time.perf_counter() - started) * 1000)
        db.session.remove()
    return latencies


def free_port() -> int:
    """An unused loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %%d, "seconds": %%f, "p50_ms": %%f, "p95_ms": %%f, "p99_ms": %%f, ' ..
    '"errors": %%d, "non_2xx": %%d}\\n', summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def load_test(url: str, seconds: int, connections: int, workers: int, cache_seconds: float) -> dict:
    """Serve the app with gunicorn and load the search page with wrk; return wrk's figures."""
    port = free_port()
    env = {
        **os.environ,
        "RECRUIT_ENV": "production",
        "RECRUIT_SECRET_KEY": "bench-secret",
        "RECRUIT_DATABASE_URL": url,
        "RECRUIT_SECURE_COOKIES": "false",
        "RECRUIT_DEFAULT_LOCALE": "zh",
        "RECRUIT_CACHE_SECONDS": str(cache_seconds),
    }
    log = tempfile.NamedTemporaryFile(prefix="bench-gunicorn-", suffix=".log", delete=False)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "-",
            "recruit:create_app()",
        ],
        env=env,
        stdout=log,
        stderr=log,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit(f"gunicorn did not start; see {log.name}") from None
                time.sleep(0.3)
        paths = []
        for keyword, filters in itertools.product(ENGLISH + CHINESE, URL_FILTERS):
            paths.append("/vacancies?" + urllib.parse.urlencode({"q": keyword, **filters}))
        script = Path(tempfile.mkdtemp()) / "search.lua"
        script.write_text(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
        # Warm-up: long enough, with a cache, for every worker to have seen every URL once.
        warm_up = "15s" if cache_seconds else "3s"
        subprocess.run(
            ["wrk", "-t2", "-c", str(connections), "-d", warm_up, "-s", str(script), f"http://127.0.0.1:{port}"],
            capture_output=True,
            check=True,
        )
        out = subprocess.run(
            [
                "wrk",
                "-t2",
                "-c",
                str(connections),
                "-d",
                f"{seconds}s",
                "--timeout",
                "10s",
                "-s",
                str(script),
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return json.loads(out.strip().splitlines()[-1])
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    """Seed, time searches in process, then under HTTP load; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="sqlite", help="'sqlite' (a new file) or a PostgreSQL URL")
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--http-seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    from recruit.extensions import db
    from recruit.seeding.loader import SeedSizes, seed_database

    url = fresh_database(args.db, "search")
    app = bench_app(url)
    with app.app_context():
        seed_database(
            db.session,
            SeedSizes(
                universities=40, graduates=1000, companies=args.companies, vacancies=args.vacancies, applications=0
            ),
        )
        db.session.commit()  # the seed ends with ANALYZE, as any bulk load should
        db.session.remove()
    common = {"n": args.vacancies, "db": backend_name(url)}
    latencies = time_queries(app, args.rounds)
    for language, samples in latencies.items():
        emit("search", f"p50_ms_{language}", statistics.median(samples), "ms", queries=len(samples), **common)
        emit("search", f"p95_ms_{language}", percentile(samples, 95), "ms", queries=len(samples), **common)
    both = latencies["en"] + latencies["zh"]
    emit("search", "p50_ms", statistics.median(both), "ms", queries=len(both), **common)
    emit("search", "p95_ms", percentile(both, 95), "ms", queries=len(both), **common)
    if args.http_seconds:
        # Uncached: every request runs its queries. Cached: the page's matches may be 30 s old (the
        # production default); with this benchmark's 64 distinct URLs nearly every request is a hit, so that
        # figure is the cost of serving a popular search, not of a first one.
        for cache_seconds in (0, 30):
            figures = load_test(url, args.http_seconds, args.connections, args.workers, cache_seconds)
            http = {
                **common,
                "connections": args.connections,
                "workers": args.workers,
                "cache_s": cache_seconds,
                "distinct_urls": len(ENGLISH + CHINESE) * len(URL_FILTERS),
            }
            emit("search_http", "requests_per_s", figures["requests"] / figures["seconds"], "req/s", **http)
            emit("search_http", "p50_ms", figures["p50_ms"], "ms", **http)
            emit("search_http", "p95_ms", figures["p95_ms"], "ms", **http)
            emit("search_http", "errors", figures["errors"] + figures["non_2xx"], "count", **http)


if __name__ == "__main__":
    main()
