"""Campaigns (100 days by default) and their phases."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruit.models.base import Base, TimestampMixin


class Campaign(TimestampMixin, Base):
    __tablename__ = "campaigns"
    __table_args__ = (CheckConstraint("length_days BETWEEN 1 AND 366", name="length_days"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(index=True)
    length_days: Mapped[int] = mapped_column(default=100)
    description: Mapped[str] = mapped_column(Text, default="")
    # Written once when the campaign has ended: totals and placements by province, industry, university.
    final_report: Mapped[dict | None]
    finished_at: Mapped[datetime | None]

    phases: Mapped[list[CampaignPhase]] = relationship(
        back_populates="campaign", order_by="CampaignPhase.starts_on", cascade="all, delete-orphan"
    )

    @property
    def ends_on(self) -> date:
        """The campaign's last day (inclusive)."""
        return self.starts_on + timedelta(days=self.length_days - 1)

    def __repr__(self) -> str:
        return f"<Campaign {self.id} {self.starts_on}>"


class CampaignPhase(Base):
    __tablename__ = "campaign_phases"
    __table_args__ = (CheckConstraint("starts_on <= ends_on", name="date_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    message_graduates: Mapped[str] = mapped_column(Text, default="")
    message_employers: Mapped[str] = mapped_column(Text, default="")
    message_career_offices: Mapped[str] = mapped_column(Text, default="")
    # Fan-out progress of the phase-start messages: users up to this id have theirs (resumable after a crash).
    fanout_cursor: Mapped[int] = mapped_column(default=0, server_default="0")
    fanout_done_at: Mapped[datetime | None]

    campaign: Mapped[Campaign] = relationship(back_populates="phases")
