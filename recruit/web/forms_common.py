"""Validators shared by forms."""

from __future__ import annotations

from wtforms.validators import ValidationError

from recruit.services.passwords import password_problem


class AcceptablePassword:
    """Refuse passwords that are too short, too long or among the most common ones."""

    def __init__(self, email_field: str | None = None):
        self.email_field = email_field

    def __call__(self, form, field):
        email = form[self.email_field].data if self.email_field else None
        problem = password_problem(field.data or "", email)
        if problem:
            raise ValidationError(str(problem))
