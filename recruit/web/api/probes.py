"""Probes for load balancers: /healthz (the process answers) and /readyz (it can do its work)."""

from __future__ import annotations

from flask import Blueprint, jsonify

from recruit.extensions import db
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
