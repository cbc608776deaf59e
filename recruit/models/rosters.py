"""A university's roster: the graduates its career office says it has, linked to their accounts when they register."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruit.models.base import Base, TimestampMixin, str_enum
from recruit.reference.education import Degree

if TYPE_CHECKING:
    from recruit.models.graduates import GraduateProfile


class RosterEntry(TimestampMixin, Base):
    """One graduate on a university's roster; importing the roster again updates the entry of a student number."""

    __tablename__ = "roster_entries"
    __table_args__ = (
        UniqueConstraint("university_id", "student_number"),
        UniqueConstraint("university_id", "email"),
        CheckConstraint("graduation_year BETWEEN 1950 AND 2100", name="graduation_year"),
        Index("ix_roster_entries_email", "email"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="CASCADE"))
    student_number: Mapped[str] = mapped_column(String(40))
    full_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))  # lower-cased
    major: Mapped[str] = mapped_column(String(100))
    degree: Mapped[Degree] = mapped_column(str_enum(Degree, "degree"))
    graduation_year: Mapped[int]
    # The graduate's profile once they registered with this e-mail or student number (the university confirms it).
    graduate_id: Mapped[int | None] = mapped_column(
        ForeignKey("graduate_profiles.id", ondelete="SET NULL"), unique=True
    )
    invited_at: Mapped[datetime | None]  # when the invitation to register was queued

    graduate: Mapped[GraduateProfile | None] = relationship()

    def __repr__(self) -> str:
        return f"<RosterEntry {self.university_id}:{self.student_number}>"
