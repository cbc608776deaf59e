"""Stored embeddings of graduate profiles and vacancies, hidden vacancies and invitations to apply."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from recruit.models.base import Base, str_enum, utcnow


class EmbeddingOwner(enum.StrEnum):
    GRADUATE = "graduate"
    VACANCY = "vacancy"


class Embedding(Base):
    """A normalised float32 vector and the lexical terms of one text, with the model and a hash of the text.

    `computed_at` is when the text was read (a later `text_changed_at` on the owner means stale);
    `updated_at` is when the row was written, which the web processes follow to refresh their indexes.
    """

    __tablename__ = "embeddings"
    __table_args__ = (
        UniqueConstraint("owner_type", "owner_id", "model_name"),
        # What the web processes follow: one side of one model, by write time.
        Index("ix_embeddings_model_owner_type_updated_at", "model_name", "owner_type", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_type: Mapped[EmbeddingOwner] = mapped_column(str_enum(EmbeddingOwner, "owner_type"))
    owner_id: Mapped[int]
    model_name: Mapped[str] = mapped_column(String(200))
    text_hash: Mapped[str] = mapped_column(String(64))
    dim: Mapped[int]
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    terms: Mapped[str] = mapped_column(Text, default="")  # the lexical terms (TF-IDF cosine), space-separated
    computed_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class DismissedVacancy(Base):
    """A vacancy a graduate marked "not interested": never recommended to them again."""

    __tablename__ = "dismissed_vacancies"
    __table_args__ = (UniqueConstraint("graduate_id", "vacancy_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    graduate_id: Mapped[int] = mapped_column(ForeignKey("graduate_profiles.id", ondelete="CASCADE"))
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancies.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApplyInvitation(Base):
    """An SME's invitation to a recommended graduate to apply for a vacancy (one per pair)."""

    __tablename__ = "apply_invitations"
    __table_args__ = (UniqueConstraint("vacancy_id", "graduate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancies.id", ondelete="CASCADE"))
    graduate_id: Mapped[int] = mapped_column(ForeignKey("graduate_profiles.id", ondelete="CASCADE"), index=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
