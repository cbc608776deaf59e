"""Job fairs for everyone: the campaign's fairs, and one fair's booths and vacancies (searched with the search page's
filters; a signed-in graduate also sees the vacancies that fit them best, with the reasons). A graduate registers
for the live session here."""

from __future__ import annotations

from dataclasses import replace

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit import clock
from recruit.extensions import db
from recruit.models import JobFair, Role
from recruit.services.campaign import fairs
from recruit.services.discovery.recommendations import recommended_vacancies
from recruit.services.discovery.search import search_vacancies
from recruit.web.access import public, roles_required
from recruit.web.helpers import attempt, counts_visits, flash_success
from recruit.web.matching import model_name, record_recommendations
from recruit.web.public.forms import VacancySearchForm, vacancy_query_from
from recruit.web.public.routes import bp

BEST_FOR_YOU = 10


def _graduate():
    if current_user.is_authenticated and current_user.role is Role.GRADUATE:
        return current_user
    return None


@bp.route("/fairs")
@public
def list_fairs():
    """The campaign's job fairs that have not ended, the ones for the signed-in graduate marked."""
    graduate = _graduate()
    profile = graduate.graduate_profile if graduate else None
    shown = fairs.current_fairs(db.session, clock.today())
    return render_template(
        "fairs/list.html", fairs=shown, for_me={fair.id for fair in shown if fairs.is_for(fair, profile)}
    )


@bp.route("/fairs/<int:fair_id>")
@public
@counts_visits
def view_fair(fair_id: int):
    """A fair: its live session, its booths, and its vacancies searched with the usual filters."""
    fair = db.session.get(JobFair, fair_id) or abort(404)
    form = VacancySearchForm(request.args)
    form.fill_choices()
    graduate = _graduate()
    page = best = None
    if form.validate():
        query = replace(vacancy_query_from(form), fair_id=fair.id)
        page = search_vacancies(db.session, query)
        if graduate is not None:
            best = recommended_vacancies(
                db.session, graduate.graduate_profile, model_name(), query=replace(query, page=1), limit=BEST_FOR_YOU
            )
    if graduate is not None:
        fairs.record_visit(db.session, fair, graduate)
        db.session.commit()
    html = render_template(
        "fairs/fair.html",
        fair=fair,
        booths=fairs.booths(db.session, fair),
        form=form,
        page=page,
        best=best,
        args=request.args.to_dict(),
        registered=fairs.registration(db.session, fair, graduate) if graduate else None,
        is_for_me=fairs.is_for(fair, graduate.graduate_profile if graduate else None),
        live_is_ahead=fair.live_starts_at is not None and fair.live_starts_at > clock.now(),
    )
    if graduate is not None:
        record_recommendations(graduate.graduate_profile, best)
    return html, 200 if page is not None else 400


@bp.route("/fairs/<int:fair_id>/register", methods=["POST"])
@roles_required(Role.GRADUATE)
def register_for_fair(fair_id: int):
    """Register for the fair's live session (a reminder comes an hour before it starts)."""
    fair = db.session.get(JobFair, fair_id) or abort(404)
    registration, refusal = attempt(lambda: fairs.register(db.session, fair, current_user))
    if refusal is not None:
        return render_template("fairs/refused.html", fair=fair, message=refusal.message), 409
    flash_success(_("You are registered: we will remind you an hour before the live session."))
    return redirect(url_for("public.view_fair", fair_id=fair.id))
