"""In-app notifications, the e-mail outbox, and operator announcements."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from recruit.models.base import Base, str_enum, utcnow


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a deliverer until next_attempt_at; a claim that runs out is due again
    SENT = "sent"
    FAILED = "failed"


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_id_read_at", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str | None] = mapped_column(String(500))
    # What happened, as untranslated messages and their values ({"title": {...}, "body": {...}}): the inbox
    # shows it in the reader's language of the moment; title and body keep the text as first written.
    message: Mapped[dict | None]
    # Every notification has a dedupe key: a task that runs twice writes it once.
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]


class OutboxEmail(Base):
    """An e-mail written in the same transaction as its cause, delivered later by the worker."""

    __tablename__ = "outbox_emails"
    __table_args__ = (
        Index("ix_outbox_emails_status_next_attempt_at", "status", "next_attempt_at"),
        CheckConstraint("attempts >= 0", name="attempts_nonnegative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(255))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    status: Mapped[OutboxStatus] = mapped_column(str_enum(OutboxStatus, "outbox_status"), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]


class Announcement(Base):
    """An operator's announcement or policy notice, sent to a targeted audience at a set time."""

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    is_policy: Mapped[bool] = mapped_column(default=False)
    # Audience: {"roles": [...], "provinces": [...], "industries": [...], "size_classes": [...],
    # "graduation_years": [...]}; an absent key means "everyone".
    audience: Mapped[dict] = mapped_column(default=dict)
    publish_at: Mapped[datetime] = mapped_column(index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    recipient_count: Mapped[int] = mapped_column(default=0)
    fanout_cursor: Mapped[int] = mapped_column(default=0, server_default="0")  # users up to this id are done
