"""The organiser's job fair pages: create a fair inside the current campaign, approve or remove booths, the figures."""

from __future__ import annotations

import re

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit import clock
from recruit.extensions import db
from recruit.models import BoothStatus, FairBooth, JobFair, Role
from recruit.reference.education import Degree
from recruit.services.campaign import campaigns, fairs
from recruit.web.access import roles_required
from recruit.web.admin.forms import BoothDecisionForm, FairForm
from recruit.web.admin.routes import bp
from recruit.web.helpers import REFUSED, flash_success, form_status, perform

operator_only = roles_required(Role.OPERATOR)


def _details(form: FairForm) -> fairs.FairDetails:
    live = form.live_starts_at.data
    return fairs.FairDetails(
        name=form.name.data or "",
        theme=form.theme.data or "",
        organiser=form.organiser.data or "",
        starts_on=form.starts_on.data,
        ends_on=form.ends_on.data,
        max_companies=form.max_companies.data,
        provinces=form.provinces.data or [],
        industries=form.industries.data or [],
        majors=[m for m in re.split(r"[,，、;；]", form.majors.data or "") if m.strip()],
        degree=Degree(form.degree.data) if form.degree.data else None,
        live_starts_at=live.replace(tzinfo=clock.zone()) if live else None,
        live_url=form.live_url.data or "",
    )


@bp.route("/fairs", methods=["GET", "POST"])
@operator_only
def list_fairs():
    """The campaign's job fairs, and the form that creates one."""
    form = FairForm()
    form.fill_choices()
    campaign = campaigns.current_campaign(db.session, clock.today())
    if form.validate_on_submit():
        if campaign is None:
            form.form_errors.append(_("Create a campaign first: a fair takes place inside one."))
        else:
            fair = perform(form, lambda: fairs.create_fair(db.session, current_user, campaign, _details(form)))
            if fair is not REFUSED:
                flash_success(_("The fair is created."))
                return redirect(url_for("admin.view_fair", fair_id=fair.id))
    return render_template(
        "admin/fairs.html", fairs=fairs.all_fairs(db.session), form=form, campaign=campaign
    ), form_status(form)


@bp.route("/fairs/<int:fair_id>")
@operator_only
def view_fair(fair_id: int):
    """One fair: its booths by status, to approve or remove, and its figures."""
    fair = db.session.get(JobFair, fair_id) or abort(404)
    return render_template(
        "admin/fair.html",
        fair=fair,
        booths=fairs.booths(db.session, fair, status=None),
        figures=fairs.figures(db.session, fair),
        decision_form=BoothDecisionForm(),
        booth_status=BoothStatus,
    )


@bp.route("/fairs/<int:fair_id>/booths/<int:booth_id>", methods=["POST"])
@operator_only
def decide_booth(fair_id: int, booth_id: int):
    """Approve a booth (it is shown at the fair) or remove it."""
    booth = db.session.get(FairBooth, booth_id)
    if booth is None or booth.fair_id != fair_id:
        abort(404)
    form = BoothDecisionForm()
    if not form.validate_on_submit() or form.decision.data not in ("approve", "remove"):
        abort(400)
    fairs.decide_booth(db.session, current_user, booth, approve=form.decision.data == "approve")
    db.session.commit()
    flash_success(_("The booth is approved.") if form.decision.data == "approve" else _("The booth is removed."))
    return redirect(url_for("admin.view_fair", fair_id=fair_id))
