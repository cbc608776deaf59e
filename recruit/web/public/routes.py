"""Pages for everyone: the landing page, the privacy notice, the language switch."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session
from flask_login import current_user

from recruit.extensions import db
from recruit.services import accounts, statistics
from recruit.web.access import public
from recruit.web.helpers import safe_next_url
from recruit.web.i18n import LANGUAGES

bp = Blueprint("public", __name__)


@bp.route("/")
@public
def index():
    """The landing page: what the campaign is and how to take part."""
    return render_template("public/index.html", totals=statistics.public_totals(db.session))


@bp.route("/privacy")
@public
def privacy():
    """The privacy notice every registering user accepts."""
    return render_template("public/privacy.html", notice_version=accounts.PRIVACY_NOTICE_VERSION)


@bp.route("/language/<code>", methods=["POST"])
@public
def set_language(code: str):
    """Switch the interface language and go back to the page the user was on."""
    if code in LANGUAGES:
        session["lang"] = code
        if current_user.is_authenticated:
            accounts.set_locale(current_user, code)
            db.session.commit()
    return redirect(safe_next_url(request.form.get("next")) or "/")
