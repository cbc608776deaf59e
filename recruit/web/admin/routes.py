"""The operator's pages: national overview, accounts, audit log."""

from __future__ import annotations

import re

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from recruit import clock
from recruit.extensions import db
from recruit.labels import label
from recruit.models import Company, CompanyStatus, Role, SizeClass, User
from recruit.reference.regions import PROVINCE_BY_CODE
from recruit.services.campaign import announcements, campaigns, national
from recruit.services.oversight import audit, listings
from recruit.services.people import accounts, companies
from recruit.services.universities import registry
from recruit.spreadsheets import FORMATS
from recruit.web import choices
from recruit.web.access import roles_required
from recruit.web.admin import national_tables
from recruit.web.admin.forms import (
    ROLE_LABELS,
    AnnouncementForm,
    AuditFilterForm,
    CampaignForm,
    CompanyDecisionForm,
    CreateUserForm,
    EnableAccountForm,
)
from recruit.web.admin.national_views import national_views
from recruit.web.downloads import send_table
from recruit.web.forms_common import ExportForm
from recruit.web.helpers import (
    REFUSED,
    attempt,
    audited_read,
    flash_success,
    form_status,
    page_argument,
    perform,
    safe_next_url,
)

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@roles_required(Role.OPERATOR)
def dashboard():
    """The campaign nationally or for one province: funnel, days, breakdowns, idle SMEs, response times."""
    province = request.args.get("province") or None
    if province is not None and province not in PROVINCE_BY_CODE:
        abort(400)
    snapshot = national.snapshot(db.session, province)
    return render_template(
        "admin/dashboard.html",
        role_labels=ROLE_LABELS,
        province=province,
        provinces=choices.provinces(),
        snapshot=snapshot,
        views=national_views(snapshot.figures) if snapshot else None,
        export_form=ExportForm(),
    )


@bp.route("/exports", methods=["POST"])
@roles_required(Role.OPERATOR)
def export_table():
    """Download one of the dashboard's tables (nationally or for the province in the address); audited."""
    form = ExportForm()
    province = request.args.get("province") or None
    if (
        not form.validate_on_submit()
        or form.fmt.data not in FORMATS
        or form.table.data not in national_tables.NAMES
        or (province is not None and province not in PROVINCE_BY_CODE)
    ):
        abort(400)
    snapshot = national.snapshot(db.session, province) or abort(404)
    table = national_tables.tables(national_views(snapshot.figures))[form.table.data]
    filename = f"{form.table.data}-{province or 'national'}.{form.fmt.data}"
    return send_table(form.table.data, form.fmt.data, table, None, filename)


@bp.route("/users")
@roles_required(Role.OPERATOR)
def list_users():
    """Accounts, filtered by role and searched by e-mail or name."""
    role = request.args.get("role") or None
    page = listings.users_page(
        db.session,
        role=Role(role) if role in set(Role) else None,
        query=request.args.get("q", ""),
        page=page_argument(),
    )
    return render_template(
        "admin/users.html",
        page=page,
        role=role,
        role_labels=ROLE_LABELS,
        q=request.args.get("q", ""),
        enable_form=EnableAccountForm(),
    )


@bp.route("/users/<int:user_id>/enabled", methods=["POST"])
@roles_required(Role.OPERATOR)
def set_user_enabled(user_id: int):
    """Disable an account (its sessions end at once) or enable it again."""
    user = db.session.get(User, user_id) or abort(404)
    form = EnableAccountForm()
    if not form.validate_on_submit() or form.enabled.data not in ("yes", "no"):
        abort(400)
    enabled = form.enabled.data == "yes"
    result, refusal = attempt(lambda: accounts.set_enabled(db.session, current_user, user, enabled))
    if refusal is not None:
        flash(str(refusal.message), "error")
    elif enabled:
        flash_success(_("%(email)s can log in again.", email=user.email))
    else:
        flash_success(_("%(email)s is disabled and logged out everywhere.", email=user.email))
    return redirect(safe_next_url(request.form.get("next")) or url_for("admin.list_users"))


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required(Role.OPERATOR)
def create_user():
    """Create a career-office or operator account."""
    form = CreateUserForm()
    form.university_id.choices = [SelectChoice(0, "—")] + [
        SelectChoice(u.id, f"{u.name} ({u.code})") for u in registry.open_universities(db.session)
    ]
    if form.validate_on_submit():
        user = perform(
            form,
            lambda: accounts.create_user(
                db.session,
                role=Role(form.role.data),
                email=form.email.data,
                password=form.password.data,
                display_name=form.display_name.data,
                university_id=form.university_id.data or None,
                actor=current_user,
            ),
        )
        if user is not REFUSED:
            flash_success(_("Account %(email)s created.", email=user.email))
            return redirect(url_for("admin.list_users", role=user.role.value))
    return render_template("admin/create_user.html", form=form), form_status(form)


@bp.route("/audit")
@roles_required(Role.OPERATOR)
def audit_log():
    """The audit log, newest first, narrowed by who, what, which record and which days."""
    form = AuditFilterForm(formdata=request.args)
    form.fill_choices(audit.ACTION_LABELS, audit.TARGET_LABELS)
    form.validate()

    def value(field):
        return field.data if field.data not in (None, "") and not field.errors else None

    filters = listings.AuditFilters(
        actor=value(form.actor) or "",
        action=value(form.action) or "",
        target_type=value(form.target_type) or "",
        target_id=value(form.target_id),
        since=value(form.since),
        until=value(form.until),
    )
    page = listings.audit_page(db.session, filters, page_argument())
    entries = audit.readable(db.session, page.items, str(get_locale()))
    return render_template("admin/audit.html", page=page, entries=entries, form=form), form_status(form)


