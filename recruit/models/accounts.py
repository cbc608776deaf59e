"""Users (one role each) and their log-in sessions."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruit.models.base import Base, TimestampMixin, str_enum, utcnow

if TYPE_CHECKING:
    from recruit.models.companies import CompanyMember
    from recruit.models.graduates import GraduateProfile
    from recruit.models.universities import University


class Role(enum.StrEnum):
    GRADUATE = "graduate"
    EMPLOYER = "employer"
    CAREER_OFFICE = "career_office"
    OPERATOR = "operator"


class DigestFrequency(enum.StrEnum):
    IMMEDIATELY = "immediately"
    DAILY = "daily"
    WEEKLY = "weekly"
    NEVER = "never"


class User(TimestampMixin, Base):
    __tablename__ = "users"
    __table_args__ = (
        # E-mail is unique whatever its letter case: it is stored lower-cased and the database checks it.
        CheckConstraint("email = lower(email)", name="email_lower"),
        CheckConstraint("role <> 'career_office' OR university_id IS NOT NULL", name="career_office_has_university"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"), index=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    locale: Mapped[str | None] = mapped_column(String(10))
    is_enabled: Mapped[bool] = mapped_column(default=True)
    university_id: Mapped[int | None] = mapped_column(ForeignKey("universities.id", ondelete="RESTRICT"))
    consent_notice_version: Mapped[str | None] = mapped_column(String(20))
    consent_at: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    email_opt_in: Mapped[bool] = mapped_column(default=True)
    digest_frequency: Mapped[DigestFrequency] = mapped_column(
        str_enum(DigestFrequency, "digest_frequency"), default=DigestFrequency.DAILY
    )
    last_digest_at: Mapped[datetime | None]  # vacancies published after this go in the next digest
    # The second factor (services.people.two_factor): the TOTP secret, when it was turned on, and the last time step
    # a code was accepted for (a code works once).
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at: Mapped[datetime | None]
    totp_last_step: Mapped[int | None]
    # When the owner proved the address by opening the link sent to it (an invitation's link proves it too).
    email_verified_at: Mapped[datetime | None]
    # Set when the account was erased (services.people.erasure): an empty shell kept for anonymous counts.
    erased_at: Mapped[datetime | None]
    # When the account was told it will be erased for inactivity (services.people.retention).
    erasure_notice_at: Mapped[datetime | None]

    university: Mapped[University | None] = relationship()
    graduate_profile: Mapped[GraduateProfile | None] = relationship(
        back_populates="user", uselist=False, cascade="all, delete-orphan", passive_deletes=True
    )
    company_membership: Mapped[CompanyMember | None] = relationship(
        back_populates="user", uselist=False, cascade="all, delete-orphan", passive_deletes=True
    )

    # The four members Flask-Login reads, written out so that the model does not depend on the web framework.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:  # Flask-Login refuses disabled accounts
        """Tell Flask-Login whether this account may log in."""
        return self.is_enabled

    def get_id(self) -> str:
        """The identifier Flask-Login keeps in the session."""
        return str(self.id)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class UserSession(Base):
    """A server-side log-in session, so that log-out (or a password change) really ends it."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # Only a hash of the token is stored: a leaked table does not hand out sessions.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    revoked_at: Mapped[datetime | None]
    ip_address: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(255))

    user: Mapped[User] = relationship()


class RecoveryCode(Base):
    """A one-time code that stands in for the second factor when the phone is lost; only its hash is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None]


class EmailVerification(Base):
    """A link sent to an address to prove it is the account owner's: it works once, within a week, and only while
    the account still has that address."""

    __tablename__ = "email_verifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()


class PasswordReset(Base):
    """A request, sent by e-mail, to choose a new password: its link works once, within an hour."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
