"""Forms for registering, logging in and changing a password."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length

from recruit.models import DigestFrequency, Role
from recruit.web.forms_common import AcceptablePassword, Form


class RegistrationForm(Form):
    role = RadioField(
        _l("I am"),
        choices=[
            SelectChoice(Role.GRADUATE.value, _l("a graduate looking for a job")),
            SelectChoice(Role.EMPLOYER.value, _l("an SME employer hiring graduates")),
        ],
        validators=[InputRequired(_l("Choose whether you are a graduate or an employer."))],
    )
    display_name = StringField(_l("Your name"), validators=[DataRequired(_l("Enter your name.")), Length(max=100)])
    email = EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(_l("Enter your e-mail address.")),
            Email(_l("Enter a valid e-mail address."), check_deliverability=False),
            Length(max=254),
        ],
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(_l("Choose a password.")), AcceptablePassword("email")]
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[
            DataRequired(_l("Repeat the password.")),
            EqualTo("password", _l("The two passwords differ.")),
        ],
    )
    consent = BooleanField(
        _l("I have read the privacy notice and agree to it"),
        validators=[
            DataRequired(_l("You must accept the privacy notice to register.")),
        ],
    )
    submit = SubmitField(_l("Create account"))


class LoginForm(Form):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Enter your e-mail address."))])
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password."))])
    remember = BooleanField(_l("Stay logged in on this device for a week (not on a shared computer)"))
    submit = SubmitField(_l("Log in"))


class TwoStepForm(Form):
    code = StringField(
        _l("Code from your authenticator app, or a recovery code"),
        validators=[DataRequired(_l("Enter the code.")), Length(max=20)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True},
    )
    submit = SubmitField(_l("Continue"))


class EnableTwoFactorForm(Form):
    code = StringField(
        _l("Code from your authenticator app"),
        validators=[DataRequired(_l("Enter the code.")), Length(max=20)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )
    submit = SubmitField(_l("Turn on two-step log-in"))


class DisableTwoFactorForm(Form):
    password = PasswordField(_l("Your password"), validators=[DataRequired(_l("Enter your password."))])
    code = StringField(_l("Code from your authenticator app"), validators=[DataRequired(_l("Enter the code."))])
    submit = SubmitField(_l("Turn off two-step log-in"))


class RecoveryCodesForm(Form):
    password = PasswordField(_l("Your password"), validators=[DataRequired(_l("Enter your password."))])
    submit = SubmitField(_l("Make new recovery codes"))


class ChangePasswordForm(Form):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(_l("Enter your current password."))]
    )
    new_password = PasswordField(
        _l("New password"), validators=[DataRequired(_l("Choose a password.")), AcceptablePassword()]
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[
            DataRequired(_l("Repeat the password.")),
            EqualTo("new_password", _l("The two passwords differ.")),
        ],
    )
    submit = SubmitField(_l("Change password"))


class NotificationSettingsForm(Form):
    email_opt_in = BooleanField(_l("Send me notifications by e-mail too"))
    digest_frequency = SelectField(
        _l("New recommended vacancies"),
        choices=[
            SelectChoice(DigestFrequency.IMMEDIATELY.value, _l("as soon as they appear")),
            SelectChoice(DigestFrequency.DAILY.value, _l("once a day")),
            SelectChoice(DigestFrequency.WEEKLY.value, _l("once a week")),
            SelectChoice(DigestFrequency.NEVER.value, _l("never")),
        ],
    )
    submit = SubmitField(_l("Save settings"))


class AcceptForm(Form):
    """A bare button form (its CSRF token is the point): accept an invitation while logged in."""

    submit = SubmitField(_l("Accept the invitation"))


class DeleteAccountForm(Form):
    password = PasswordField(_l("Your password"), validators=[DataRequired(_l("Enter your password."))])
    understood = BooleanField(
        _l("I understand that my account, profile, resume and applications are deleted and cannot be restored"),
        validators=[DataRequired(_l("Tick this box to confirm."))],
    )
    submit = SubmitField(_l("Delete my account"))


class NoticeConsentForm(Form):
    """Accept the current privacy notice (asked again when a new version is published)."""

    submit = SubmitField(_l("I accept the privacy notice"))


class JoinCareerOfficeForm(Form):
    """Open a career-office account through an invitation (the address is the invited one)."""

    email = HiddenField()
    display_name = RegistrationForm.display_name
    password = RegistrationForm.password
    confirm = RegistrationForm.confirm
    consent = RegistrationForm.consent
    submit = SubmitField(_l("Create account"))


class ForgotPasswordForm(Form):
    email = EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(_l("Enter your e-mail address.")),
            Email(_l("Enter a valid e-mail address."), check_deliverability=False),
            Length(max=254),
        ],
    )
    submit = SubmitField(_l("Send me a link"))


class ResetPasswordForm(Form):
    password = PasswordField(
        _l("New password"), validators=[DataRequired(_l("Choose a password.")), AcceptablePassword()]
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(_l("Repeat the password.")), EqualTo("password", _l("The two passwords differ."))],
    )
    submit = SubmitField(_l("Save the new password"))
