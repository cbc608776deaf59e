"""Figures the worker computes ahead of time, so that dashboards over millions of rows read one row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from recruit.models.base import Base


class FiguresSnapshot(Base):
    """The operator's campaign figures for one scope ("national", or "province:44"), as of `computed_at`."""

    __tablename__ = "figures_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(20), unique=True)
    computed_at: Mapped[datetime]
    figures: Mapped[dict]


class UniversityFigures(Base):
    """A large university's career-office dashboard figures for one campaign, as of `computed_at` (smaller
    universities' dashboards are counted at each page view)."""

    __tablename__ = "university_figures"

    university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="CASCADE"), primary_key=True)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    computed_at: Mapped[datetime]
    figures: Mapped[dict]
