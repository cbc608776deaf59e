"""Campaigns: their days, phases and the status every page shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from recruit.i18n import lazy_gettext as _l
from recruit.models import Campaign, CampaignPhase
from recruit.services.errors import ValidationError
from recruit.services.oversight import audit

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
        phases.append(
            CampaignPhase(
                name=name,
                starts_on=starts_on + timedelta(days=scaled_first - 1),
                ends_on=starts_on + timedelta(days=max(scaled_first, scaled_last) - 1),
            )
        )
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
    return CampaignStatus(
        campaign_id=campaign.id,
        name=campaign.name,
        length_days=campaign.length_days,
        day=day,
        phase_name=phase.name if phase else None,
    )


@dataclass
class PhaseDetails:
    """One phase as the operator enters it."""

    name: str
    starts_on: date
    ends_on: date
    message_graduates: str = ""
    message_employers: str = ""
    message_career_offices: str = ""


def default_phase_details(starts_on: date, length_days: int = DEFAULT_LENGTH_DAYS) -> list[PhaseDetails]:
    """The default phases as editable details (for the operator's form)."""
    return [PhaseDetails(p.name, p.starts_on, p.ends_on) for p in default_phases(starts_on, length_days)]


def _check_phases(starts_on: date, ends_on: date, phases: list[PhaseDetails]) -> None:
    if not phases:
        raise ValidationError(_l("A campaign needs at least one phase."), field="phases")
    ordered = sorted(phases, key=lambda p: p.starts_on)
    for phase in ordered:
        if not phase.name.strip():
            raise ValidationError(_l("Every phase needs a name."), field="phases")
        if phase.ends_on < phase.starts_on:
            raise ValidationError(_l("Phase %(name)s ends before it starts.", name=phase.name), field="phases")
    if ordered[0].starts_on != starts_on:
        raise ValidationError(
            _l("The first phase must start on the campaign's first day (%(day)s).", day=starts_on.isoformat()),
            field="phases",
        )
    if ordered[-1].ends_on != ends_on:
        raise ValidationError(
            _l("The last phase must end on the campaign's last day (%(day)s).", day=ends_on.isoformat()), field="phases"
        )
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.starts_on <= before.ends_on:
            raise ValidationError(_l("Phases %(a)s and %(b)s overlap.", a=before.name, b=after.name), field="phases")
        if after.starts_on > before.ends_on + timedelta(days=1):
            raise ValidationError(
                _l("There is a gap between phases %(a)s and %(b)s.", a=before.name, b=after.name), field="phases"
            )


def create_campaign(
    session,
    operator,
    *,
    name: str,
    starts_on: date,
    length_days: int,
    phases: list[PhaseDetails],
    description: str = "",
) -> Campaign:
    """Create a campaign whose phases cover its days exactly, without overlapping another campaign."""
    if not (name or "").strip():
        raise ValidationError(_l("Name the campaign."), field="name")
    if not 1 <= length_days <= 366:
        raise ValidationError(_l("A campaign lasts between 1 and 366 days."), field="length_days")
    ends_on = starts_on + timedelta(days=length_days - 1)
    _check_phases(starts_on, ends_on, phases)
    for other in session.scalars(select(Campaign)):
        if other.starts_on <= ends_on and starts_on <= other.ends_on:
            raise ValidationError(
                _l(
                    "These dates overlap the campaign %(name)s (%(start)s to %(end)s).",
                    name=other.name,
                    start=other.starts_on.isoformat(),
                    end=other.ends_on.isoformat(),
                ),
                field="starts_on",
            )
    campaign = Campaign(
        name=name.strip(),
        starts_on=starts_on,
        length_days=length_days,
        description=(description or "").strip(),
        phases=[
            CampaignPhase(
                name=p.name.strip(),
                starts_on=p.starts_on,
                ends_on=p.ends_on,
                message_graduates=p.message_graduates.strip(),
                message_employers=p.message_employers.strip(),
                message_career_offices=p.message_career_offices.strip(),
            )
            for p in sorted(phases, key=lambda p: p.starts_on)
        ],
    )
    session.add(campaign)
    session.flush()
    audit.record(
        session, operator, "campaign.create", campaign, {"starts_on": starts_on.isoformat(), "length_days": length_days}
    )
    return campaign


def all_campaigns(session) -> list[Campaign]:
    """Every campaign, newest first."""
    return list(session.scalars(select(Campaign).order_by(Campaign.starts_on.desc())))
