"""Machine endpoints: health check for load balancers."""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy import text

from recruit.extensions import csrf, db
from recruit.web.access import public

bp = Blueprint("api", __name__, url_prefix="/api")
csrf.exempt(bp)


@bp.route("/health")
@public
def health():
    """Report whether the web process can reach its database."""
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")
