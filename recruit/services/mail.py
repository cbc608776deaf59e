"""The e-mail outbox: a message is written in the same transaction as its cause and delivered later."""

from __future__ import annotations

import secrets

from flask import current_app, render_template, url_for
from sqlalchemy import select

from recruit import clock
from recruit.models import OutboxEmail


def new_message_id() -> str:
    """A unique Message-ID in the sender's domain, fixed when the message is queued (stable across retries)."""
    domain = current_app.config["RECRUIT_MAIL_FROM"].rsplit("@", 1)[-1].rstrip(">") or "recruit.localhost"
    return f"<{secrets.token_hex(16)}@{domain}>"


def render_notification(title: str, body: str, link: str | None) -> tuple[str, str]:
    """The text and HTML e-mail of a notification (in the language active now), with absolute links."""
    base = current_app.config["RECRUIT_BASE_URL"].rstrip("/")
    context = {"title": title, "body": body, "link": f"{base}{link}" if link else None,
               "settings_url": f"{base}{url_for('auth.notification_settings')}"}
    return (render_template("email/notification.txt", **context),
            render_template("email/notification.html", **context))


def enqueue(session, *, to_address: str, subject: str, body_text: str, dedupe_key: str,
            body_html: str | None = None, user_id: int | None = None) -> OutboxEmail:
    """Queue an e-mail once per dedupe key; a second call with the same key returns the first row.

    Lazy strings are rendered here, in the language active now (the sender's request, or the worker's).
    """
    existing = session.scalar(select(OutboxEmail).where(OutboxEmail.dedupe_key == dedupe_key))
    if existing is not None:
        return existing
    email = OutboxEmail(to_address=to_address, subject=str(subject)[:255], body_text=str(body_text),
                        body_html=body_html, dedupe_key=dedupe_key, user_id=user_id, next_attempt_at=clock.now(),
                        message_id=new_message_id())
    session.add(email)
    session.flush()
    return email
