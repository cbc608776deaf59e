"""Forgotten passwords: ask for a link by e-mail, then choose a new password with it."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.extensions import db, limiter
from recruit.services.people import password_resets
from recruit.web.access import log_out, public
from recruit.web.auth.forms import ForgotPasswordForm, ResetPasswordForm
from recruit.web.auth.routes import bp, link_not_found
from recruit.web.helpers import REFUSED, flash_success, form_status, perform


@bp.route("/forgot", methods=["GET", "POST"])
@limiter.limit("5 per minute;20 per hour", methods=["POST"])
@public
def forgot_password():
    """Ask for a reset link; the answer is the same whether or not the address has an account."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        password_resets.request_reset(db.session, form.email.data)
        db.session.commit()
        return render_template("auth/forgot_sent.html")
    return render_template("auth/forgot.html", form=form), form_status(form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
@public
def reset_password(token: str):
    """Choose a new password with the e-mailed link; every session of the account ends, and the user logs in."""
    reset = password_resets.reset_for_token(db.session, token)
    if reset is None:
        return link_not_found(_("This link is wrong, expired or already used. Ask for a new one."))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        new_password = form.password.data
        if perform(form, lambda: password_resets.reset_password(db.session, reset, new_password)) is not REFUSED:
            if current_user.is_authenticated:
                log_out()
                db.session.commit()
            flash_success(_("Your password is changed and every session of your account has ended. Log in with it."))
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form), form_status(form)
