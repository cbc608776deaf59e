"""Universities, each identified by its national code (学校标识码), and invitations to their career offices."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruit.models.base import Base, InvitationMixin, TimestampMixin


class University(TimestampMixin, Base):
    __tablename__ = "universities"
    __table_args__ = (
        # The national code of a higher-education institution is 10 digits beginning with 4 — except six colleges
        # upgraded from secondary schools, whose codes in the ministry's own list begin with 36.
        CheckConstraint("length(code) = 10 AND (code LIKE '4%' OR code LIKE '36%')", name="code_format"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    name_en: Mapped[str] = mapped_column(String(200), default="")
    province_code: Mapped[str] = mapped_column(String(2), index=True)
    city: Mapped[str] = mapped_column(String(50), default="")
    # From the national list (recruit/data/universities.md): supervising authority, undergraduate or vocational,
    # and blank (public), 民办, 中外合作办学 or 内地与港澳台地区合作办学.
    authority: Mapped[str] = mapped_column(String(100), default="", server_default="")
    level: Mapped[str] = mapped_column(String(20), default="", server_default="")
    ownership: Mapped[str] = mapped_column(String(30), default="", server_default="")
    # A closed institution (merged, renamed into another, shut) keeps its graduates and figures but is no longer
    # offered to new graduates.
    closed_on: Mapped[date | None]

    def __repr__(self) -> str:
        return f"<University {self.code} {self.name}>"


class CareerOfficeInvitation(InvitationMixin, Base):
    """An invitation, sent by e-mail by the operator or a colleague, to open a career-office account of a university."""

    __tablename__ = "career_office_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="CASCADE"), index=True)

    university: Mapped[University] = relationship()
