"""Small helpers that views share."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import abort, flash, request, url_for

from recruit.extensions import db
from recruit.models import Role, User
from recruit.services.errors import ServiceError
from recruit.web.converters import ID_TEXT, MAX_ID

HOME_ENDPOINTS = {
    Role.GRADUATE: "graduate.dashboard",
    Role.EMPLOYER: "employer.dashboard",
    Role.CAREER_OFFICE: "career.dashboard",
    Role.OPERATOR: "admin.dashboard",
}


MAX_PAGE = 100_000
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")


def page_argument() -> int:
    """The `page` query argument: 1 when absent, a 400 when it is not a page number (huge, negative, text)."""
    raw = request.args.get("page")
    if raw is None or raw == "":
        return 1
    if not PAGE_NUMBER.fullmatch(raw) or int(raw) > MAX_PAGE:
        abort(400)
    return int(raw)


def id_list(values: list[str]) -> list[int]:
    """Row ids sent by a form (e.g. ticked checkboxes): a 400 when any is not a plain id."""
    if any(not ID_TEXT.fullmatch(value) or int(value) > MAX_ID for value in values):
        abort(400)
    return [int(value) for value in values]


def home_for(user: User) -> str:
    """Return the URL of the user's home page."""
    return url_for(HOME_ENDPOINTS[user.role])


def safe_next_url(target: str | None) -> str | None:
    """Return `target` if it is a path on this site, else None (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def attach_error(form, error: ServiceError) -> None:
    """Show a service's refusal next to its field, or at the top of the form."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, str(error.message)]
    else:
        form.form_errors.append(str(error.message))


def form_status(form) -> int:
    """The status of a page showing a form: 422 when it comes back with errors, else 200."""
    return 422 if form.errors else 200


def flash_success(message: str) -> None:
    """Show a success message on the next page."""
    flash(message, "success")


REFUSED = object()


def counts_visits(view):
    """Mark a page that counts its visitors: its request may write, to record the visit."""
    view.records_reads = True
    return view


def audited_read(view):
    """Mark a page that shows someone's personal data: its request may write, to record the read in the audit log."""
    view.records_reads = True
    return view


def attempt(action, on_failed_commit=None):
    """Run a service call and commit: return (its result, None), or roll back and return (None, the refusal).

    The one way a view calls a service that changes something: a refused action leaves nothing half-written.
    `on_failed_commit` undoes what the action did outside the database (a stored file) if the commit fails.
    """
    try:
        result = action()
    except ServiceError as error:
        db.session.rollback()
        return None, error
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        if on_failed_commit is not None:
            on_failed_commit(result)
        raise
    return result, None


def perform(form, action, on_failed_commit=None):
    """Run a form's service call: commit and return its result, or roll back, show why next to the field
    and return REFUSED."""
    result, refusal = attempt(action, on_failed_commit)
    if refusal is not None:
        attach_error(form, refusal)
        return REFUSED
    return result
