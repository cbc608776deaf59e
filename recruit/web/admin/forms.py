"""Operator forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    EmailField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms import Form as SubForm
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from recruit.i18n import N_
from recruit.labels import LABELS
from recruit.models import CompanyStatus, Role
from recruit.web import choices
from recruit.web.forms_common import AcceptablePassword, Form, in_campaign_time

ROLE_LABELS = {role: LABELS[role] for role in Role}


class CreateUserForm(Form):
    role = SelectField(
        _l("Role"),
        choices=[
            SelectChoice(Role.CAREER_OFFICE.value, ROLE_LABELS[Role.CAREER_OFFICE]),
            SelectChoice(Role.OPERATOR.value, ROLE_LABELS[Role.OPERATOR]),
        ],
    )
    university_id = SelectField(
        _l("University (for a career office)"), coerce=int, validate_choice=False, validators=[Optional()]
    )
    display_name = StringField(_l("Name"), validators=[DataRequired(_l("Enter a name.")), Length(max=100)])
    email = EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(_l("Enter an e-mail address.")),
            Email(_l("Enter a valid e-mail address."), check_deliverability=False),
        ],
    )
    password = PasswordField(
        _l("Initial password"), validators=[DataRequired(_l("Choose a password.")), AcceptablePassword("email")]
    )
    submit = SubmitField(_l("Create account"))


class EnableAccountForm(Form):
    enabled = HiddenField()  # "yes" or "no"


class CompanyDecisionForm(Form):
    decision = SelectField(
        _l("Decision"),
        choices=[
            SelectChoice(CompanyStatus.VERIFIED.value, _l("Verify")),
            SelectChoice(CompanyStatus.REJECTED.value, _l("Reject")),
            SelectChoice(CompanyStatus.SUSPENDED.value, _l("Suspend")),
        ],
    )
    size_class = SelectField(_l("Size class (financial companies)"), validators=[Optional()])
    reason = TextAreaField(
        _l("Reason the company will see (for a rejection or suspension)"), validators=[Optional(), Length(max=2000)]
    )
    submit = SubmitField(_l("Record the decision"))


class PhaseForm(SubForm):
    name = StringField(_l("Phase"), validators=[Optional(), Length(max=100)])
    starts_on = DateField(_l("From"), validators=[Optional()])
    ends_on = DateField(_l("To"), validators=[Optional()])
    message_graduates = TextAreaField(_l("Message to graduates"), validators=[Optional(), Length(max=2000)])
    message_employers = TextAreaField(_l("Message to employers"), validators=[Optional(), Length(max=2000)])
    message_career_offices = TextAreaField(_l("Message to career offices"), validators=[Optional(), Length(max=2000)])


class CampaignForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Name the campaign.")), Length(max=200)])
    starts_on = DateField(_l("First day"), validators=[InputRequired(_l("Choose the first day."))])
    length_days = IntegerField(
        _l("Length in days"),
        default=100,
        validators=[
            InputRequired(_l("Enter the length.")),
            NumberRange(1, 366, _l("A campaign lasts between 1 and 366 days.")),
        ],
    )
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=3000)])
    phases = FieldList(FormField(PhaseForm), min_entries=6, max_entries=12)
    submit = SubmitField(_l("Create the campaign"))


class AnnouncementForm(Form):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter a title.")), Length(max=255)])
    body = TextAreaField(_l("Text"), validators=[DataRequired(_l("Write the announcement.")), Length(max=10000)])
    is_policy = BooleanField(_l("This is a policy notice (e.g. an employment subsidy)"))
    roles = SelectMultipleField(_l("Roles (none: all)"), validators=[Optional()])
    provinces = SelectMultipleField(_l("Provinces (none: all)"), validators=[Optional()])
    industries = SelectMultipleField(_l("Industries, for employers (none: all)"), validators=[Optional()])
    size_classes = SelectMultipleField(_l("Company sizes, for employers (none: all)"), validators=[Optional()])
    graduation_years = StringField(
        _l("Graduation years, for graduates (e.g. 2026, 2027)"), validators=[Optional(), Length(max=100)]
    )
    publish_at = DateTimeLocalField(
        in_campaign_time(N_("Send at (%(zone)s; empty: now)")), format="%Y-%m-%dT%H:%M", validators=[Optional()]
    )
    submit = SubmitField(_l("Schedule the announcement"))

    def fill_choices(self) -> None:
        """Set the options of the select fields."""
        self.roles.choices = [
            SelectChoice(r.value, LABELS[r]) for r in (Role.GRADUATE, Role.EMPLOYER, Role.CAREER_OFFICE)
        ]
        self.provinces.choices = choices.provinces()
        self.industries.choices = choices.industries()
        self.size_classes.choices = choices.size_classes()


class UniversityForm(Form):
    code = StringField(
        _l("National code (学校标识码)"),
        validators=[DataRequired(_l("Enter the 10-digit national code.")), Length(min=10, max=10)],
    )
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the university's name.")), Length(max=100)])
    name_en = StringField(_l("Name in English"), validators=[Optional(), Length(max=200)])
    province_code = SelectField(_l("Province"), validators=[DataRequired(_l("Choose a province."))])
    city = StringField(_l("City"), validators=[Optional(), Length(max=50)])
    level = SelectField(
        _l("Level"),
        choices=[SelectChoice("undergraduate", _l("undergraduate")), SelectChoice("vocational", _l("vocational"))],
    )
    submit = SubmitField(_l("Save"))


class CloseUniversityForm(Form):
    closed = HiddenField()  # "yes" or "no"


class AuditFilterForm(Form):
    """The audit log's filters, read from the address (a search form: no token, nothing is written)."""

    class Meta:
        csrf = False

    actor = StringField(_l("Who (e-mail or name)"), validators=[Optional(), Length(max=254)])
    action = SelectField(_l("Action"), validators=[Optional()])
    target_type = SelectField(_l("Record"), validators=[Optional()])
    target_id = IntegerField(
        _l("Record number"), validators=[Optional(), NumberRange(1, 2**62, _l("Enter a record number."))]
    )
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])

    def fill_choices(self, actions: dict, targets: dict) -> None:
        """Offer every action and kind of record, by their names."""
        self.action.choices = [SelectChoice("", _l("Every action"))] + [
            SelectChoice(code, name) for code, name in actions.items()
        ]
        self.target_type.choices = [SelectChoice("", _l("Every record"))] + [
            SelectChoice(code, name) for code, name in targets.items()
        ]

    def validate(self, extra_validators=None) -> bool:
        """Also refuse a first day after the last."""
        valid = super().validate(extra_validators)
        if self.since.data and self.until.data and self.since.data > self.until.data:
            self.until.errors = [*self.until.errors, _l("The last day must not be before the first.")]
            valid = False
        return valid


