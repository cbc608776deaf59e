"""Conversations between a graduate and a company: one thread per pair, opened once there is an application or an
invitation between them (or a question at a fair's booth); its messages; and reports of abuse to the operator."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruit.models.base import Base, utcnow

if TYPE_CHECKING:
    from recruit.models.companies import Company
    from recruit.models.graduates import GraduateProfile


class Conversation(Base):
    """The thread between one graduate and one company."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("graduate_id", "company_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    graduate_id: Mapped[int] = mapped_column(ForeignKey("graduate_profiles.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    # What it began about: a vacancy's title, or the fair at whose booth the graduate asked.
    subject: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_message_at: Mapped[datetime | None] = mapped_column(index=True)
    # The graduate chose to show the company their e-mail address (until then it is never shown).
    contact_shared_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    graduate: Mapped[GraduateProfile] = relationship()
    company: Mapped[Company] = relationship()


class ConversationMessage(Base):
    """One message in a conversation; read and e-mailed (in a batch) on the other side's behalf."""

    __tablename__ = "conversation_messages"
    __table_args__ = (Index("ix_conversation_messages_unmailed", "read_at", "emailed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # True when the graduate wrote it (else someone of the company).
    from_graduate: Mapped[bool]
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    emailed_at: Mapped[datetime | None]


class ConversationReport(Base):
    """A report of a conversation to the operator (harassment, fraud, a fake vacancy), with what was done."""

    __tablename__ = "conversation_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(index=True)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    conversation: Mapped[Conversation] = relationship()
