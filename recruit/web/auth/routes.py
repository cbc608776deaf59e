"""Registration, log-in, log-out and password change."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.extensions import csrf, db, limiter
from recruit.models import DigestFrequency, Role
from recruit.services.messaging import digests
from recruit.services.people import (
    accounts,
    companies,
    consents,
    erasure,
    personal_data,
    sessions,
    two_factor,
)
from recruit.services.universities import offices
from recruit.web.access import current_session_token, log_in, log_out, login_required_any_role, public, roles_required
from recruit.web.auth import known_devices
from recruit.web.auth.forms import (
    AcceptForm,
    ChangePasswordForm,
    DeleteAccountForm,
    JoinCareerOfficeForm,
    LoginForm,
    NoticeConsentForm,
    NotificationSettingsForm,
    RegistrationForm,
)
from recruit.web.auth.pending_log_in import start_two_step
from recruit.web.helpers import REFUSED, attempt, flash_success, form_status, home_for, perform, safe_next_url

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _login_account_key() -> str:
    """Rate-limit key for one account: the e-mail being tried, from browsers and addresses it never logged in from."""
    return "login-account:" + (request.form.get("email") or "").strip().lower()


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
@public
def register():
    """Register as a graduate or an SME employer."""
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = RegistrationForm(role=request.args.get("role", Role.GRADUATE.value))
    if form.validate_on_submit():

        def register_and_log_in():
            user = accounts.register(
                db.session,
                role=Role(form.role.data),
                email=form.email.data,
                password=form.password.data,
                display_name=form.display_name.data,
                has_consented=form.consent.data,
                locale=session.get("lang"),
            )
            log_in(user)
            return user

        user = perform(form, register_and_log_in)
        if user is not REFUSED:
            flash_success(_("Welcome to recruit. Your account is ready."))
            return redirect(home_for(user))
    status = form_status(form)
    return render_template("auth/register.html", form=form, notice_version=consents.PRIVACY_NOTICE_VERSION), status


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("30 per minute;300 per hour", methods=["POST"])
@limiter.limit(
    "10 per minute;50 per hour",
    key_func=_login_account_key,
    methods=["POST"],
    exempt_when=known_devices.is_known_to_account,
    deduct_when=lambda response: response.status_code != 302,
)
@public
def login():
    """Log in with e-mail and password."""
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        user = accounts.authenticate(db.session, form.email.data, form.password.data)
        if user is not None:
            target = safe_next_url(request.args.get("next"))
            if two_factor.is_enabled(user):  # the password was right: the second step decides
                db.session.commit()
                start_two_step(user, bool(form.remember.data), target)
                return redirect(url_for("auth.two_step"))
            log_in(user, remember=bool(form.remember.data))
            db.session.commit()
            return known_devices.remember(redirect(target or home_for(user)), user.id)
        form.password.errors.append(_("The e-mail address or the password is not right."))
    if form.errors:
        status = 422
    return render_template("auth/login.html", form=form), status


@bp.route("/consent", methods=["GET", "POST"])
@login_required_any_role
def consent():
    """Accept the current privacy notice: asked at registration and again whenever a new version is published."""
    target = safe_next_url(request.args.get("next")) or home_for(current_user)
    if not consents.needs_notice_consent(current_user):
        return redirect(target)
    form = NoticeConsentForm()
    if form.validate_on_submit():
        consents.accept_notice(db.session, current_user)
        db.session.commit()
        flash_success(
            _("Thank you: you accepted the privacy notice of %(version)s.", version=consents.PRIVACY_NOTICE_VERSION)
        )
        return redirect(target)
    return render_template(
        "auth/consent.html",
        form=form,
        notice_version=consents.PRIVACY_NOTICE_VERSION,
        accepted_version=current_user.consent_notice_version,
        changes=consents.NOTICE_CHANGES.get(consents.PRIVACY_NOTICE_VERSION),
    )


@bp.route("/logout", methods=["POST"])
@login_required_any_role
def logout():
    """End the session on the server and in the browser."""
    log_out()
    db.session.commit()
    flash_success(_("You have logged out."))
    return redirect(url_for("public.index"))


@bp.route("/password", methods=["GET", "POST"])
@login_required_any_role
def change_password():
    """Change the password; every other session of the account ends."""
    form = ChangePasswordForm()
    if form.validate_on_submit():

        def change_and_end_other_sessions():
            accounts.change_password(db.session, current_user, form.current_password.data, form.new_password.data)
            sessions.revoke_other_sessions(db.session, current_user, keep_token=current_session_token())

        if perform(form, change_and_end_other_sessions) is not REFUSED:
            flash_success(_("Your password has been changed; your other sessions have ended."))
            return redirect(home_for(current_user))
    return render_template("auth/change_password.html", form=form), form_status(form)


def link_not_found(message=None):
    """The 404 page of a link (an invitation, a password reset) that is wrong, expired or used."""
    return render_template(
        "errors/error.html",
        code=404,
        title=_("Link not found"),
        message=message or _("This invitation link is wrong, expired or already used."),
    ), 404


@bp.route("/join/<token>", methods=["GET", "POST"])
@public
def join_company(token: str):
    """Join a company through a colleague's invitation: register as its employer, or accept when logged in."""
    invitation = companies.invitation_for_token(db.session, token)
    if invitation is None:
        return link_not_found()
    if current_user.is_authenticated:
        if request.method != "POST":  # accepting changes who the account acts for: a button, never a link
            result, refusal = attempt(lambda: companies.check_may_accept(invitation, current_user))
            if refusal is None:
                return render_template("auth/join.html", form=None, invitation=invitation)
        elif not AcceptForm().validate_on_submit():
            abort(400)
        else:
            result, refusal = attempt(lambda: companies.accept_invitation(db.session, invitation, current_user))
        if refusal is not None:
            return render_template("errors/error.html", code=403, title=_("Not allowed"), message=refusal.message), 403
        flash_success(_("You now act for %(company)s.", company=invitation.company.name))
        return redirect(url_for("employer.dashboard"))
    form = RegistrationForm(role=Role.EMPLOYER.value, email=invitation.email)
    if form.validate_on_submit():

        def register_and_join():
            user = accounts.register(
                db.session,
                role=Role.EMPLOYER,
                email=invitation.email,
                password=form.password.data,
                display_name=form.display_name.data,
                has_consented=form.consent.data,
                locale=session.get("lang"),
                invited=True,
            )
            companies.accept_invitation(db.session, invitation, user)
            log_in(user)

        if perform(form, register_and_join) is not REFUSED:
            flash_success(_("Welcome: you now act for %(company)s.", company=invitation.company.name))
            return redirect(url_for("employer.dashboard"))
    return render_template(
        "auth/join.html", form=form, invitation=invitation, notice_version=consents.PRIVACY_NOTICE_VERSION
    ), form_status(form)


