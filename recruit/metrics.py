"""Prometheus metrics: requests by endpoint and status with their latency, scheduled task runs and failures, and
the backlogs (outbox, embedding) read at scrape time. Under gunicorn, set PROMETHEUS_MULTIPROC_DIR so that every
web process (and a worker on the same machine) counts into one place (prometheus_client's multiprocess mode)."""

from __future__ import annotations

import os

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

REQUESTS = Counter("recruit_http_requests", "HTTP requests answered", ["endpoint", "method", "status"])
LATENCY = Histogram(
    "recruit_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["endpoint"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
TASK_RUNS = Counter("recruit_worker_task_runs", "Scheduled task runs by outcome", ["task", "outcome"])


class _Snapshot:
    """Gauges read once per scrape (from the database, by the caller)."""

    def __init__(self, gauges: dict[str, tuple[str, float]]):
        self.gauges = gauges

    def collect(self):
        """Yield one gauge per figure."""
        for name, (description, value) in self.gauges.items():
            yield GaugeMetricFamily(name, description, value=value)


def exposition(gauges: dict[str, tuple[str, float]]) -> bytes:
    """The text a Prometheus scrape reads: this process's (or every process's) counters, and `gauges`."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        for collector in (REQUESTS, LATENCY, TASK_RUNS):
            registry.register(collector)
    registry.register(_Snapshot(gauges))
    return generate_latest(registry)


CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
