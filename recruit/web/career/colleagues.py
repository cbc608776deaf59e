"""The career office's colleagues: who has an account of the university, and invitations by e-mail."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.extensions import db
from recruit.models import Role
from recruit.services.universities import offices
from recruit.web.access import roles_required
from recruit.web.career.routes import bp
from recruit.web.forms_common import InviteForm
from recruit.web.helpers import REFUSED, flash_success, form_status, perform


@bp.route("/colleagues", methods=["GET", "POST"])
@roles_required(Role.CAREER_OFFICE)
def invite_colleague():
    """Invite a colleague to the university's career office by e-mail; list who is there already."""
    form = InviteForm()
    university = current_user.university
    if form.validate_on_submit():
        invited = perform(form, lambda: offices.invite(db.session, university, current_user, form.email.data))
        if invited is not REFUSED:
            flash_success(_("The invitation is on its way to %(email)s.", email=invited[0].email))
            return redirect(url_for("career.invite_colleague"))
    return render_template(
        "career/colleagues.html",
        form=form,
        university=university,
        members=offices.members(db.session, university.id),
    ), form_status(form)
