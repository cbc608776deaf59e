"""The career office nudges graduates it selected on its list, and sees who opened the message and who applied."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import current_user

from recruit.extensions import db
from recruit.models import Role
from recruit.services.universities import nudges
from recruit.web.access import roles_required
from recruit.web.career.forms import NudgeForm
from recruit.web.career.graduates import filter_form
from recruit.web.career.routes import bp
from recruit.web.helpers import REFUSED, flash_success, form_status, id_list, perform

career_only = roles_required(Role.CAREER_OFFICE)


@bp.route("/nudges/new", methods=["POST"])
@career_only
def new_nudge():
    """Write the message for the graduates ticked on the list; sending it records the nudge for the worker."""
    chosen = id_list(request.form.getlist("graduate"))
    form = NudgeForm()
    if "send" not in request.form:  # coming from the list: show the message to write
        form = NudgeForm(formdata=None, selection=filter_form().selection_text())
        return _compose(form, chosen)
    if form.validate_on_submit():
        nudge = perform(
            form,
            lambda: nudges.create_nudge(
                db.session,
                current_user,
                current_user.university_id,
                chosen,
                form.message.data,
                form.selection.data or "",
            ),
        )
        if nudge is not REFUSED:
            flash_success(
                ngettext(
                    "The nudge is on its way to %(num)d graduate.",
                    "The nudge is on its way to %(num)d graduates.",
                    len(chosen),
                )
            )
            return redirect(url_for("career.view_nudge", nudge_id=nudge.id))
    return _compose(form, chosen)


def _compose(form: NudgeForm, chosen: list[int]):
    status = form_status(form)
    if not chosen and status == 200:
        form.form_errors.append(str(nudges.NO_SELECTION))
        status = 422
    return render_template("career/nudge_form.html", form=form, chosen=chosen), status


@bp.route("/nudges")
@career_only
def list_nudges():
    """The office's nudges, each with how many it reached, opened it and applied since."""
    return render_template("career/nudges.html", rows=nudges.nudges_of(db.session, current_user.university_id))


@bp.route("/nudges/<int:nudge_id>")
@career_only
def view_nudge(nudge_id: int):
    """One nudge: its message and, per graduate, when it reached them, whether they opened it, and what they did."""
    nudge = nudges.nudge_of_university(db.session, current_user.university_id, nudge_id) or abort(404)
    return render_template("career/nudge.html", nudge=nudge, outcomes=nudges.outcomes(db.session, nudge))
