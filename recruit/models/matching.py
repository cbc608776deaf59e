"""Stored embeddings of graduate profiles and vacancies."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Index, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from recruit.models.base import Base, str_enum, utcnow


class EmbeddingOwner(enum.StrEnum):
    GRADUATE = "graduate"
    JOB = "job"


class Embedding(Base):
    """A normalised float32 vector, with the model and a hash of the text it was computed from."""

    __tablename__ = "embeddings"
    __table_args__ = (
        UniqueConstraint("owner_type", "owner_id", "model_name"),
        Index("ix_embeddings_model_name_updated_at", "model_name", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_type: Mapped[EmbeddingOwner] = mapped_column(str_enum(EmbeddingOwner, "owner_type"))
    owner_id: Mapped[int]
    model_name: Mapped[str] = mapped_column(String(200))
    text_hash: Mapped[str] = mapped_column(String(64))
    dim: Mapped[int]
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
