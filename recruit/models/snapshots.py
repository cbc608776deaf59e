"""Figures the worker computes ahead of time, so that dashboards over millions of rows read one row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from recruit.models.base import Base


class FiguresSnapshot(Base):
    """The operator's campaign figures for one scope ("national", or "province:44"), as of `computed_at`."""

    __tablename__ = "figures_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(20), unique=True)
    computed_at: Mapped[datetime]
    figures: Mapped[dict]
