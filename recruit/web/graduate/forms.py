"""Graduate forms: profile, resume, application, offer and interview answers."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from recruit.web import choices
from recruit.web.forms_common import Form


class ProfileForm(Form):
    full_name = StringField(_l("Full name"), validators=[DataRequired(_l("Enter your full name.")), Length(max=100)])
    university_id = SelectField(_l("University"), coerce=choices.optional_int, validators=[Optional()])
    student_number = StringField(_l("Student number"), validators=[Optional(), Length(max=40)])
    major = StringField(_l("Major"), validators=[Optional(), Length(max=100)])
    discipline = SelectField(_l("Discipline"), validators=[Optional()])
    degree = SelectField(_l("Degree"), validators=[Optional()])
    graduation_year = IntegerField(
        _l("Graduation year"),
        validators=[Optional(), NumberRange(1950, 2100, _l("Enter a year between 1950 and 2100."))],
    )
    skills = StringField(_l("Skills"), validators=[Optional(), Length(max=1000)])
    preferred_cities = StringField(_l("Preferred cities"), validators=[Optional(), Length(max=300)])
    preferred_industries = SelectMultipleField(_l("Preferred industries"), validators=[Optional()])
    salary_min = IntegerField(
        _l("Expected monthly salary from (yuan)"),
        validators=[Optional(), NumberRange(0, 1_000_000, _l("Enter an amount in yuan."))],
    )
    salary_max = IntegerField(
        _l("to (yuan)"), validators=[Optional(), NumberRange(0, 1_000_000, _l("Enter an amount in yuan."))]
    )
    about = TextAreaField(_l("About me"), validators=[Optional(), Length(max=3000)])
    province_code = SelectField(_l("Home province"), validators=[Optional()])
    is_visible_to_employers = BooleanField(_l("Let employers find my profile"))
    submit = SubmitField(_l("Save profile"))

    def fill_choices(self, universities) -> None:
        """Set the options of the select fields."""
        self.university_id.choices = choices.universities_by_province(universities, first=choices.blank())
        self.discipline.choices = [choices.blank()] + choices.disciplines()
        self.degree.choices = [choices.blank()] + choices.degrees()
        self.preferred_industries.choices = choices.industries()
        self.province_code.choices = [choices.blank()] + choices.provinces()


class ResumeForm(Form):
    resume = FileField(_l("Resume (PDF, at most 5 MB)"), validators=[FileRequired(_l("Choose a PDF file."))])
    upload = SubmitField(_l("Upload resume"))


class ApplyForm(Form):
    cover_letter = TextAreaField(_l("Cover letter (optional)"), validators=[Optional(), Length(max=5000)])
    # Labelled with the employer's name where it is shown (templates/public/vacancy.html); the service checks it.
    shares_with_employer = BooleanField(_l("I agree that this employer may see my profile and resume"))
    # The job fair the graduate came from, if any (the application records it when the vacancy is shown there).
    fair_id = HiddenField(validators=[Optional(), Regexp(r"^[0-9]{1,9}$")])
    submit = SubmitField(_l("Apply"))


class NoteForm(Form):
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=2000)])


class InterviewAnswerForm(Form):
    answer = SelectField(
        _l("Answer"),
        choices=[
            choices.SelectChoice("confirm", _l("I will attend")),
            choices.SelectChoice("reschedule", _l("Please propose another time")),
        ],
        validators=[InputRequired()],
    )
    note = TextAreaField(_l("Which times suit you (if asking for another)"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Send answer"))


class ReturnAgreementForm(Form):
    reason = TextAreaField(
        _l("What should be corrected"),
        validators=[DataRequired(_l("Say what should be corrected.")), Length(max=2000)],
    )
    submit = SubmitField(_l("Return it to the employer"))


class FollowUpForm(Form):
    still_employed = SelectField(
        _l("Are you still employed there?"),
        choices=[SelectChoice("yes", _l("Yes, I still work there")), SelectChoice("no", _l("No, I left"))],
        validators=[DataRequired(_l("Choose yes or no."))],
    )
    submit = SubmitField(_l("Send my answer"))
