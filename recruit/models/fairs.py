"""Online job fairs inside a campaign: themed fairs for an audience, companies' booths with their vacancies, the
graduates who visit them and register for the live session."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruit.models.base import Base, TimestampMixin, str_enum, utcnow
from recruit.reference.education import Degree

if TYPE_CHECKING:
    from recruit.models.campaigns import Campaign
    from recruit.models.companies import Company
    from recruit.models.vacancies import Vacancy


class JobFair(TimestampMixin, Base):
    """A themed online job fair (专场招聘会) of a campaign: for whom, when, and how many companies it takes."""

    __tablename__ = "job_fairs"
    __table_args__ = (
        CheckConstraint("starts_on <= ends_on", name="dates"),
        CheckConstraint("max_companies BETWEEN 1 AND 100000", name="max_companies"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    theme: Mapped[str] = mapped_column(Text, default="")
    # Who runs it (the SME authority, or a provincial SME public-service platform acting as organiser).
    organiser: Mapped[str] = mapped_column(String(200), default="")
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    # The audience; empty lists mean everyone.
    provinces: Mapped[list] = mapped_column(default=list)
    industries: Mapped[list] = mapped_column(default=list)
    majors: Mapped[list] = mapped_column(default=list)
    degree: Mapped[Degree | None] = mapped_column(str_enum(Degree, "fair_degree"))
    live_starts_at: Mapped[datetime | None]
    live_url: Mapped[str | None] = mapped_column(String(500))
    max_companies: Mapped[int] = mapped_column(default=100)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    campaign: Mapped[Campaign] = relationship()


class BoothStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REMOVED = "removed"


class FairBooth(TimestampMixin, Base):
    """A company's place at a fair: a short pitch and the published vacancies it brings."""

    __tablename__ = "fair_booths"
    __table_args__ = (UniqueConstraint("fair_id", "company_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("job_fairs.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    pitch: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[BoothStatus] = mapped_column(str_enum(BoothStatus, "booth_status"), default=BoothStatus.PENDING)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    fair: Mapped[JobFair] = relationship()
    company: Mapped[Company] = relationship()
    vacancies: Mapped[list[FairBoothVacancy]] = relationship(
        back_populates="booth", cascade="all, delete-orphan", passive_deletes=True
    )


class FairBoothVacancy(Base):
    """A vacancy shown at a booth."""

    __tablename__ = "fair_booth_vacancies"

    booth_id: Mapped[int] = mapped_column(ForeignKey("fair_booths.id", ondelete="CASCADE"), primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("vacancies.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    booth: Mapped[FairBooth] = relationship(back_populates="vacancies")
    vacancy: Mapped[Vacancy] = relationship()


class FairRegistration(Base):
    """A graduate registered for a fair's live session, and when they were reminded of it."""

    __tablename__ = "fair_registrations"
    __table_args__ = (UniqueConstraint("fair_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("job_fairs.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    reminded_at: Mapped[datetime | None]


class FairVisit(Base):
    """A signed-in graduate's first visit to a fair (the fair's visitors are counted from these)."""

    __tablename__ = "fair_visits"
    __table_args__ = (UniqueConstraint("fair_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("job_fairs.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
