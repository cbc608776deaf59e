"""In-app notifications: written once per dedupe key, read in the inbox."""

from __future__ import annotations

from sqlalchemy import func, select, update

from recruit import clock
from recruit.i18n import as_message, in_locale
from recruit.models import Notification, User
from recruit.pagination import Page, paginate
from recruit.services.messaging import outbox


def notify(
    session,
    user: User,
    *,
    kind: str,
    title,
    body="",
    link: str | None = None,
    dedupe_key: str,
    email: bool = True,
    essential: bool = False,
) -> Notification | None:
    """Write a notification for `user` in their language, unless one with this dedupe key exists; queue it
    as an e-mail too (same transaction, same dedupe key) when the user accepts e-mail, or always for an `essential`
    notice the law requires (an erasure for inactivity). A lazy title or body is
    also kept untranslated, so that the inbox shows it in whatever language the reader uses then."""
    if session.scalar(select(Notification.id).where(Notification.dedupe_key == dedupe_key)) is not None:
        return None
    message = {part: spec for part, spec in (("title", as_message(title)), ("body", as_message(body))) if spec}
    with in_locale(user.locale):  # the recipient's language (the default when they never chose one)
        notification = Notification(
            user_id=user.id,
            kind=kind,
            title=str(title)[:255],
            body=str(body),
            link=link,
            dedupe_key=dedupe_key,
            created_at=clock.now(),
            message=message or None,
        )
        session.add(notification)
        session.flush()
        if email and (user.email_opt_in or essential) and user.is_enabled:
            _queue_email(session, user, notification)
    return notification


def _queue_email(session, user: User, notification: Notification) -> None:
    text, html = outbox.render_notification(notification.title, notification.body, notification.link)
    outbox.enqueue(
        session,
        to_address=user.email,
        subject=notification.title,
        user_id=user.id,
        body_text=text,
        body_html=html,
        dedupe_key=f"notification:{notification.dedupe_key}",
    )


def unread_count(session, user: User) -> int:
    """Return how many of the user's notifications are unread."""
    return (
        session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        )
        or 0
    )


def inbox(session, user: User, page: int) -> Page:
    """One page of the user's notifications, newest first."""
    return paginate(
        session, select(Notification).where(Notification.user_id == user.id).order_by(Notification.id.desc()), page
    )


def mark_read(session, user: User, notification_id: int) -> Notification | None:
    """Mark one of the user's notifications read; return it (None if it is not theirs)."""
    notification = session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        return None
    if notification.read_at is None:
        notification.read_at = clock.now()
    return notification


def mark_all_read(session, user: User) -> None:
    """Mark every notification of the user read."""
    session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=clock.now())
    )