@bp.route("/join-office/<token>", methods=["GET", "POST"])
@public
def join_career_office(token: str):
    """Open a university's career-office account through an invitation from the operator or a colleague."""
    invitation = offices.invitation_for_token(db.session, token)
    if invitation is None:
        return link_not_found()
    if current_user.is_authenticated:
        message = _("You are logged in as %(email)s: log out, then open the link again.", email=current_user.email)
        return render_template("errors/error.html", code=403, title=_("Not allowed"), message=message), 403
    form = JoinCareerOfficeForm(email=invitation.email)
    if form.validate_on_submit():

        def open_account_and_log_in():
            user = offices.accept(
                db.session,
                invitation,
                password=form.password.data,
                display_name=form.display_name.data,
                has_consented=form.consent.data,
                locale=session.get("lang"),
            )
            log_in(user)

        if perform(form, open_account_and_log_in) is not REFUSED:
            flash_success(
                _("Welcome: you follow the graduates of %(university)s.", university=invitation.university.name)
            )
            return redirect(url_for("career.dashboard"))
    return render_template("auth/join_office.html", form=form, invitation=invitation), form_status(form)


@bp.route("/settings", methods=["GET", "POST"])
@login_required_any_role
def notification_settings():
    """Choose what arrives by e-mail and how often."""
    form = NotificationSettingsForm(obj=current_user) if request.method == "GET" else NotificationSettingsForm()
    if request.method == "GET":
        form.digest_frequency.data = current_user.digest_frequency.value
    if form.validate_on_submit():
        accounts.update_notification_settings(
            current_user, form.email_opt_in.data, DigestFrequency(form.digest_frequency.data)
        )
        db.session.commit()
        flash_success(_("Your settings are saved."))
        return redirect(url_for("auth.notification_settings"))
    return render_template("auth/settings.html", form=form, data_form=AcceptForm()), form_status(form)


@bp.route("/delete-account", methods=["GET", "POST"])
@roles_required(*erasure.ERASABLE_ROLES)
def delete_account():
    """Delete one's own account (graduates and SMEs), after the password; staff accounts are disabled instead."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        upload_dir = current_app.config["RECRUIT_UPLOAD_DIR"]

        done = perform(form, lambda: erasure.erase_own_account(db.session, user, form.password.data, upload_dir))
        if done is not REFUSED:
            log_out()  # its server-side sessions went with the account
            db.session.commit()
            for path in done.files:
                path.unlink(missing_ok=True)
            flash_success(_("Your account is deleted. Thank you for taking part in the campaign."))
            return redirect(url_for("public.index"))
    return render_template("auth/delete_account.html", form=form), form_status(form)


@bp.route("/my-data", methods=["POST"])
@login_required_any_role
def download_my_data():
    """Download everything held about oneself: a ZIP of a JSON file and one's resume (the download is audited)."""
    if not AcceptForm().validate_on_submit():
        abort(400)
    archive = personal_data.personal_data_archive(db.session, current_user, current_app.config["RECRUIT_UPLOAD_DIR"])
    db.session.commit()
    return Response(
        archive,
        mimetype="application/zip",
        headers={
            "Content-Disposition": 'attachment; filename="recruit-personal-data.zip"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed token is the proof; mail clients' one-click unsubscribe (RFC 8058) posts without a form
@public
def unsubscribe_digest(token: str):
    """Turn off vacancy digests from the e-mail's link (no log-in needed; settings turn them back on).

    Opening the link asks; the button (or a mail client's one-click POST) unsubscribes.
    """
    user = digests.user_for_unsubscribe_token(db.session, token)
    if user is None:
        return render_template(
            "errors/error.html", code=404, title=_("Link not valid"), message=_("This unsubscribe link is not valid.")
        ), 404
    if request.method != "POST":
        return render_template("auth/unsubscribed.html", email=user.email, done=False)
    digests.unsubscribe(user)
    db.session.commit()
    return render_template("auth/unsubscribed.html", email=user.email, done=True)
