"""Prometheus metrics: requests by endpoint and status with their latency, task runs, and the backlogs read at
scrape time; served to loopback or to a scraper with the configured token, and to nobody else."""

import re

from recruit.metrics import TASK_RUNS
from recruit.web.api import probes


def _value(text: str, series: str) -> float:
    match = re.search(rf"^{re.escape(series)} ([0-9.e+]+)$", text, re.M)
    assert match, series
    return float(match.group(1))


def test_metrics_count_requests_and_read_the_backlogs(app, client, db, make):
    probes._backlog.clear()
    before = client.get("/metrics").get_data(as_text=True)
    series = 'recruit_http_requests_total{endpoint="public.search",method="GET",status="200"}'
    start = _value(before, series) if series in before else 0
    for _ in range(3):
        client.get("/vacancies")
    make.outbox_email()
    db.session.commit()
    TASK_RUNS.labels("deliver_outbox", "failed").inc()
    response = client.get("/metrics")
    assert response.status_code == 200 and response.content_type.startswith("text/plain")
    text = response.get_data(as_text=True)
    assert _value(text, series) == start + 3
    assert 'recruit_http_request_duration_seconds_bucket{endpoint="public.search",le="+Inf"}' in text
    assert _value(text, "recruit_outbox_due") >= 1
    assert "recruit_embedding_backlog " in text and "recruit_worker_lease_held 0.0" in text
    assert _value(text, 'recruit_worker_task_runs_total{outcome="failed",task="deliver_outbox"}') >= 1
    assert "/vacancies" not in text  # series per route, never per address


def test_metrics_are_not_served_to_strangers(app, client):
    outside = {"REMOTE_ADDR": "203.0.113.9"}
    assert client.get("/metrics", environ_base=outside).status_code == 404
    app.config["RECRUIT_METRICS_TOKEN"] = "scrape-secret-123"
    try:
        assert (
            client.get("/metrics", environ_base=outside, headers={"Authorization": "Bearer wrong"}).status_code == 404
        )
        allowed = client.get("/metrics", environ_base=outside, headers={"Authorization": "Bearer scrape-secret-123"})
        assert allowed.status_code == 200
    finally:
        app.config["RECRUIT_METRICS_TOKEN"] = None
