"""Two-step log-in pages: the second step of a log-in, and turning the authenticator app on or off, with recovery
codes (services.people.two_factor holds the rules)."""

from __future__ import annotations

import segno
from flask import redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.extensions import db, limiter
from recruit.models import User
from recruit.services.people import two_factor
from recruit.services.people.passwords import verify_password
from recruit.web.access import log_in, login_required_any_role, public
from recruit.web.auth import known_devices, pending_log_in
from recruit.web.auth.forms import DisableTwoFactorForm, EnableTwoFactorForm, RecoveryCodesForm, TwoStepForm
from recruit.web.auth.routes import bp
from recruit.web.helpers import REFUSED, flash_success, form_status, home_for, perform

SETUP_KEY = "totp_setup"


@bp.route("/two-step", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
@public
def two_step():
    """The second step of a log-in: a code from the authenticator app, or a recovery code."""
    waiting = pending_log_in.pending()
    user = db.session.get(User, waiting["user"]) if waiting else None
    if user is None or not user.is_active:
        pending_log_in.finish()
        return redirect(url_for("auth.login"))
    form = TwoStepForm()
    if form.validate_on_submit():
        if two_factor.check(db.session, user, form.code.data):
            pending_log_in.finish()
            log_in(user, remember=bool(waiting.get("remember")))
            db.session.commit()
            return known_devices.remember(redirect(waiting.get("next") or home_for(user)), user.id)
        db.session.rollback()
        left = pending_log_in.count_failure()
        if not left:
            return redirect(url_for("auth.login"))
        form.code.errors.append(str(two_factor.WRONG_CODE))
    return render_template("auth/two_step.html", form=form), form_status(form)


def _settings_page(user, disable_form=None, codes_form=None):
    """The page of an account whose two-step log-in is on: recovery codes left, new codes, turning it off."""
    return render_template(
        "auth/two_factor_on.html",
        disable_form=disable_form or DisableTwoFactorForm(),
        codes_form=codes_form or RecoveryCodesForm(),
        remaining=two_factor.remaining_recovery_codes(db.session, user),
        required=two_factor.is_required(user),
    )


def _qr_data_uri(uri: str) -> str:
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2)


@bp.route("/two-factor", methods=["GET", "POST"])
@login_required_any_role
def two_factor_settings():
    """Turn two-step log-in on (QR code, a code to confirm, recovery codes shown once) or off."""
    user = current_user._get_current_object()
    if two_factor.is_enabled(user):
        return _settings_page(user)
    secret = session.get(SETUP_KEY) or two_factor.new_secret()
    session[SETUP_KEY] = secret
    form = EnableTwoFactorForm()
    if form.validate_on_submit():
        codes = perform(form, lambda: two_factor.enable(db.session, user, secret, form.code.data))
        if codes is not REFUSED:
            session.pop(SETUP_KEY, None)
            return render_template("auth/recovery_codes.html", codes=codes, first_time=True)
    uri = two_factor.provisioning_uri(user, secret)
    return render_template(
        "auth/two_factor_setup.html",
        form=form,
        qr=_qr_data_uri(uri),
        secret=secret,
        required=two_factor.is_required(user),
    ), form_status(form)


@bp.route("/two-factor/off", methods=["POST"])
@login_required_any_role
def turn_off_two_factor():
    """Turn two-step log-in off (not for operators), after the password and a code."""
    user = current_user._get_current_object()
    form = DisableTwoFactorForm()
    if form.validate_on_submit():
        done = perform(form, lambda: two_factor.disable(db.session, user, form.password.data, form.code.data))
        if done is not REFUSED:
            flash_success(_("Two-step log-in is off."))
            return redirect(url_for("auth.two_factor_settings"))
    return _settings_page(user, disable_form=form), 422


@bp.route("/two-factor/recovery-codes", methods=["POST"])
@login_required_any_role
def new_recovery_codes():
    """Replace the recovery codes after the password; the new ones are shown once."""
    user = current_user._get_current_object()
    form = RecoveryCodesForm()
    if form.validate_on_submit() and two_factor.is_enabled(user):
        if verify_password(user.password_hash, form.password.data):
            codes = two_factor.new_recovery_codes(db.session, user)
            db.session.commit()
            return render_template("auth/recovery_codes.html", codes=codes, first_time=False)
        form.password.errors.append(_("Your password is not right."))
    return _settings_page(user, codes_form=form), 422
