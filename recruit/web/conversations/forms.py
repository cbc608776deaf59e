"""Conversation forms: a message, a report."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from recruit.web.forms_common import Form


class MessageForm(Form):
    body = TextAreaField(_l("Message"), validators=[DataRequired(_l("Write a message.")), Length(max=2000)])
    submit = SubmitField(_l("Send"))


class ReportForm(Form):
    reason = TextAreaField(_l("What is wrong"), validators=[DataRequired(_l("Say what is wrong.")), Length(max=2000)])
    submit = SubmitField(_l("Report to the operator"))


class StartForm(Form):
    """Open the conversation about an application, or (a graduate) at a fair's booth."""

    application_id = HiddenField(validators=[Optional(), Regexp(r"^[0-9]{1,9}$")])
    booth_id = HiddenField(validators=[Optional(), Regexp(r"^[0-9]{1,9}$")])
