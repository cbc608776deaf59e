"""The university career office's pages."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from recruit.extensions import db
from recruit.models import Role
from recruit.services.campaign import statistics
from recruit.web.access import roles_required

bp = Blueprint("career", __name__, url_prefix="/career")


@bp.route("/")
@roles_required(Role.CAREER_OFFICE)
def dashboard():
    """The career office's home: its graduates' registrations and applications."""
    overview = statistics.university_overview(db.session, current_user.university_id)
    return render_template("career/dashboard.html", university=current_user.university, overview=overview)
