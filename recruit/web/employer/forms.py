"""Employer forms: company registration, invitations, vacancies, the pipeline, interviews."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from recruit.i18n import N_
from recruit.models import EmploymentType
from recruit.web import choices
from recruit.web.forms_common import Form, in_campaign_time

NUMBER = _l("Enter a whole number.")


class CompanyForm(Form):
    name = StringField(
        _l("Registered company name"),
        validators=[DataRequired(_l("Enter the company's registered name.")), Length(max=200)],
    )
    uscc = StringField(
        _l("Unified social credit code"),
        validators=[DataRequired(_l("Enter the 18-character code from the business licence."))],
    )
    industry = SelectField(_l("Industry (GB/T 4754)"), validators=[DataRequired(_l("Choose an industry."))])
    industry_division = SelectField(
        _l("Part of the industry (where the SME rules distinguish them)"), validators=[Optional()]
    )
    province_code = SelectField(_l("Province"), validators=[DataRequired(_l("Choose a province."))])
    city = StringField(_l("City"), validators=[DataRequired(_l("Enter the city.")), Length(max=50)])
    employees = IntegerField(_l("Employees"), validators=[Optional(), NumberRange(0, 10_000_000, NUMBER)])
    annual_revenue = IntegerField(
        _l("Annual revenue (10,000 yuan)"), validators=[Optional(), NumberRange(0, 10**9, NUMBER)]
    )
    total_assets = IntegerField(
        _l("Total assets (10,000 yuan)"), validators=[Optional(), NumberRange(0, 10**9, NUMBER)]
    )
    is_specialised = BooleanField(_l("Recognised as a specialised, refined, distinctive and innovative SME (专精特新)"))
    description = TextAreaField(_l("About the company"), validators=[Optional(), Length(max=3000)])
    website = URLField(_l("Website"), validators=[Optional(), Length(max=255)])
    contact_name = StringField(
        _l("Contact person"), validators=[DataRequired(_l("Enter a contact person.")), Length(max=100)]
    )
    contact_phone = StringField(_l("Contact phone"), validators=[Optional(), Length(max=30)])
    submit = SubmitField(_l("Register the company"))

    def fill_choices(self) -> None:
        """Set the options of the select fields."""
        self.industry.choices = [choices.blank()] + choices.industries()
        self.industry_division.choices = [choices.blank()] + choices.divisions()
        self.province_code.choices = [choices.blank()] + choices.provinces()


class VacancyForm(Form):
    title = StringField(_l("Job title"), validators=[DataRequired(_l("Enter the job title.")), Length(max=200)])
    description = TextAreaField(
        _l("What the job is"), validators=[DataRequired(_l("Describe the job.")), Length(max=10000)]
    )
    requirements = TextAreaField(_l("Requirements"), validators=[Optional(), Length(max=5000)])
    skills = StringField(_l("Skills (separated by commas)"), validators=[Optional(), Length(max=1000)])
    province_code = SelectField(_l("Province"), validators=[DataRequired(_l("Choose a province."))])
    city = StringField(_l("City"), validators=[DataRequired(_l("Enter the city.")), Length(max=50)])
    min_degree = SelectField(_l("Minimum degree"), validators=[Optional()])
    preferred_majors = StringField(
        _l("Preferred majors (separated by commas)"), validators=[Optional(), Length(max=500)]
    )
    salary_min = IntegerField(
        _l("Monthly salary from (yuan)"),
        validators=[InputRequired(_l("Enter the lowest monthly salary.")), NumberRange(0, 1_000_000, NUMBER)],
    )
    salary_max = IntegerField(
        _l("to (yuan)"),
        validators=[InputRequired(_l("Enter the highest monthly salary.")), NumberRange(0, 1_000_000, NUMBER)],
    )
    headcount = IntegerField(_l("People to hire"), default=1, validators=[InputRequired(_l("Enter how many people."))])
    employment_type = SelectField(
        _l("Type"),
        choices=[
            choices.SelectChoice(EmploymentType.FULL_TIME.value, _l("Full-time")),
            choices.SelectChoice(EmploymentType.INTERNSHIP.value, _l("Internship")),
        ],
    )
    deadline = DateField(_l("Application deadline"), validators=[InputRequired(_l("Choose a deadline."))])
    save_draft = SubmitField(_l("Save as draft"))
    publish = SubmitField(_l("Publish"))

    def fill_choices(self) -> None:
        """Set the options of the select fields."""
        self.province_code.choices = [choices.blank()] + choices.provinces()
        self.min_degree.choices = [choices.blank(_l("any"))] + choices.degrees()


class MoveForm(Form):
    to_status = StringField(validators=[DataRequired()])
    note = TextAreaField(_l("Note to the applicant (optional)"), validators=[Optional(), Length(max=2000)])


class InterviewForm(Form):
    scheduled_at = DateTimeLocalField(
        in_campaign_time(N_("Date and time (%(zone)s)")),
        format="%Y-%m-%dT%H:%M",
        validators=[InputRequired(_l("Choose the date and time."))],
    )
    duration_minutes = IntegerField(
        _l("Duration (minutes)"),
        default=30,
        validators=[InputRequired(), NumberRange(10, 480, _l("Between 10 and 480."))],
    )
    location = StringField(_l("Place"), validators=[Optional(), Length(max=255)])
    online_url = URLField(_l("Online meeting link"), validators=[Optional(), Length(max=500)])
    notes = TextAreaField(_l("Notes for the applicant"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Send interview invitation"))


class BulkRejectForm(Form):
    note = TextAreaField(_l("Message to the applicants"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Reject the selected applicants"))


class OfferForm(Form):
    position = StringField(_l("Position"), validators=[DataRequired(_l("Name the position offered.")), Length(max=100)])
    monthly_salary = IntegerField(
        _l("Monthly salary (yuan)"),
        validators=[InputRequired(NUMBER), NumberRange(1, 1_000_000, _l("Between 1 and 1,000,000 yuan."))],
    )
    start_on = DateField(_l("First day of work"), validators=[InputRequired(_l("Enter the first day of work."))])
    answer_by = DateField(_l("Answer by"), validators=[InputRequired(_l("Say by when the graduate should answer."))])
    note = TextAreaField(_l("Note to the applicant (optional)"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Make the offer"))


class AgreementForm(Form):
    position = StringField(_l("Position"), validators=[DataRequired(_l("Name the position.")), Length(max=100)])
    start_on = DateField(_l("First day of work"), validators=[InputRequired(_l("Enter the first day of work."))])
    monthly_salary = IntegerField(
        _l("Monthly salary (yuan)"),
        validators=[InputRequired(NUMBER), NumberRange(1, 1_000_000, _l("Between 1 and 1,000,000 yuan."))],
    )
    contract_months = IntegerField(
        _l("Contract length in months (0: open-ended)"),
        validators=[InputRequired(NUMBER), NumberRange(0, 600, _l("Between 0 and 600 months."))],
    )
    is_labour_contract = BooleanField(_l("A labour contract (劳动合同) is signed"), default=True)
    has_social_insurance = BooleanField(
        _l("We pay the unemployment, work-injury and pension insurance in full"), default=True
    )
    claims_absorption_subsidy = BooleanField(
        _l("We claim the one-time employment absorption subsidy for this hire (it excludes the job-expansion subsidy)")
    )
    submit = SubmitField(_l("Send to the graduate to confirm"))


class InsuranceForm(Form):
    insurance_months = IntegerField(
        _l("Months of unemployment, work-injury and pension insurance paid so far"),
        validators=[InputRequired(NUMBER), NumberRange(0, 600, _l("Between 0 and 600 months."))],
    )
    submit = SubmitField(_l("Confirm the insurance paid"))


class BoothForm(Form):
    pitch = TextAreaField(_l("A short pitch to graduates"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Save the booth"))
