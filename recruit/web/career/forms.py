"""The career office's forms: the roster upload and its confirmation, the graduate list's filters, exports."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, IntegerField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from recruit.reference.education import Degree
from recruit.services.universities.graduates import MAX_INACTIVE_DAYS, STAGE_FILTERS, GraduateFilters
from recruit.web import choices
from recruit.web.forms_common import Form


class RosterUploadForm(Form):
    roster = FileField(
        _l("Roster (CSV or Excel): 学号, 姓名, 邮箱, 专业, 学历, 毕业年份"),
        validators=[FileRequired(_l("Choose a CSV or Excel file."))],
    )
    preview = SubmitField(_l("Check the file"))


class RosterImportForm(Form):
    upload = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9a-f]{32}$")])
    confirm = SubmitField(_l("Import the good rows"))


class GraduateFilterForm(Form):
    """The graduate list's filters, read from the address (a search form: no token, nothing is written)."""

    class Meta:
        csrf = False

    major = SelectField(_l("Major"), validators=[Optional()], validate_choice=True)
    degree = SelectField(_l("Degree"), validators=[Optional()])
    stage = SelectField(_l("Furthest stage"), validators=[Optional()])
    inactive_days = IntegerField(
        _l("No log-in for at least (days)"),
        validators=[Optional(), NumberRange(0, MAX_INACTIVE_DAYS, _l("Enter a number of days from 0 to 3650."))],
    )

    waiting = SelectField(
        _l("Stuck"),
        choices=[
            SelectChoice("", _l("not filtered")),
            SelectChoice("not_applied", _l("no application since registering")),
            SelectChoice("no_answer", _l("no answer to their applications")),
        ],
        validators=[Optional()],
    )
    waiting_days = IntegerField(
        _l("Stuck for at least (days)"),
        default=14,
        validators=[Optional(), NumberRange(0, MAX_INACTIVE_DAYS, _l("Enter a number of days from 0 to 3650."))],
    )

    def fill_choices(self, majors: list[str]) -> None:
        """Offer the university's own majors, the degrees and the stages."""
        self.major.choices = [choices.blank(_l("All majors"))] + [SelectChoice(m, m) for m in majors]
        self.degree.choices = [choices.blank(_l("All degrees"))] + choices.degrees()
        self.stage.choices = [choices.blank(_l("Any stage"))] + [
            SelectChoice(stage, STAGE_LABELS[stage]) for stage in STAGE_FILTERS
        ]

    def filters(self) -> GraduateFilters:
        """The filters as the service takes them (a field with an error does not narrow)."""
        return GraduateFilters(
            major=self.major.data or "" if not self.major.errors else "",
            degree=Degree(self.degree.data) if self.degree.data and not self.degree.errors else None,
            stage=self.stage.data or "" if not self.stage.errors else "",
            inactive_days=self.inactive_days.data if not self.inactive_days.errors else None,
            waiting=self.waiting.data or "" if not self.waiting.errors else "",
            waiting_days=self.waiting_days.data
            if self.waiting_days.data is not None and not self.waiting_days.errors
            else 14,
        )

    def selection_text(self) -> str:
        """How the graduates were chosen, in words, for the nudge's report."""
        parts = []
        for field in (self.waiting, self.major, self.degree, self.stage):
            if field.data and not field.errors:
                names = {choice.value: choice.label for choice in field.choices}
                parts.append(f"{field.label.text}: {names.get(field.data, field.data)}")
        if self.waiting.data and not self.waiting.errors:
            parts.append(str(_l("at least %(days)d days", days=self.filters().waiting_days)))
        return "; ".join(parts)


STAGE_LABELS = {
    "none": _l("not applied yet"),
    "applied": _l("applied"),
    "interviewing": _l("interviewing"),
    "offered": _l("offered"),
    "placed": _l("placed"),
}


class NudgeForm(Form):
    """The message a nudge carries; the graduates chosen on the list travel as hidden fields."""

    message = TextAreaField(
        _l("Message"),
        default=_l(
            "Your career office is here to help: new vacancies that fit your profile are waiting for you. "
            "Have a look and apply, or tell us what is holding you back."
        ),
        validators=[DataRequired(_l("Write the message the graduates will read.")), Length(max=2000)],
    )
    selection = HiddenField()
    send = SubmitField(_l("Send the nudge"))


class AgreementDecisionForm(Form):
    """Confirm a graduate's employment agreement, or return it to the employer with a reason."""

    reason = TextAreaField(_l("Why it is returned (to the employer and the graduate)"), validators=[Length(max=2000)])
    confirm = SubmitField(_l("Confirm the agreement"))
    send_back = SubmitField(_l("Return it for correction"))
