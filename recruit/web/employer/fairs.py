"""The employer's side of job fairs: the fairs coming up, and the company's booth at one (its published vacancies and
a pitch), with the fair's figures for the company."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from recruit import clock
from recruit.extensions import db
from recruit.models import JobFair, Role, Vacancy, VacancyStatus
from recruit.services.campaign import fairs
from recruit.services.people import companies
from recruit.web.access import roles_required
from recruit.web.employer.forms import BoothForm
from recruit.web.employer.routes import bp
from recruit.web.helpers import attempt, flash_success, id_list

employer_only = roles_required(Role.EMPLOYER)


@bp.route("/fairs")
@employer_only
def list_fairs():
    """The job fairs that have not ended, with the company's booth at each."""
    company = companies.company_of(current_user)
    shown = fairs.current_fairs(db.session, clock.today())
    booths = {fair.id: fairs.booth_of(db.session, fair, company.id) for fair in shown} if company else {}
    return render_template("employer/fairs.html", fairs=shown, booths=booths, company=company)


def _render_booth(fair, form, error=None, chosen=None, status=200):
    company = companies.company_of(current_user)
    booth = fairs.booth_of(db.session, fair, company.id) if company else None
    published = (
        db.session.scalars(
            select(Vacancy)
            .where(Vacancy.company_id == company.id, Vacancy.status == VacancyStatus.PUBLISHED)
            .order_by(Vacancy.title)
        ).all()
        if company
        else []
    )
    if chosen is None:
        chosen = {shown.vacancy_id for shown in booth.vacancies} if booth else set()
    return render_template(
        "employer/fair_booth.html",
        fair=fair,
        booth=booth,
        company=company,
        published=published,
        chosen=chosen,
        form=form,
        error=error,
        figures=fairs.figures(db.session, fair, company.id) if company else None,
    ), status


@bp.route("/fairs/<int:fair_id>", methods=["GET", "POST"])
@employer_only
def edit_booth(fair_id: int):
    """Take a booth at a fair, or change it: which published vacancies it shows, and a pitch."""
    fair = db.session.get(JobFair, fair_id) or abort(404)
    booth = fairs.booth_of(db.session, fair, company.id) if (company := companies.company_of(current_user)) else None
    form = BoothForm(obj=booth)
    if not form.validate_on_submit():
        return _render_booth(fair, form, status=422 if form.is_submitted() else 200)
    chosen = id_list(request.form.getlist("vacancy_ids"))
    result, refusal = attempt(lambda: fairs.sign_up(db.session, current_user, fair, chosen, form.pitch.data or ""))
    if refusal is not None:
        return _render_booth(fair, form, error=refusal.message, chosen=set(chosen), status=409)
    flash_success(_("Your booth is saved; the organiser approves it before graduates see it."))
    return redirect(url_for("employer.edit_booth", fair_id=fair.id))
