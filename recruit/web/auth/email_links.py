"""Proving an e-mail address: the link from the registration e-mail opens a page whose button confirms it (a mail
scanner that opens links confirms nothing), and a signed-in person may ask for a new link."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.extensions import db, limiter
from recruit.services.people import email_verification
from recruit.web.access import login_required_any_role, public
from recruit.web.auth.forms import AcceptForm
from recruit.web.auth.routes import bp, link_not_found
from recruit.web.helpers import flash_success, home_for, safe_next_url


@bp.route("/verify/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
@public
def verify_email(token: str):
    """Confirm the address the link was sent to."""
    form = AcceptForm()
    if request.method == "POST" and form.validate_on_submit():
        user = email_verification.verify(db.session, token)
        if user is None:
            return link_not_found(_("This link is wrong, expired or already used. Ask for a new one."))
        db.session.commit()
        flash_success(_("Thank you: your e-mail address %(email)s is confirmed.", email=user.email))
        return redirect(home_for(current_user) if current_user.is_authenticated else url_for("auth.login"))
    return render_template("auth/verify_email.html", form=form)


@bp.route("/verify/resend", methods=["POST"])
@limiter.limit("5 per hour")
@login_required_any_role
def resend_verification():
    """E-mail a new link to prove one's address."""
    if not AcceptForm().validate_on_submit():
        return redirect(home_for(current_user))
    if email_verification.send_link(db.session, current_user) is not None:
        db.session.commit()
        flash_success(_("We sent a new link to %(email)s.", email=current_user.email))
    return redirect(safe_next_url(request.form.get("next")) or home_for(current_user))
