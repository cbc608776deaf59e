"""A vacancy's page, shared by the public view and the graduate's apply action (which re-renders it)."""

from __future__ import annotations

import re

from flask import abort, render_template, request
from flask_login import current_user

from recruit import clock
from recruit.extensions import db
from recruit.models import Role, Vacancy
from recruit.services.hiring import applications, saved_vacancies, vacancies
from recruit.services.hiring.vacancies import is_open_for_applications
from recruit.services.people import profiles
from recruit.web.graduate.forms import ApplyForm
from recruit.web.matching import record_opened


def render_vacancy(vacancy: Vacancy, apply_form: ApplyForm | None = None, status: int = 200):
    """Render a vacancy's page, with what the viewer may do there."""
    if not vacancies.is_visible_to(vacancy, current_user):
        abort(404)
    opened = apply_form is None  # a plain visit, not a form shown again with its errors
    if apply_form is None:
        apply_form = ApplyForm()
        fair = request.args.get("fair", "")
        apply_form.fair_id.data = fair if re.fullmatch(r"[0-9]{1,9}", fair) else None  # came from a job fair
    context = {
        "vacancy": vacancy,
        "is_open": is_open_for_applications(vacancy, clock.today()),
        "apply_form": apply_form,
        "application": None,
        "is_saved": False,
        "missing": [],
    }
    if current_user.is_authenticated and current_user.role is Role.GRADUATE:
        profile = current_user.graduate_profile
        context.update(
            application=applications.application_to(db.session, profile, vacancy),
            is_saved=saved_vacancies.is_saved(db.session, profile, vacancy),
            missing=profiles.missing_required(profile),
        )
    page = render_template("public/vacancy.html", **context)
    if opened:
        record_opened(vacancy)
    return page, status
