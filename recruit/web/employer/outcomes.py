"""The employer's side of a hire: the offer with its terms, and the employment agreement it fills in."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.extensions import db
from recruit.models import ApplicationStatus, Role
from recruit.services.hiring import agreements, applications, offers, subsidies
from recruit.web.access import roles_required
from recruit.web.employer.forms import AgreementForm, InsuranceForm, OfferForm
from recruit.web.employer.routes import bp, render_application
from recruit.web.helpers import REFUSED, flash_success, perform

employer_only = roles_required(Role.EMPLOYER)


def _own_application(application_id: int):
    return applications.application_for_employer(db.session, current_user, application_id) or abort(404)


@bp.route("/applications/<int:application_id>/offer", methods=["POST"])
@employer_only
def make_offer(application_id: int):
    """Offer the applicant a place: position, monthly salary, first day, and by when to answer."""
    application = _own_application(application_id)
    form = OfferForm()
    if form.validate_on_submit():
        terms = offers.OfferTerms(form.position.data, form.monthly_salary.data, form.start_on.data, form.answer_by.data)
        move = lambda: applications.transition(  # noqa: E731
            db.session, application, ApplicationStatus.OFFERED, current_user, form.note.data or "", terms=terms
        )
        if perform(form, move) is not REFUSED:
            flash_success(_("The offer is sent."))
            return redirect(url_for("employer.view_application", application_id=application.id))
    return render_application(application, offer_form=form, status=422)


def _render_agreement(application, agreement, form, insurance_form=None, status=200):
    return render_template(
        "employer/agreement.html",
        application=application,
        agreement=agreement,
        form=form,
        may_submit=agreements.may(agreement, current_user, "submit"),
        insurance_form=insurance_form or InsuranceForm(obj=agreement),
        subsidy_rule=agreement.subsidy_rule,
        not_eligible=subsidies.reasons_not_eligible(db.session, agreement),
    ), status


@bp.route("/applications/<int:application_id>/agreement", methods=["GET", "POST"])
@employer_only
def edit_agreement(application_id: int):
    """Fill in, or correct and resend, the employment agreement of an accepted offer."""
    application = _own_application(application_id)
    agreement = agreements.of_application(db.session, application) or abort(404)
    form = AgreementForm(obj=agreement)
    if form.validate_on_submit():
        terms = agreements.AgreementTerms(
            position=form.position.data,
            start_on=form.start_on.data,
            monthly_salary=form.monthly_salary.data,
            contract_months=form.contract_months.data,
            is_labour_contract=form.is_labour_contract.data,
            has_social_insurance=form.has_social_insurance.data,
            claims_absorption_subsidy=form.claims_absorption_subsidy.data,
        )
        if perform(form, lambda: agreements.submit(db.session, agreement, current_user, terms)) is not REFUSED:
            flash_success(_("The agreement is sent to the graduate to confirm."))
            return redirect(url_for("employer.edit_agreement", application_id=application.id))
        return _render_agreement(application, agreement, form, status=409)
    return _render_agreement(application, agreement, form, status=422 if form.is_submitted() else 200)


@bp.route("/applications/<int:application_id>/insurance", methods=["POST"])
@employer_only
def confirm_insurance(application_id: int):
    """Confirm the months of social insurance paid for a confirmed hire (the job-expansion subsidy needs them)."""
    application = _own_application(application_id)
    agreement = agreements.of_application(db.session, application) or abort(404)
    form = InsuranceForm()
    if form.validate_on_submit():
        months = form.insurance_months.data
        result = perform(form, lambda: subsidies.confirm_insurance(db.session, agreement, current_user, months))
        if result is not REFUSED:
            flash_success(
                _("Confirmed: this hire is flagged for the job-expansion subsidy.")
                if result
                else _("The insurance months are recorded.")
            )
            return redirect(url_for("employer.edit_agreement", application_id=application.id))
    return _render_agreement(application, agreement, AgreementForm(obj=agreement), insurance_form=form, status=422)