@bp.route("/companies")
@roles_required(Role.OPERATOR)
def list_companies():
    """Companies by status; pending ones first, as the verification queue."""
    status = request.args.get("status", CompanyStatus.PENDING.value)
    chosen = CompanyStatus(status) if status in set(CompanyStatus) else CompanyStatus.PENDING
    page = listings.companies_page(db.session, chosen, page_argument())
    return render_template("admin/companies.html", page=page, chosen=chosen, statuses=list(CompanyStatus))


def _render_company(company, form, status=200):
    return render_template(
        "admin/company.html", company=company, form=form, members=companies.employer_users(db.session, company.id)
    ), status


@bp.route("/companies/<int:company_id>", methods=["GET", "POST"])
@roles_required(Role.OPERATOR)
@audited_read
def review_company(company_id: int):
    """A company's registration details (with its contact person's) and the operator's decision on it."""
    company = db.session.get(Company, company_id) or abort(404)
    if request.method == "GET":
        audit.record(db.session, current_user, "personal_data.read", company, ip_address=request.remote_addr)
        db.session.commit()
    form = CompanyDecisionForm()
    form.size_class.choices = [choices.blank()] + choices.size_classes()
    if form.validate_on_submit():
        size_class = SizeClass(form.size_class.data) if form.size_class.data else None
        if (
            perform(
                form,
                lambda: companies.decide(
                    db.session,
                    company,
                    CompanyStatus(form.decision.data),
                    current_user,
                    form.reason.data or "",
                    size_class,
                ),
            )
            is not REFUSED
        ):
            flash_success(_("%(company)s is now %(status)s.", company=company.name, status=label(company.status)))
            return redirect(url_for("admin.list_companies"))
    return _render_company(company, form, form_status(form))


@bp.route("/campaigns")
@roles_required(Role.OPERATOR)
def list_campaigns():
    """Every campaign with its phases."""
    return render_template("admin/campaigns.html", campaigns=campaigns.all_campaigns(db.session))


@bp.route("/campaigns/new", methods=["GET", "POST"])
@roles_required(Role.OPERATOR)
def create_campaign():
    """Create a campaign: its first day, length and phases (the default four are filled in)."""
    form = CampaignForm()
    if request.method == "GET":
        start = clock.today()
        form.starts_on.data = start
        for entry, phase in zip(form.phases.entries, campaigns.default_phase_details(start), strict=False):
            entry.form.process(data=vars(phase))
    if form.validate_on_submit():
        phases = [
            campaigns.PhaseDetails(
                name=entry.form.name.data or "",
                starts_on=entry.form.starts_on.data,
                ends_on=entry.form.ends_on.data,
                message_graduates=entry.form.message_graduates.data or "",
                message_employers=entry.form.message_employers.data or "",
                message_career_offices=entry.form.message_career_offices.data or "",
            )
            for entry in form.phases.entries
            if entry.form.starts_on.data and entry.form.ends_on.data
        ]
        campaign = perform(
            form,
            lambda: campaigns.create_campaign(
                db.session,
                current_user,
                name=form.name.data,
                starts_on=form.starts_on.data,
                length_days=form.length_days.data,
                phases=phases,
                description=form.description.data or "",
            ),
        )
        if campaign is not REFUSED:
            flash_success(_("The campaign %(name)s is created.", name=campaign.name))
            return redirect(url_for("admin.list_campaigns"))
    return render_template("admin/campaign_form.html", form=form), form_status(form)


@bp.route("/announcements")
@roles_required(Role.OPERATOR)
def list_announcements():
    """Announcements with how many received and opened them."""
    return render_template("admin/announcements.html", rows=announcements.with_statistics(db.session))


@bp.route("/announcements/new", methods=["GET", "POST"])
@roles_required(Role.OPERATOR)
def create_announcement():
    """Write an announcement or policy notice for a targeted audience, to be sent at a chosen time."""
    form = AnnouncementForm()
    form.fill_choices()
    if form.validate_on_submit():
        years = [int(y) for y in re.findall(r"\d{4}", form.graduation_years.data or "")]
        audience = announcements.Audience(
            roles=form.roles.data or [],
            provinces=form.provinces.data or [],
            industries=form.industries.data or [],
            size_classes=form.size_classes.data or [],
            graduation_years=years,
        )
        zone = clock.zone()
        when = form.publish_at.data.replace(tzinfo=zone) if form.publish_at.data else clock.now()
        announcement = perform(
            form,
            lambda: announcements.create_announcement(
                db.session,
                current_user,
                title=form.title.data,
                body=form.body.data,
                is_policy=form.is_policy.data,
                audience=audience,
                publish_at=when,
            ),
        )
        if announcement is not REFUSED:
            flash_success(_("The announcement is scheduled."))
            return redirect(url_for("admin.list_announcements"))
    return render_template("admin/announcement_form.html", form=form), form_status(form)
