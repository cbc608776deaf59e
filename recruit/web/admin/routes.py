"""The operator's pages: national overview, accounts, audit log."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from recruit.extensions import db
from recruit.models import Role
from recruit.services import accounts, directory, statistics
from recruit.services.errors import ValidationError
from recruit.web.access import roles_required
from recruit.web.admin.forms import ROLE_LABELS, CreateUserForm
from recruit.web.helpers import attach_error, flash_success

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@roles_required(Role.OPERATOR)
def dashboard():
    """National overview of the campaign."""
    return render_template("admin/dashboard.html", overview=statistics.national_overview(db.session),
                           role_labels=ROLE_LABELS)


@bp.route("/users")
@roles_required(Role.OPERATOR)
def list_users():
    """Accounts, filtered by role and searched by e-mail or name."""
    role = request.args.get("role") or None
    page = directory.users_page(db.session, role=Role(role) if role in set(Role) else None,
                                query=request.args.get("q", ""), page=request.args.get("page", 1, type=int))
    return render_template("admin/users.html", page=page, role=role, role_labels=ROLE_LABELS,
                           q=request.args.get("q", ""))


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required(Role.OPERATOR)
def create_user():
    """Create a career-office or operator account."""
    form = CreateUserForm()
    form.university_id.choices = [SelectChoice(0, "—")] + [
        SelectChoice(u.id, f"{u.name} ({u.code})") for u in directory.universities(db.session)]
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                db.session, role=Role(form.role.data), email=form.email.data, password=form.password.data,
                display_name=form.display_name.data, university_id=form.university_id.data or None,
                actor=current_user,
            )
        except ValidationError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash_success(_("Account %(email)s created.", email=user.email))
            return redirect(url_for("admin.list_users", role=user.role.value))
    return render_template("admin/create_user.html", form=form), 422 if form.errors else 200


@bp.route("/audit")
@roles_required(Role.OPERATOR)
def audit_log():
    """The audit log, newest first."""
    page = directory.audit_page(db.session, action=request.args.get("action", ""),
                                page=request.args.get("page", 1, type=int))
    return render_template("admin/audit.html", page=page, action=request.args.get("action", ""))
