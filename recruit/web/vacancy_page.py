"""A vacancy's page, shared by the public view and the graduate's apply action (which re-renders it)."""

from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user

from recruit import clock
from recruit.extensions import db
from recruit.models import Role, Vacancy
from recruit.services.hiring import applications, saved_vacancies, vacancies
from recruit.services.hiring.vacancies import is_open_for_applications
from recruit.services.people import profiles
from recruit.web.graduate.forms import ApplyForm


def render_vacancy(vacancy: Vacancy, apply_form: ApplyForm | None = None, status: int = 200):
    """Render a vacancy's page, with what the viewer may do there."""
    if not vacancies.is_visible_to(vacancy, current_user):
        abort(404)
    context = {
        "vacancy": vacancy,
        "is_open": is_open_for_applications(vacancy, clock.today()),
        "apply_form": apply_form or ApplyForm(),
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
    return render_template("public/vacancy.html", **context), status
