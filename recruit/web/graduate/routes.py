"""The graduate's pages."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from recruit.models import Role
from recruit.web.access import roles_required

bp = Blueprint("graduate", __name__, url_prefix="/graduate")


@bp.route("/")
@roles_required(Role.GRADUATE)
def dashboard():
    """The graduate's home: their profile at a glance and the campaign."""
    return render_template("graduate/dashboard.html", profile=current_user.graduate_profile)
