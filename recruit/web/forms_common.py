"""Validators shared by forms."""

from __future__ import annotations

import re

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from wtforms import EmailField, FieldList, FormField, HiddenField, SubmitField
from wtforms.validators import DataRequired, Email, ValidationError

from recruit import clock
from recruit.config import DEFAULT_TIMEZONE
from recruit.services.people.passwords import password_problem


class AcceptablePassword:
    """Refuse passwords that are too short, too long or among the most common ones."""

    def __init__(self, email_field: str | None = None):
        self.email_field = email_field

    def __call__(self, form, field):
        email = form[self.email_field].data if self.email_field else None
        problem = password_problem(field.data or "", email)
        if problem:
            raise ValidationError(str(problem))


# C0 and C1 control characters other than tab, line feed and carriage return: invisible, they garble what others
# read (and PostgreSQL cannot store NUL at all).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class Form(FlaskForm):
    """The base of every form: besides each field's own validators, text may not hold control characters."""

    def validate(self, extra_validators=None) -> bool:
        """Run the fields' validators, then refuse control characters in any text field."""
        valid = super().validate(extra_validators)
        for field in _leaf_fields(self):
            if isinstance(field.data, str) and CONTROL_CHARACTERS.search(field.data):
                field.errors = [*field.errors, _l("Remove the invisible control characters from this field.")]
                valid = False
        return valid


def _leaf_fields(form):
    for field in form:
        if isinstance(field, FieldList):
            for entry in field.entries:
                yield from (_leaf_fields(entry.form) if isinstance(entry, FormField) else [entry])
        elif isinstance(field, FormField):
            yield from _leaf_fields(field.form)
        else:
            yield field


def zone_name() -> str:
    """The campaign's time zone as people call it (Beijing time for the default zone), in the reader's language."""
    key = clock.zone().key
    return gettext("Beijing time") if key == DEFAULT_TIMEZONE else key


def in_campaign_time(message: str) -> LazyString:
    """A field label naming the campaign's time zone when shown: `message` has a %(zone)s placeholder."""
    return LazyString(lambda: gettext(message, zone=zone_name()))


class InviteForm(Form):
    """Invite a colleague by e-mail (to a company or a career office)."""

    email = EmailField(
        _l("Colleague's e-mail"),
        validators=[
            DataRequired(_l("Enter an e-mail address.")),
            Email(_l("Enter a valid e-mail address."), check_deliverability=False),
        ],
    )
    submit = SubmitField(_l("Send invitation"))


class ExportForm(Form):
    """Download one of a page's tables as CSV or XLSX (the page's filters travel in the address)."""

    table = HiddenField(validators=[DataRequired()])
    fmt = HiddenField(validators=[DataRequired()])
