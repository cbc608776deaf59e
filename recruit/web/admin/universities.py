"""The operator's university pages: the list with each university's figures, adding, renaming and closing one."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.extensions import db
from recruit.models import Role, University
from recruit.services.universities import offices, registry
from recruit.web import choices
from recruit.web.access import roles_required
from recruit.web.admin.forms import CloseUniversityForm, UniversityForm
from recruit.web.admin.routes import bp
from recruit.web.forms_common import InviteForm
from recruit.web.helpers import REFUSED, attempt, flash_success, form_status, page_argument, perform

operator_only = roles_required(Role.OPERATOR)


@bp.route("/universities")
@operator_only
def list_universities():
    """Universities by name, searched by name or code, each with its registered and placed graduates."""
    query = request.args.get("q", "")
    page = registry.universities_page(db.session, query, page_argument())
    figures = registry.figures_of(db.session, [u.id for u in page.items])
    return render_template(
        "admin/universities.html",
        page=page,
        figures=figures,
        q=query,
        close_form=CloseUniversityForm(),
    )


def _details(form: UniversityForm) -> registry.UniversityDetails:
    return registry.UniversityDetails(
        code=(form.code.data or "").strip(),
        name=form.name.data or "",
        name_en=form.name_en.data or "",
        province_code=form.province_code.data or "",
        city=form.city.data or "",
        level=form.level.data or "",
    )


def _university_form(university: University | None = None) -> UniversityForm:
    form = UniversityForm(obj=university) if university is not None and request.method == "GET" else UniversityForm()
    form.province_code.choices = [choices.blank()] + choices.provinces()
    return form


@bp.route("/universities/new", methods=["GET", "POST"])
@operator_only
def add_university():
    """Add an institution that is not on the national list yet."""
    form = _university_form()
    if form.validate_on_submit():
        university = perform(form, lambda: registry.add_university(db.session, current_user, _details(form)))
        if university is not REFUSED:
            flash_success(_("%(name)s is added.", name=university.name))
            return redirect(url_for("admin.list_universities", q=university.code))
    return render_template("admin/university_form.html", form=form, university=None), form_status(form)


@bp.route("/universities/<int:university_id>", methods=["GET", "POST"])
@operator_only
def edit_university(university_id: int):
    """Rename a university or correct its details (after a merger, say); its graduates stay with it."""
    university = db.session.get(University, university_id) or abort(404)
    form = _university_form(university)
    if form.validate_on_submit():
        details = _details(form)
        if perform(form, lambda: registry.update_university(db.session, current_user, university, details)) is not (
            REFUSED
        ):
            flash_success(_("%(name)s is saved.", name=university.name))
            return redirect(url_for("admin.list_universities", q=university.code))
    return _render_university(university, form, InviteForm(formdata=None))


def _render_university(university: University, form: UniversityForm, invite_form: InviteForm):
    figures = registry.figures_of(db.session, [university.id])[university.id]
    return render_template(
        "admin/university_form.html",
        form=form,
        university=university,
        figures=figures,
        invite_form=invite_form,
        members=offices.members(db.session, university.id),
    ), max(form_status(form), form_status(invite_form))


@bp.route("/universities/<int:university_id>/invite", methods=["POST"])
@operator_only
def invite_career_office(university_id: int):
    """Invite someone by e-mail to open the university's (first) career-office account."""
    university = db.session.get(University, university_id) or abort(404)
    invite_form = InviteForm()
    if invite_form.validate_on_submit():
        address = invite_form.email.data
        if perform(invite_form, lambda: offices.invite(db.session, university, current_user, address)) is not REFUSED:
            flash_success(_("The invitation is on its way to %(email)s.", email=address))
            return redirect(url_for("admin.edit_university", university_id=university.id))
    return _render_university(university, _university_form(university), invite_form)


@bp.route("/universities/<int:university_id>/closed", methods=["POST"])
@operator_only
def close_university(university_id: int):
    """Close a university (it is no longer offered to new graduates) or open it again."""
    university = db.session.get(University, university_id) or abort(404)
    form = CloseUniversityForm()
    if not form.validate_on_submit() or form.closed.data not in ("yes", "no"):
        abort(400)
    closed = form.closed.data == "yes"
    attempt(lambda: registry.set_closed(db.session, current_user, university, closed))
    if closed:
        flash_success(_("%(name)s is closed: new graduates no longer find it in the list.", name=university.name))
    else:
        flash_success(_("%(name)s is open again.", name=university.name))
    return redirect(url_for("admin.list_universities", q=request.form.get("q", "")))
