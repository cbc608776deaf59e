"""Probes for load balancers: /healthz (the process answers) and /readyz (it can do its work); /metrics for
Prometheus (from loopback, or with RECRUIT_METRICS_TOKEN as a bearer token)."""

from __future__ import annotations

import hmac
import ipaddress

from flask import Blueprint, Response, abort, current_app, jsonify, request

from recruit.extensions import db
from recruit.metrics import CONTENT_TYPE, exposition
from recruit.services.oversight import readiness
from recruit.ttl_cache import TTLCache
from recruit.web.access import public
from recruit.web.matching import model_name

bp = Blueprint("probes", __name__)
# The embedding backlog is a count over every profile and vacancy: each process takes it at most once a minute.
_backlog = TTLCache(size=4, seconds=60)


@bp.route("/healthz")
@public
def healthz():
    """The process is alive and answers (no database read: a slow database must not get it restarted)."""
    return jsonify(status="ok")


@bp.route("/readyz")
@public
def readyz():
    """Ready when the database answers, the worker holds its lease and no backlog has piled up; else a 503."""
    name = model_name()
    try:
        result = readiness.readiness(
            db.session,
            name,
            embedding_backlog=lambda: _backlog.get_or_compute(name, lambda: readiness.count_pending(db.session, name)),
        )
    except Exception:  # the database itself is what failed
        db.session.rollback()
        return jsonify(status="unavailable", checks={"database": False}), 503
    body = {"status": "ready" if result.ready else "not ready", "checks": result.checks, **result.figures}
    return jsonify(body), 200 if result.ready else 503


def _may_scrape() -> bool:
    token = current_app.config.get("RECRUIT_METRICS_TOKEN")
    offered = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(offered.encode(), f"Bearer {token}".encode()):
        return True
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


@bp.route("/metrics")
@public
def metrics():
    """Requests, latency and task runs (every process's, in multiprocess mode) and the backlogs, read now."""
    if not _may_scrape():
        abort(404)
    name = model_name()
    result = readiness.readiness(
        db.session,
        name,
        embedding_backlog=lambda: _backlog.get_or_compute(name, lambda: readiness.count_pending(db.session, name)),
    )
    figures = result.figures
    gauges = {
        "recruit_outbox_due": ("E-mails due and not yet sent", figures["outbox_due"]),
        "recruit_outbox_oldest_due_seconds": ("Age of the oldest e-mail due", figures["outbox_oldest_due_seconds"]),
        "recruit_embedding_backlog": ("Profiles and vacancies waiting to be embedded", figures["embedding_backlog"]),
        "recruit_worker_lease_held": (
            "1 while a worker holds the scheduler lease",
            1 if result.checks["worker"] else 0,
        ),
    }
    return Response(exposition(gauges), content_type=CONTENT_TYPE)