class SubsidyRuleForm(Form):
    year = IntegerField(_l("Hiring year"), validators=[InputRequired(_l("Enter a whole number."))])
    window_years = IntegerField(
        _l("Also graduates who left school up to this many years before (and are unemployed)"),
        default=2,
        validators=[InputRequired(_l("Enter a whole number."))],
    )
    min_insurance_months = IntegerField(
        _l("Months of insurance paid in full, at least"),
        default=3,
        validators=[InputRequired(_l("Enter a whole number."))],
    )
    amount_yuan = IntegerField(
        _l("Amount per graduate (yuan)"), default=1500, validators=[InputRequired(_l("Enter a whole number."))]
    )
    submit = SubmitField(_l("Save the rule"))


class FairForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Name the fair.")), Length(max=200)])
    theme = TextAreaField(_l("Theme"), validators=[Optional(), Length(max=2000)])
    organiser = StringField(_l("Organised by"), validators=[Optional(), Length(max=200)])
    starts_on = DateField(_l("First day"), validators=[InputRequired(_l("Choose the first day."))])
    ends_on = DateField(_l("Last day"), validators=[InputRequired(_l("Choose the last day."))])
    max_companies = IntegerField(
        _l("Companies it takes, at most"), default=100, validators=[InputRequired(_l("Enter a whole number."))]
    )
    provinces = SelectMultipleField(_l("For graduates in (none: all provinces)"), validators=[Optional()])
    industries = SelectMultipleField(_l("Industries (none: all)"), validators=[Optional()])
    majors = StringField(_l("Majors, separated by commas (none: all)"), validators=[Optional(), Length(max=2000)])
    degree = SelectField(_l("Degree (none: any)"), validators=[Optional()])
    live_starts_at = DateTimeLocalField(
        in_campaign_time(N_("Live session starts (%(zone)s, optional)")),
        format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
    )
    live_url = StringField(_l("Live stream address (optional)"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Create the fair"))

    def fill_choices(self) -> None:
        """Set the options of the select fields."""
        self.provinces.choices = choices.provinces()
        self.industries.choices = choices.industries()
        self.degree.choices = [choices.blank(_l("any"))] + choices.degrees()


class BoothDecisionForm(Form):
    decision = HiddenField(validators=[DataRequired()])  # "approve" or "remove"


class ReportDecisionForm(Form):
    decision = HiddenField(validators=[DataRequired()])  # "close" or "keep"
