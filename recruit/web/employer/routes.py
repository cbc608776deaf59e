"""The SME employer's pages."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from recruit.models import Role
from recruit.web.access import roles_required

bp = Blueprint("employer", __name__, url_prefix="/employer")


@bp.route("/")
@roles_required(Role.EMPLOYER)
def dashboard():
    """The employer's home: their company and its standing in the campaign."""
    membership = current_user.company_membership
    return render_template("employer/dashboard.html", company=membership.company if membership else None)
