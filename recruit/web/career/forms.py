"""The career office's forms: the roster upload and its confirmation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SubmitField
from wtforms.validators import DataRequired, Regexp

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
