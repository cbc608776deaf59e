"""Errors that services raise and views turn into messages next to a field or a 4xx page."""

from __future__ import annotations


class ServiceError(Exception):
    """A rule refused the action; `message` is shown to the user."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class ValidationError(ServiceError):
    """Input broke a rule; `field` names the form field the message belongs next to."""


class PermissionDenied(ServiceError):
    """The actor may not do this to this record."""
