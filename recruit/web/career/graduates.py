"""The career office's graduate list, one graduate's applications, and the downloads of its tables."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user

from recruit.extensions import db
from recruit.models import Role
from recruit.services.oversight import audit
from recruit.services.universities import graduates
from recruit.spreadsheets import FORMATS
from recruit.web.access import roles_required
from recruit.web.career import tables
from recruit.web.career.forms import STAGE_LABELS, GraduateFilterForm
from recruit.web.career.routes import bp
from recruit.web.downloads import send_table
from recruit.web.forms_common import ExportForm
from recruit.web.helpers import audited_read, page_argument

career_only = roles_required(Role.CAREER_OFFICE)


def filter_form() -> GraduateFilterForm:
    """The graduate list's filters as the address gives them, checked."""
    form = GraduateFilterForm(formdata=request.args)
    form.fill_choices(graduates.majors_of(db.session, current_user.university_id))
    form.validate()
    return form


@bp.route("/graduates")
@career_only
def list_graduates():
    """The university's graduates, filtered by major, degree, stage and days without a log-in."""
    form = filter_form()
    page = graduates.graduates_page(db.session, current_user.university_id, form.filters(), page_argument())
    status = 422 if form.errors else 200
    return render_template(
        "career/graduates.html", form=form, page=page, stage_labels=STAGE_LABELS, export_form=ExportForm()
    ), status


@bp.route("/graduates/<int:graduate_id>")
@career_only
@audited_read
def view_graduate(graduate_id: int):
    """One of the university's graduates: the roster's facts, their applications, and their profile if visible."""
    profile = graduates.graduate_of_university(db.session, current_user.university_id, graduate_id) or abort(404)
    audit.record(db.session, current_user, "personal_data.read", profile, ip_address=request.remote_addr)
    db.session.commit()
    return render_template(
        "career/graduate.html",
        profile=profile,
        applications=graduates.applications_of(db.session, profile),
        shows_details=graduates.shows_profile_details(profile),
    )


@bp.route("/exports", methods=["POST"])
@career_only
def export_table():
    """Download one of the office's tables as CSV or XLSX; the download is written to the audit log."""
    form = ExportForm()
    if not form.validate_on_submit() or form.fmt.data not in FORMATS or form.table.data not in tables.TABLES:
        abort(400)
    filters = filter_form()
    table = tables.TABLES[form.table.data](db.session, current_user.university_id, filters.filters())
    university = current_user.university
    filename = f"{form.table.data}-{university.code}.{form.fmt.data}"
    return send_table(form.table.data, form.fmt.data, table, university, filename)
