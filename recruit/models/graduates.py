"""Graduate profiles: what a graduate tells employers and the matcher about themselves."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruit.models.base import Base, TimestampMixin, str_enum
from recruit.reference.education import Degree

if TYPE_CHECKING:
    from recruit.models.accounts import User
    from recruit.models.universities import University


class GraduateProfile(TimestampMixin, Base):
    __tablename__ = "graduate_profiles"
    __table_args__ = (
        CheckConstraint("salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max", name="salary_range"),
        CheckConstraint("graduation_year IS NULL OR graduation_year BETWEEN 1950 AND 2100", name="grad_year"),
        # A university's pages read only its own profiles: by stage for the figures, by name for the list.
        Index("ix_graduate_profiles_university_stage", "university_id", "furthest_stage"),
        Index("ix_graduate_profiles_university_name", "university_id", "full_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    full_name: Mapped[str] = mapped_column(String(100), default="")
    university_id: Mapped[int | None] = mapped_column(ForeignKey("universities.id", ondelete="RESTRICT"))
    student_number: Mapped[str | None] = mapped_column(String(40))
    major: Mapped[str] = mapped_column(String(100), default="")
    discipline: Mapped[str | None] = mapped_column(String(2))
    degree: Mapped[Degree | None] = mapped_column(str_enum(Degree, "degree"))
    graduation_year: Mapped[int | None] = mapped_column(index=True)
    skills: Mapped[list] = mapped_column(default=list)
    preferred_cities: Mapped[list] = mapped_column(default=list)
    preferred_industries: Mapped[list] = mapped_column(default=list)
    salary_min: Mapped[int | None]
    salary_max: Mapped[int | None]
    about: Mapped[str] = mapped_column(Text, default="")
    province_code: Mapped[str | None] = mapped_column(String(2), index=True)
    resume_filename: Mapped[str | None] = mapped_column(String(64))
    resume_text: Mapped[str | None] = mapped_column(Text)
    resume_uploaded_at: Mapped[datetime | None]
    is_visible_to_employers: Mapped[bool] = mapped_column(default=False, index=True)
    # Set when the graduate's university listed them on its roster (by e-mail or student number).
    confirmed_by_university_at: Mapped[datetime | None]
    # The digest of the text the matcher reads, and when it last changed (so the worker re-embeds it): both kept
    # by recruit.services.discovery.derived on every flush, never set by hand.
    text_digest: Mapped[str | None] = mapped_column(String(64))
    text_changed_at: Mapped[datetime | None] = mapped_column(index=True)
    # How far the graduate got with their applications (0 none, 1 applied … 4 placed, as `placement.STAGES`), how
    # many they made and how many an employer answered, when they first applied and when they were placed: kept by
    # recruit.services.universities.standing on every flush that touches their applications, never set by hand.
    furthest_stage: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    applications_count: Mapped[int] = mapped_column(default=0, server_default="0")
    answered_count: Mapped[int] = mapped_column(default=0, server_default="0")
    first_applied_at: Mapped[datetime | None]
    placed_at: Mapped[datetime | None]
    # Set when the graduate accepted an offer: recommendations pause until they say they are looking again.
    recommendations_paused_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="graduate_profile")
    university: Mapped[University | None] = relationship()

    def __repr__(self) -> str:
        return f"<GraduateProfile {self.id} user={self.user_id}>"
