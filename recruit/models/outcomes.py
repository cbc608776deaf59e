"""What a hire is made of: the offer's terms, and the employment agreement the employer, the graduate and the
graduate's university each confirm (the tripartite agreement, 三方协议). Only a confirmed agreement is a placement."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruit.models.base import Base, TimestampMixin, str_enum, utcnow

if TYPE_CHECKING:
    from recruit.models.applications import Application

MAX_SALARY = 1_000_000  # yuan a month: more is a typing error, not an offer


class Offer(Base):
    """The terms an employer offers with an application's "offered" step, and until when the graduate may answer."""

    __tablename__ = "offers"
    __table_args__ = (
        CheckConstraint(f"monthly_salary BETWEEN 1 AND {MAX_SALARY}", name="salary"),
        CheckConstraint("answer_by <= start_on", name="answer_before_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    position: Mapped[str] = mapped_column(String(100))
    monthly_salary: Mapped[int]
    start_on: Mapped[date]
    answer_by: Mapped[date] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the answer-by day passed without an answer (the worker then closes the application).
    expired_at: Mapped[datetime | None]

    application: Mapped[Application] = relationship()


class AgreementStatus(enum.StrEnum):
    DRAFT = "draft"  # the offer was accepted: the employer fills in the agreement
    AWAITING_GRADUATE = "awaiting_graduate"
    AWAITING_UNIVERSITY = "awaiting_university"
    RETURNED = "returned"  # sent back to the employer with a reason, to correct and send again
    CONFIRMED = "confirmed"


class EmploymentAgreement(TimestampMixin, Base):
    """The employment agreement of an accepted offer: filled in by the employer, confirmed by the graduate, then
    confirmed (or returned with a reason) by the graduate's career office. Each step keeps who and when."""

    __tablename__ = "employment_agreements"
    __table_args__ = (
        CheckConstraint(f"monthly_salary IS NULL OR monthly_salary BETWEEN 1 AND {MAX_SALARY}", name="salary"),
        CheckConstraint("contract_months IS NULL OR contract_months BETWEEN 0 AND 600", name="contract_months"),
        CheckConstraint("insurance_months BETWEEN 0 AND 600", name="insurance_months"),
        Index("ix_employment_agreements_university_status", "university_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    # The graduate's university when the offer was accepted: its career office confirms.
    university_id: Mapped[int | None] = mapped_column(ForeignKey("universities.id", ondelete="SET NULL"))
    status: Mapped[AgreementStatus] = mapped_column(
        str_enum(AgreementStatus, "agreement_status"), default=AgreementStatus.DRAFT
    )
    position: Mapped[str] = mapped_column(String(100), default="")
    start_on: Mapped[date | None]
    monthly_salary: Mapped[int | None]
    # 0: open-ended.
    contract_months: Mapped[int | None]
    is_labour_contract: Mapped[bool] = mapped_column(default=True)
    # Unemployment, work-injury and pension insurance paid in full, and for how many months so far.
    has_social_insurance: Mapped[bool] = mapped_column(default=True)
    insurance_months: Mapped[int] = mapped_column(default=0, server_default="0")
    insurance_confirmed_at: Mapped[datetime | None]
    # The employer claims the one-time employment absorption subsidy for this hire (which excludes the
    # job-expansion subsidy).
    claims_absorption_subsidy: Mapped[bool] = mapped_column(default=False)
    submitted_at: Mapped[datetime | None]
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    graduate_confirmed_at: Mapped[datetime | None]
    confirmed_at: Mapped[datetime | None] = mapped_column(index=True)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    returned_at: Mapped[datetime | None]
    returned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    return_reason: Mapped[str] = mapped_column(Text, default="")
    # Set when the hire met the job-expansion subsidy rule of its year (once per graduate: the first employer to
    # qualify keeps it).
    subsidy_rule_id: Mapped[int | None] = mapped_column(ForeignKey("subsidy_rules.id", ondelete="RESTRICT"))
    subsidy_flagged_at: Mapped[datetime | None] = mapped_column(index=True)

    application: Mapped[Application] = relationship()
    subsidy_rule: Mapped[SubsidyRule | None] = relationship()


class SubsidyRule(TimestampMixin, Base):
    """The one-time job-expansion subsidy (一次性扩岗补助) as one year's policy sets it: who qualifies and for how
    much. Kept as data, since each year's rule is published anew (and locally varied)."""

    __tablename__ = "subsidy_rules"
    __table_args__ = (
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year"),
        CheckConstraint("window_years BETWEEN 0 AND 10", name="window_years"),
        CheckConstraint("min_insurance_months BETWEEN 1 AND 60", name="min_insurance_months"),
        CheckConstraint(f"amount_yuan BETWEEN 1 AND {MAX_SALARY}", name="amount_yuan"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The hiring year the rule covers (the year of the first day of work).
    year: Mapped[int] = mapped_column(unique=True)
    # Graduates of that year qualify, and those who left school up to this many years before and are unemployed.
    window_years: Mapped[int] = mapped_column(default=2)
    # Unemployment, work-injury and pension insurance paid in full for at least this many months.
    min_insurance_months: Mapped[int] = mapped_column(default=3)
    amount_yuan: Mapped[int] = mapped_column(default=1500)


class FollowUp(Base):
    """A question to a placed graduate some months after their first day of work: are you still employed there?"""

    __tablename__ = "follow_ups"
    __table_args__ = (UniqueConstraint("agreement_id", "months"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("employment_agreements.id", ondelete="CASCADE"))
    # 3 or 6: how many months after the first day of work it asks.
    months: Mapped[int]
    asked_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]
    still_employed: Mapped[bool | None]

    agreement: Mapped[EmploymentAgreement] = relationship()
