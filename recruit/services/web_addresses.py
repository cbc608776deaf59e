"""Web addresses people give (a company's website, an interview's meeting link): http(s) only, so that a link
shown to others can never run script (`javascript:`) or open something else (`data:`, `file:`)."""

from __future__ import annotations

from urllib.parse import urlsplit

from recruit.i18n import lazy_gettext as _l
from recruit.services.errors import ValidationError

MAX_LENGTH = 500


def clean_web_address(value: str | None, field: str) -> str | None:
    """The address stripped, None when empty; a ValidationError on `field` unless it is an http(s) address."""
    text = (value or "").strip()
    if not text:
        return None
    parts = urlsplit(text)
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.netloc
        or len(text) > MAX_LENGTH
        or any(ch.isspace() for ch in text)
    ):
        raise ValidationError(_l("Give a web address that starts with https:// (or http://)."), field=field)
    return text
