"""The e-mail outbox: a message is written in the same transaction as its cause and delivered later."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from recruit import clock, i18n, links
from recruit.models import OutboxEmail
from recruit.runtime import settings

EMAIL_TEMPLATES = Path(__file__).resolve().parents[3] / "templates" / "email"  # <project>/templates/email


@lru_cache(maxsize=1)
def _templates() -> Environment:
    """The e-mail templates (templates/email), translated with recruit.i18n in the language of the moment."""
    environment = Environment(
        loader=FileSystemLoader(str(EMAIL_TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )
    environment.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)
    return environment


def new_message_id() -> str:
    """A unique Message-ID in the sender's domain, fixed when the message is queued (stable across retries)."""
    domain = settings().mail_from.rsplit("@", 1)[-1].rstrip(">") or "recruit.localhost"
    return f"<{secrets.token_hex(16)}@{domain}>"


def render_notification(title: str, body: str, link: str | None) -> tuple[str, str]:
    """The text and HTML e-mail of a notification (in the language active now), with absolute links."""
    context = {
        "title": str(title),
        "body": str(body),
        "link": links.absolute(link) if link else None,
        "settings_url": links.absolute(links.notification_settings()),
    }
    templates = _templates()
    return (
        templates.get_template("notification.txt").render(**context),
        templates.get_template("notification.html").render(**context),
    )


def enqueue(
    session,
    *,
    to_address: str,
    subject: str,
    body_text: str,
    dedupe_key: str,
    body_html: str | None = None,
    user_id: int | None = None,
) -> OutboxEmail:
    """Queue an e-mail once per dedupe key; a second call with the same key returns the first row.

    Lazy strings are rendered here, in the language active now (the sender's request, or the worker's).
    """
    existing = session.scalar(select(OutboxEmail).where(OutboxEmail.dedupe_key == dedupe_key))
    if existing is not None:
        return existing
    email = OutboxEmail(
        to_address=to_address,
        subject=str(subject)[:255],
        body_text=str(body_text),
        body_html=body_html,
        dedupe_key=dedupe_key,
        user_id=user_id,
        next_attempt_at=clock.now(),
        message_id=new_message_id(),
    )
    session.add(email)
    session.flush()
    return email


def enqueue_many(session, emails: list[dict]) -> None:
    """Queue many e-mails in one statement (each dict: to_address, subject, body_text, dedupe_key); a dedupe key
    already queued is skipped, so a batch written twice queues nothing the second time."""
    if not emails:
        return
    now = clock.now()
    rows = [
        {
            "to_address": email["to_address"],
            "subject": str(email["subject"])[:255],
            "body_text": str(email["body_text"]),
            "body_html": None,
            "dedupe_key": email["dedupe_key"],
            "user_id": email.get("user_id"),
            "message_id": new_message_id(),
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for email in emails
    ]
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(OutboxEmail).on_conflict_do_nothing(index_elements=["dedupe_key"])
    for start in range(0, len(rows), 1000):
        session.execute(statement, rows[start : start + 1000])
