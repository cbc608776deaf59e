"""Vacancies posted by SMEs, and the vacancies graduates save."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from recruit.models.base import Base, TimestampMixin, str_enum, utcnow
from recruit.reference.education import Degree

if TYPE_CHECKING:
    from recruit.models.companies import Company


class VacancyStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"
    FILLED = "filled"


class EmploymentType(enum.StrEnum):
    FULL_TIME = "full_time"
    INTERNSHIP = "internship"


class Vacancy(TimestampMixin, Base):
    __tablename__ = "vacancies"
    __table_args__ = (
        CheckConstraint("salary_min <= salary_max", name="salary_range"),
        CheckConstraint("salary_min >= 0", name="salary_nonnegative"),
        CheckConstraint("headcount >= 1", name="headcount_positive"),
        CheckConstraint("hired_count >= 0", name="hired_nonnegative"),
        Index("ix_vacancies_status_published_at", "status", "published_at"),
        # Covers the search filters, so joining thousands of full-text matches reads this narrow index
        # instead of the wide vacancy rows (twice as fast on SQLite at 100,000 vacancies).
        Index(
            "ix_vacancies_search_filters",
            "id",
            "status",
            "province_code",
            "city",
            "salary_max",
            "published_at",
            "min_degree",
            "deadline",
            "company_id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    requirements: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[list] = mapped_column(default=list)
    province_code: Mapped[str] = mapped_column(String(2), index=True)
    city: Mapped[str] = mapped_column(String(50))
    min_degree: Mapped[Degree | None] = mapped_column(str_enum(Degree, "min_degree"))
    preferred_majors: Mapped[list] = mapped_column(default=list)
    salary_min: Mapped[int]  # monthly, yuan
    salary_max: Mapped[int]
    headcount: Mapped[int] = mapped_column(default=1)
    hired_count: Mapped[int] = mapped_column(default=0)
    employment_type: Mapped[EmploymentType] = mapped_column(
        str_enum(EmploymentType, "employment_type"), default=EmploymentType.FULL_TIME
    )
    status: Mapped[VacancyStatus] = mapped_column(
        str_enum(VacancyStatus, "vacancy_status"), default=VacancyStatus.DRAFT
    )
    deadline: Mapped[date | None]
    published_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # The digest of the text the matcher reads, and when it last changed (so the worker re-embeds it): both kept
    # by recruit.services.discovery.derived on every flush, never set by hand.
    text_digest: Mapped[str | None] = mapped_column(String(64))
    text_changed_at: Mapped[datetime | None] = mapped_column(index=True)

    company: Mapped[Company] = relationship()
    search_document: Mapped[VacancySearchDocument | None] = relationship(
        back_populates="vacancy", uselist=False, cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Vacancy {self.id} {self.status}>"


class SavedVacancy(Base):
    __tablename__ = "saved_vacancies"
    __table_args__ = (UniqueConstraint("graduate_id", "vacancy_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    graduate_id: Mapped[int] = mapped_column(ForeignKey("graduate_profiles.id", ondelete="CASCADE"))
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancies.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SearchVector(TypeDecorator):
    """PostgreSQL's tsvector; on SQLite an unused text column (SQLite searches through FTS5 instead)."""

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.TSVECTOR())
        return dialect.type_descriptor(Text())


class VacancySearchDocument(Base):
    """The words a vacancy is found by (title, description, requirements, skills, company name).

    Written by recruit.services.discovery.search_index in the same transaction as the vacancy. SQLite indexes it with
    an FTS5 table kept in step by triggers; PostgreSQL with a weighted tsvector and a GIN index.
    """

    __tablename__ = "vacancy_search"
    __table_args__ = (
        Index("ix_vacancy_search_vector", "vector", postgresql_using="gin", sqlite_where=text("vector IS NOT NULL")),
    )

    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancies.id", ondelete="CASCADE"), primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    vector: Mapped[str | None] = mapped_column(SearchVector())

    vacancy: Mapped[Vacancy] = relationship(back_populates="search_document")
