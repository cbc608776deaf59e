"""The university career office's pages: its graduates' figures and the roster it keeps."""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Blueprint, abort, current_app, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit import clock
from recruit.extensions import db
from recruit.models import Role
from recruit.services.campaign import campaigns
from recruit.services.hiring import follow_ups
from recruit.services.universities import dashboard as dashboard_figures
from recruit.services.universities import placement, rosters
from recruit.web import charts
from recruit.web.access import roles_required
from recruit.web.career.forms import RosterImportForm, RosterUploadForm
from recruit.web.choices import degree_name
from recruit.web.forms_common import ExportForm
from recruit.web.helpers import REFUSED, attempt, flash_success, form_status, perform

bp = Blueprint("career", __name__, url_prefix="/career")
career_only = roles_required(Role.CAREER_OFFICE)


@bp.route("/")
@career_only
def dashboard():
    """The career office's home: how far its graduates got, overall and by major and degree."""
    campaign = campaigns.current_campaign(db.session, clock.today())
    shown = dashboard_figures.current(db.session, current_user.university_id, campaign)
    figures, daily, went = shown.placement, shown.daily, shown.destinations
    by_degree = [(degree_name(degree) if degree else "—", funnel) for degree, funnel in figures.by_degree.items()]
    placed = _("Placed graduates")
    return render_template(
        "career/dashboard.html",
        university=current_user.university,
        figures=figures,
        stages=placement.STAGES,
        breakdowns=[
            (_("By degree"), "by-degree", by_degree),
            (_("By major"), "by-major", list(figures.by_major.items())),
        ],
        campaign=campaign,
        as_of=shown.as_of,
        retention=follow_ups.retention(db.session, current_user.university_id),
        daily=daily,
        daily_chart=charts.line(
            [d.isoformat() for d in daily.days],
            {_("registered"): daily.registered, _("applied"): daily.applied, _("placed"): daily.placed},
        ),
        destinations=[
            ("industry", charts.industries(placed, went.by_industry)),
            ("province", charts.provinces(placed, went.by_province)),
            ("size", charts.size_classes(placed, went.by_size_class)),
        ],
        employers=charts.named(placed, _("Employer"), went.top_employers),
        export_form=ExportForm(),
    )


def _upload_path(upload_id: str) -> Path:
    """Where a checked roster file waits for the office's confirmation (one folder per university)."""
    folder = Path(current_app.config["RECRUIT_UPLOAD_DIR"]) / "rosters" / str(current_user.university_id)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{upload_id}.bin"


def _render_roster(form=None, preview=None, upload_id=None, status=None):
    form = form or RosterUploadForm()
    return render_template(
        "career/roster.html",
        university=current_user.university,
        summary=rosters.roster_summary(db.session, current_user.university_id),
        form=form,
        preview=preview,
        import_form=RosterImportForm(upload=upload_id) if preview is not None and preview.rows else None,
    ), status or form_status(form)


@bp.route("/roster")
@career_only
def roster():
    """The roster: how many graduates it lists and how many registered, and a form to import a file."""
    return _render_roster()


@bp.route("/roster/preview", methods=["POST"])
@career_only
def preview_roster():
    """Check an uploaded roster: every bad row with its line, field and reason; nothing is written yet."""
    form = RosterUploadForm()
    if not form.validate_on_submit():
        return _render_roster(form)
    data = form.roster.data.read(rosters.MAX_UPLOAD_BYTES + 1)
    preview = perform(form, lambda: rosters.preview_roster(db.session, current_user.university_id, data))
    if preview is REFUSED:
        return _render_roster(form)
    upload_id = secrets.token_hex(16)
    _upload_path(upload_id).write_bytes(data)
    return _render_roster(form, preview, upload_id, status=200)


@bp.route("/roster/import", methods=["POST"])
@career_only
def import_roster():
    """Import the good rows of a checked file (the bad ones are left out, as the preview said)."""
    form = RosterImportForm()
    if not form.validate_on_submit():
        abort(400)
    path = _upload_path(form.upload.data)
    if not path.is_file():
        abort(404)  # another university's upload, or one already imported
    data = path.read_bytes()

    def check_and_import():
        preview = rosters.preview_roster(db.session, current_user.university_id, data)
        return rosters.import_roster(db.session, current_user.university_id, preview.rows, current_user)

    report, refusal = attempt(check_and_import)
    if refusal is not None:
        return _render_roster(status=422)
    path.unlink(missing_ok=True)
    flash_success(
        _(
            "Roster imported: %(created)d added, %(updated)d updated, %(linked)d linked to their accounts, "
            "%(invited)d invited to register.",
            created=report.created,
            updated=report.updated,
            linked=report.linked,
            invited=report.invited,
        )
    )
    return redirect(url_for("career.roster"))
