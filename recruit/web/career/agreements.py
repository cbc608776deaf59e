"""The career office confirms its graduates' employment agreements (or returns them with a reason): only then does a
hire count as a placement."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.extensions import db
from recruit.models import AgreementStatus, Role
from recruit.services.hiring import agreements
from recruit.web.access import roles_required
from recruit.web.career.forms import AgreementDecisionForm
from recruit.web.career.routes import bp
from recruit.web.helpers import REFUSED, flash_success, perform

career_only = roles_required(Role.CAREER_OFFICE)


@bp.route("/agreements")
@career_only
def list_agreements():
    """The university's graduates' employment agreements, those waiting for the office first."""
    waiting_only = request.args.get("show") != "all"
    status = AgreementStatus.AWAITING_UNIVERSITY if waiting_only else None
    return render_template(
        "career/agreements.html",
        agreements=agreements.of_university(db.session, current_user.university_id, status),
        waiting_only=waiting_only,
    )


def _render(agreement, form, status=200):
    return render_template(
        "career/agreement.html",
        agreement=agreement,
        application=agreement.application,
        form=form,
        may_decide=agreements.may(agreement, current_user, "confirm"),
    ), status


@bp.route("/agreements/<int:agreement_id>", methods=["GET", "POST"])
@career_only
def view_agreement(agreement_id: int):
    """One graduate's agreement: its terms and steps; confirm it or return it with a reason."""
    agreement = agreements.visible_to(db.session, current_user, agreement_id) or abort(404)
    form = AgreementDecisionForm()
    if not form.validate_on_submit():
        return _render(agreement, form, status=422 if form.is_submitted() else 200)
    if form.send_back.data:
        action, done = (
            lambda: agreements.send_back(db.session, agreement, current_user, form.reason.data or ""),
            _("The agreement is returned to the employer."),
        )
    else:
        action, done = lambda: agreements.confirm(db.session, agreement, current_user), _("The agreement is confirmed.")
    if perform(form, action) is REFUSED:
        return _render(agreement, form, status=409)
    flash_success(done)
    return redirect(url_for("career.list_agreements"))
