"""Infrastructure rows: the scheduler's lease."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from recruit.models.base import Base


class Lease(Base):
    """A named lease: only its holder may act until it expires (one scheduler in the whole system)."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[datetime]
    expires_at: Mapped[datetime]
