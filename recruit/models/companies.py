"""SMEs taking part in the campaign and the employer accounts that act for them."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruit.models.base import Base, InvitationMixin, TimestampMixin, str_enum, utcnow

if TYPE_CHECKING:
    from recruit.models.accounts import User


class CompanyStatus(enum.StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


class SizeClass(enum.StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"


class Company(TimestampMixin, Base):
    __tablename__ = "companies"
    __table_args__ = (
        # Unified social credit code, GB 32100-2015: 18 characters (the check character is verified in code).
        CheckConstraint("length(uscc) = 18", name="uscc_length"),
        CheckConstraint("employees IS NULL OR employees >= 0", name="employees_nonnegative"),
        CheckConstraint("annual_revenue IS NULL OR annual_revenue >= 0", name="revenue_nonnegative"),
        CheckConstraint("total_assets IS NULL OR total_assets >= 0", name="assets_nonnegative"),
        Index("ix_companies_search_filters", "id", "status", "industry", "size_class"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    uscc: Mapped[str] = mapped_column(String(18), unique=True)
    industry: Mapped[str] = mapped_column(String(1), index=True)
    industry_division: Mapped[str | None] = mapped_column(String(4))
    province_code: Mapped[str] = mapped_column(String(2), index=True)
    city: Mapped[str] = mapped_column(String(50))
    employees: Mapped[int | None]
    annual_revenue: Mapped[int | None]  # in 10,000 yuan
    total_assets: Mapped[int | None]  # in 10,000 yuan
    size_class: Mapped[SizeClass | None] = mapped_column(str_enum(SizeClass, "size_class"), index=True)
    is_specialised: Mapped[bool] = mapped_column(default=False)  # 专精特新
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str | None] = mapped_column(String(255))
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    contact_phone: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[CompanyStatus] = mapped_column(
        str_enum(CompanyStatus, "company_status"), default=CompanyStatus.PENDING, index=True
    )
    status_reason: Mapped[str | None] = mapped_column(Text)
    verified_at: Mapped[datetime | None]

    members: Mapped[list[CompanyMember]] = relationship(
        back_populates="company", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Company {self.id} {self.uscc}>"


class CompanyMember(Base):
    """An employer account acting for a company; each employer belongs to one company."""

    __tablename__ = "company_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    is_admin: Mapped[bool] = mapped_column(default=False)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    company: Mapped[Company] = relationship(back_populates="members")
    user: Mapped[User] = relationship(back_populates="company_membership")


class CompanyInvitation(InvitationMixin, Base):
    """An invitation, sent by e-mail, for a colleague to join a company as an employer."""

    __tablename__ = "company_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)

    company: Mapped[Company] = relationship()
