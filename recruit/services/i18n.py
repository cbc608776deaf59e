"""Translation helpers for services."""


def N_(message: str) -> str:  # noqa: N802  (the gettext convention for "mark, translate later")
    """Mark a message template for extraction; it is translated later with _l(template, **values)."""
    return message
