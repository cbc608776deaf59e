"""Consents: what a person agreed to, when, and under which version of the privacy notice (PIPL arts. 14–17, 23).

One row per grant. The privacy notice is accepted per version (a new version asks again); being visible to employers
is its own consent, withdrawn by hiding the profile; each application is a separate consent to share the profile
and resume with that one employer."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from recruit.models.base import Base, str_enum


class ConsentKind(enum.StrEnum):
    PRIVACY_NOTICE = "privacy_notice"
    VISIBILITY = "visibility"
    APPLICATION = "application"


class Consent(Base):
    __tablename__ = "consents"
    __table_args__ = (Index("ix_consents_user_id_kind", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[ConsentKind] = mapped_column(str_enum(ConsentKind, "consent_kind"))
    notice_version: Mapped[str] = mapped_column(String(20))
    # For an application: the employer the profile and resume are shared with, by name as the graduate saw it.
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id", ondelete="SET NULL"))
    company_name: Mapped[str | None] = mapped_column(String(200))
    vacancy_id: Mapped[int | None] = mapped_column(ForeignKey("vacancies.id", ondelete="SET NULL"))
    given_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<Consent {self.id} {self.kind} user={self.user_id}>"
