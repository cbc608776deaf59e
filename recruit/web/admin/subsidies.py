"""The operator's job-expansion subsidy pages: each year's rule, and the hires that meet it, to export for
processing."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.extensions import db
from recruit.models import Role
from recruit.services.hiring import subsidies
from recruit.spreadsheets import FORMATS
from recruit.web.access import roles_required
from recruit.web.admin.forms import SubsidyRuleForm
from recruit.web.admin.routes import bp
from recruit.web.downloads import Table, send_table
from recruit.web.forms_common import ExportForm
from recruit.web.helpers import REFUSED, flash_success, perform

operator_only = roles_required(Role.OPERATOR)


def _year() -> int | None:
    year = request.args.get("year", "")
    if not year:
        return None
    if not year.isdigit() or not 2000 <= int(year) <= 2100:
        abort(400)
    return int(year)


def _render(form: SubsidyRuleForm, status: int = 200):
    year = _year()
    return render_template(
        "admin/subsidies.html",
        rules=subsidies.rules(db.session),
        form=form,
        year=year,
        hires=subsidies.flagged(db.session, year),
        export_form=ExportForm(),
    ), status


@bp.route("/subsidies", methods=["GET", "POST"])
@operator_only
def subsidies_page():
    """Each year's subsidy rule (add or change one), and the hires flagged under them."""
    form = SubsidyRuleForm()
    if not form.validate_on_submit():
        return _render(form, status=422 if form.is_submitted() else 200)
    terms = subsidies.RuleTerms(
        form.year.data, form.window_years.data, form.min_insurance_months.data, form.amount_yuan.data
    )
    if perform(form, lambda: subsidies.set_rule(db.session, current_user, terms)) is REFUSED:
        return _render(form, status=422)
    flash_success(_("The rule of %(year)d is saved.", year=terms.year))
    return redirect(url_for("admin.subsidies_page"))


def flagged_table(year: int | None) -> Table:
    """The flagged hires as they are downloaded: who, where, the terms, and the rule year."""
    headers = [
        _("Rule year"),
        _("Graduate"),
        _("Student number"),
        _("University"),
        _("Graduation year"),
        _("Employer"),
        _("Credit code"),
        _("Position"),
        _("First day of work"),
        _("Monthly salary"),
        _("Insurance months"),
        _("Amount (yuan)"),
        _("Flagged on"),
    ]
    rows = []
    for agreement in subsidies.flagged(db.session, year):
        graduate, company = agreement.application.graduate, agreement.application.vacancy.company
        rows.append(
            [
                agreement.subsidy_rule.year,
                graduate.full_name,
                graduate.student_number or "",
                graduate.university.name if graduate.university else "",
                graduate.graduation_year,
                company.name,
                company.uscc,
                agreement.position,
                agreement.start_on.isoformat(),
                agreement.monthly_salary,
                agreement.insurance_months,
                agreement.subsidy_rule.amount_yuan,
                agreement.subsidy_flagged_at.date().isoformat(),
            ]
        )
    return Table(_("Hires flagged for the job-expansion subsidy"), headers, rows)


@bp.route("/subsidies/export", methods=["POST"])
@operator_only
def export_subsidies():
    """Download the flagged hires (of the year in the address, or all) as CSV or Excel; audited."""
    form = ExportForm()
    if not form.validate_on_submit() or form.fmt.data not in FORMATS or form.table.data != "subsidies":
        abort(400)
    year = _year()
    filename = f"subsidies-{year or 'all'}.{form.fmt.data}"
    return send_table("subsidies", form.fmt.data, flagged_table(year), None, filename)
