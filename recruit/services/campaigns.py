"""Campaigns: their days, phases and the status every page shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from recruit.models import Campaign, CampaignPhase

DEFAULT_LENGTH_DAYS = 100
# Default phases as (name, first day, last day), days counted from 1.
DEFAULT_PHASES = (
    ("launch", 1, 10),
    ("matching", 11, 70),
    ("sprint", 71, 95),
    ("wrap-up", 96, 100),
)


@dataclass(frozen=True)
class CampaignStatus:
    """Where the current campaign stands on a day: a snapshot, safe to keep beyond its session."""

    campaign_id: int
    name: str
    length_days: int
    day: int  # 1-based day of the campaign; 0 or less before it starts, > length after it ends
    phase_name: str | None

    @property
    def is_running(self) -> bool:
        """True between the first and the last day."""
        return 1 <= self.day <= self.length_days

    @property
    def has_ended(self) -> bool:
        """True after the last day."""
        return self.day > self.length_days

    @property
    def days_left(self) -> int:
        """Days still to come after today (0 on the last day)."""
        return max(0, self.length_days - max(self.day, 0))

    @property
    def days_until_start(self) -> int:
        """Days until the first day (0 once started)."""
        return max(0, 1 - self.day)


def default_phases(starts_on: date, length_days: int = DEFAULT_LENGTH_DAYS) -> list[CampaignPhase]:
    """Return the default phases, scaled to the campaign's length."""
    phases = []
    for name, first, last in DEFAULT_PHASES:
        scaled_first = 1 + round((first - 1) * length_days / DEFAULT_LENGTH_DAYS)
        scaled_last = round(last * length_days / DEFAULT_LENGTH_DAYS)
        phases.append(CampaignPhase(
            name=name,
            starts_on=starts_on + timedelta(days=scaled_first - 1),
            ends_on=starts_on + timedelta(days=max(scaled_first, scaled_last) - 1),
        ))
    return phases


def current_campaign(session, today: date) -> Campaign | None:
    """Return the campaign running today, else the next to start, else the last one that ran."""
    campaigns = session.scalars(select(Campaign).order_by(Campaign.starts_on)).all()
    running = [c for c in campaigns if c.starts_on <= today <= c.ends_on]
    if running:
        return running[-1]
    upcoming = [c for c in campaigns if c.starts_on > today]
    if upcoming:
        return upcoming[0]
    return campaigns[-1] if campaigns else None


def status_on(session, today: date) -> CampaignStatus | None:
    """Return the current campaign's day number and phase on `today`, or None without a campaign."""
    campaign = current_campaign(session, today)
    if campaign is None:
        return None
    day = (today - campaign.starts_on).days + 1
    phase = next((p for p in campaign.phases if p.starts_on <= today <= p.ends_on), None)
    return CampaignStatus(campaign_id=campaign.id, name=campaign.name, length_days=campaign.length_days, day=day,
                          phase_name=phase.name if phase else None)
