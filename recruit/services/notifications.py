"""In-app notifications."""

from __future__ import annotations

from sqlalchemy import func, select

from recruit.models import Notification, User


def unread_count(session, user: User) -> int:
    """Return how many of the user's notifications are unread."""
    return session.scalar(
        select(func.count()).select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    ) or 0
