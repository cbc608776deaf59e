"""What matching showed people and what they did with it: the data a learned ranker and fair exposure need."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from recruit.models.base import Base, str_enum, utcnow

# PostgreSQL counts impressions past 2**31 in a national campaign; SQLite's row id is 64 bits already.
LongId = BigInteger().with_variant(Integer, "sqlite")


class Surface(enum.StrEnum):
    """Where a list of matches was shown."""

    RECOMMENDATIONS = "recommendations"  # a graduate's recommended vacancies (dashboard, list, a fair's best)
    SEARCH = "search"  # a graduate's search results
    CANDIDATES = "candidates"  # an employer's recommended graduates for a vacancy


class Action(enum.StrEnum):
    """What someone did with a graduate–vacancy pair."""

    OPENED = "opened"  # the graduate opened the vacancy's page
    SAVED = "saved"
    APPLIED = "applied"
    DISMISSED = "dismissed"  # "not interested"
    INVITED = "invited"  # the employer invited the graduate to apply
    INTERVIEWED = "interviewed"
    HIRED = "hired"  # an offer was accepted


class Impression(Base):
    """One item of a list shown to someone: the pair, where, at which place (1 = first), and the signals it was
    scored on as shown (for a ranker to learn from what people saw, not from what a newer model would show)."""

    __tablename__ = "impressions"
    __table_args__ = (
        Index("ix_impressions_graduate_id_vacancy_id", "graduate_id", "vacancy_id"),
        Index("ix_impressions_vacancy_id_shown_at", "vacancy_id", "shown_at"),
    )

    id: Mapped[int] = mapped_column(LongId, primary_key=True)
    surface: Mapped[Surface] = mapped_column(str_enum(Surface, "impression_surface"))
    graduate_id: Mapped[int] = mapped_column(ForeignKey("graduate_profiles.id", ondelete="CASCADE"))
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancies.id", ondelete="CASCADE"))
    position: Mapped[int]
    score: Mapped[float | None]
    signals: Mapped[dict | None] = mapped_column(JSON)
    shown_at: Mapped[datetime] = mapped_column(default=utcnow)


class Interaction(Base):
    """Something someone did with a graduate–vacancy pair, when."""

    __tablename__ = "interactions"
    __table_args__ = (
        Index("ix_interactions_graduate_id_vacancy_id", "graduate_id", "vacancy_id"),
        Index("ix_interactions_vacancy_id", "vacancy_id"),
        Index("ix_interactions_at", "at"),
    )

    id: Mapped[int] = mapped_column(LongId, primary_key=True)
    graduate_id: Mapped[int] = mapped_column(ForeignKey("graduate_profiles.id", ondelete="CASCADE"))
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancies.id", ondelete="CASCADE"))
    action: Mapped[Action] = mapped_column(str_enum(Action, "interaction_action"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ExposureDay(Base):
    """How many times a vacancy was shown to graduates in their recommendations and search results on one day,
    tallied by the worker from impressions."""

    __tablename__ = "exposure_days"

    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancies.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    shown: Mapped[int] = mapped_column(default=0)


class ExposureTally(Base):
    """Where the worker's tally of impressions stands (one row), and the fair share it last computed: the
    impressions of the recent days divided by the vacancies open to be shown."""

    __tablename__ = "exposure_tally"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_impression_id: Mapped[int] = mapped_column(LongId, default=0)
    fair_share: Mapped[float] = mapped_column(default=0.0)
    computed_at: Mapped[datetime | None]


class RankerModel(Base):
    """One training of the learned ranker, with its figures; the active one orders graduates' recommendations."""

    __tablename__ = "ranker_models"

    id: Mapped[int] = mapped_column(primary_key=True)
    trained_at: Mapped[datetime] = mapped_column(default=utcnow)
    model_text: Mapped[str] = mapped_column(Text)
    scale: Mapped[dict] = mapped_column(JSON)  # {"x": [...], "y": [...]}: the learned score → the hand-set scale
    train_lists: Mapped[int]
    validation_lists: Mapped[int]
    ndcg_current: Mapped[float]  # the ranker in use (learned or hand-set) on the most recent week
    ndcg_new: Mapped[float]
    current: Mapped[str] = mapped_column(String(40))  # what it was compared with: "hand-set" or "learned #N"
    is_active: Mapped[bool] = mapped_column(default=False, index=True)
