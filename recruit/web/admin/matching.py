"""The operator's view of matching: each training of the learned ranker with its figures, and which one is in use."""

from __future__ import annotations

from flask import render_template

from recruit.extensions import db
from recruit.models import Role
from recruit.services.discovery import ranker
from recruit.web.access import roles_required
from recruit.web.admin.routes import bp

operator_only = roles_required(Role.OPERATOR)


@bp.route("/matching")
@operator_only
def matching_page():
    """The learned ranker's trainings, newest first: lists learned from, figures on the latest week, swaps."""
    return render_template("admin/matching.html", trainings=ranker.history(db.session), settings=ranker)
