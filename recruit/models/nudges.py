"""Nudges: a career office's message to graduates who are stuck, with their current best matches."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruit.models.base import Base, utcnow

if TYPE_CHECKING:
    from recruit.models.graduates import GraduateProfile


class Nudge(Base):
    """One message a career office sent to graduates it selected; the worker writes it to each of them."""

    __tablename__ = "nudges"

    id: Mapped[int] = mapped_column(primary_key=True)
    university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="CASCADE"), index=True)
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(Text)
    # How the office chose them, as it said it (e.g. "not applied 14 days after registering"), for the report.
    selection: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]  # when the worker had written it to every recipient

    recipients: Mapped[list[NudgeRecipient]] = relationship(
        back_populates="nudge", cascade="all, delete-orphan", passive_deletes=True
    )


class NudgeRecipient(Base):
    """A graduate a nudge is for: written to their inbox (and e-mail) by the worker, then opened or not."""

    __tablename__ = "nudge_recipients"
    __table_args__ = (
        UniqueConstraint("nudge_id", "graduate_id"),
        Index("ix_nudge_recipients_pending", "sent_at", "nudge_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nudge_id: Mapped[int] = mapped_column(ForeignKey("nudges.id", ondelete="CASCADE"))
    graduate_id: Mapped[int] = mapped_column(ForeignKey("graduate_profiles.id", ondelete="CASCADE"), index=True)
    notification_id: Mapped[int | None] = mapped_column(ForeignKey("notifications.id", ondelete="SET NULL"))
    matches: Mapped[int] = mapped_column(default=0)  # how many vacancies the message suggested
    sent_at: Mapped[datetime | None]

    nudge: Mapped[Nudge] = relationship(back_populates="recipients")
    graduate: Mapped[GraduateProfile] = relationship()
