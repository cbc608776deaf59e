"""The graduate's side of a hire: after accepting an offer, withdrawing the other applications in one step and
pausing recommendations; confirming or returning the employment agreement."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from recruit.extensions import db
from recruit.models import ApplicationStatus, Role
from recruit.services.hiring import agreements, applications, follow_ups
from recruit.web.access import roles_required
from recruit.web.graduate.forms import FollowUpForm, NoteForm, ReturnAgreementForm
from recruit.web.graduate.routes import bp, render_application
from recruit.web.helpers import REFUSED, attempt, flash_success, id_list, perform

graduate_only = roles_required(Role.GRADUATE)


def _own_application(application_id: int):
    profile = current_user.graduate_profile
    return applications.application_of_graduate(db.session, profile, application_id) or abort(404)


def _render_accepted(application, error=None, status=200):
    return render_template(
        "graduate/accepted.html",
        application=application,
        others=applications.still_open_besides(db.session, application),
        form=NoteForm(),
        error=error,
    ), status


@bp.route("/applications/<int:application_id>/accepted", methods=["GET", "POST"])
@graduate_only
def withdraw_others(application_id: int):
    """After accepting an offer: the graduate's other open applications, to withdraw in one step."""
    application = _own_application(application_id)
    if application.status is not ApplicationStatus.HIRED:
        abort(404)
    if request.method == "GET":
        return _render_accepted(application)
    form = NoteForm()
    if not form.validate_on_submit():
        return _render_accepted(application, status=422)
    wanted = set(id_list(request.form.getlist("application_ids")))
    chosen = [other for other in applications.still_open_besides(db.session, application) if other.id in wanted]
    count, refusal = attempt(lambda: applications.withdraw_many(db.session, current_user, chosen, form.note.data or ""))
    if refusal is not None:
        return _render_accepted(application, error=refusal.message, status=409)
    flash_success(ngettext("%(num)d application withdrawn.", "%(num)d applications withdrawn.", count))
    return redirect(url_for("graduate.list_applications"))


@bp.route("/recommendations/resume", methods=["POST"])
@graduate_only
def resume_recommendations():
    """The graduate is looking again: recommendations come back."""
    current_user.graduate_profile.recommendations_paused_at = None
    db.session.commit()
    flash_success(_("Recommendations are back on."))
    return redirect(url_for("graduate.list_recommendations"))


def _agreement(agreement_id: int):
    return agreements.visible_to(db.session, current_user, agreement_id) or abort(404)


@bp.route("/agreements/<int:agreement_id>/confirm", methods=["POST"])
@graduate_only
def confirm_agreement(agreement_id: int):
    """Confirm the employment agreement as the employer filled it in."""
    agreement = _agreement(agreement_id)
    form = NoteForm()
    if not form.validate_on_submit():
        abort(400)
    confirmed, refusal = attempt(lambda: agreements.confirm(db.session, agreement, current_user))
    if refusal is not None:
        return render_application(agreement.application, move_error=refusal.message, status=409)
    flash_success(_("Confirmed: your university's career office confirms it next."))
    return redirect(url_for("graduate.view_application", application_id=agreement.application_id))


@bp.route("/agreements/<int:agreement_id>/return", methods=["POST"])
@graduate_only
def return_agreement(agreement_id: int):
    """Send the agreement back to the employer, saying what to correct."""
    agreement = _agreement(agreement_id)
    form = ReturnAgreementForm()
    if form.validate_on_submit():
        if (
            perform(form, lambda: agreements.send_back(db.session, agreement, current_user, form.reason.data))
            is not REFUSED
        ):
            flash_success(_("The agreement is returned to the employer."))
            return redirect(url_for("graduate.view_application", application_id=agreement.application_id))
    return render_application(agreement.application, return_form=form, status=422)


@bp.route("/follow-ups/<int:follow_up_id>", methods=["GET", "POST"])
@graduate_only
def answer_follow_up(follow_up_id: int):
    """Tell whether you still work where you were placed (asked three and six months after you started)."""
    follow_up = follow_ups.of_graduate(db.session, current_user, follow_up_id) or abort(404)
    form = FollowUpForm()
    if form.validate_on_submit():
        still = {"yes": True, "no": False}.get(form.still_employed.data)
        if perform(form, lambda: follow_ups.answer(db.session, follow_up, still)) is not REFUSED:
            flash_success(_("Thank you: your answer is recorded."))
            return redirect(url_for("graduate.list_applications"))
    return render_template("graduate/follow_up.html", follow_up=follow_up, form=form), 422 if form.errors else 200
