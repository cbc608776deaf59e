"""Writing one message to many users: notifications, and e-mails for those who accept them, in one batch.

INSERT … ON CONFLICT DO NOTHING on the dedupe keys makes a batch written twice (a worker that crashed after
writing but before recording its progress) write nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.dialects import postgresql, sqlite

from recruit import clock
from recruit.models import Notification, OutboxEmail
from recruit.services.messaging import outbox


@dataclass(frozen=True)
class Recipient:
    user_id: int
    email: str
    accepts_email: bool


def _insert(session, model):
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model).on_conflict_do_nothing(index_elements=["dedupe_key"])


def write_batch(
    session, recipients: list[Recipient], *, kind: str, title: str, body_for, link: str, dedupe_prefix: str
) -> None:
    """Write the message for each recipient (`body_for(recipient)` gives its text) under dedupe keys
    `<dedupe_prefix>:user:<id>`."""
    now = clock.now()
    notifications, emails = [], []
    rendered: dict[str, tuple[str, str]] = {}  # one rendering per distinct text, not per recipient

    def render(body: str) -> tuple[str, str]:
        if body not in rendered:
            rendered[body] = outbox.render_notification(title, body, link)
        return rendered[body]

    for recipient in recipients:
        key = f"{dedupe_prefix}:user:{recipient.user_id}"
        body = body_for(recipient)
        notifications.append(
            {
                "user_id": recipient.user_id,
                "kind": kind,
                "title": title[:255],
                "body": body,
                "link": link,
                "dedupe_key": key,
                "created_at": now,
            }
        )
        if recipient.accepts_email:
            text, html = render(body)
            emails.append(
                {
                    "user_id": recipient.user_id,
                    "to_address": recipient.email,
                    "subject": title[:255],
                    "body_text": text,
                    "body_html": html,
                    "dedupe_key": f"notification:{key}",
                    "message_id": outbox.new_message_id(),
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                }
            )
    if notifications:
        session.execute(_insert(session, Notification), notifications)
    if emails:
        session.execute(_insert(session, OutboxEmail), emails)
