"""A career office's dashboard figures in one piece: counted at each page view for most universities, read from the
worker's snapshot for large ones, where counting tens of thousands of graduates on every view would be slow.

Which universities are large is the worker's call (`refresh_snapshots`, from a number of registered graduates set in
the configuration): it keeps a snapshot for each of them and drops the others', so a dashboard shows a snapshot only
where one is kept, and only for the current campaign. A snapshot shows when it was computed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from recruit import clock
from recruit.models import Campaign, Degree, GraduateProfile, SizeClass, UniversityFigures
from recruit.services.universities.placement import Funnel, PlacementFigures, placement_figures
from recruit.services.universities.progress import DailyFigures, Destinations, daily_figures, destinations


@dataclass(frozen=True)
class Dashboard:
    """Everything the career office's dashboard shows, and when it was counted (None: for this page view)."""

    placement: PlacementFigures
    daily: DailyFigures
    destinations: Destinations
    as_of: datetime | None = None


def compute(session, university_id: int, campaign: Campaign | None) -> Dashboard:
    """Count the university's dashboard figures now."""
    return Dashboard(
        placement=placement_figures(session, university_id),
        daily=daily_figures(session, university_id, campaign),
        destinations=destinations(session, university_id),
    )


def current(session, university_id: int, campaign: Campaign | None) -> Dashboard:
    """The dashboard as the career office sees it: the worker's snapshot where it keeps one for this campaign,
    otherwise counted now."""
    kept = session.get(UniversityFigures, university_id)
    if kept is not None and kept.campaign_id == (campaign.id if campaign else None):
        return _from_json(kept.figures, kept.computed_at)
    return compute(session, university_id, campaign)


def large_universities(session, from_graduates: int) -> list[int]:
    """The universities with at least `from_graduates` registered graduates, largest first."""
    counted = func.count()
    rows = session.execute(
        select(GraduateProfile.university_id, counted)
        .where(GraduateProfile.university_id.is_not(None))
        .group_by(GraduateProfile.university_id)
        .having(counted >= from_graduates)
        .order_by(counted.desc())
    ).all()
    return [university_id for university_id, _n in rows]


def compute_snapshots(session, campaign: Campaign | None, from_graduates: int) -> dict[int, dict]:
    """Count the dashboards of the large universities (a long read: run it in a reader's transaction)."""
    return {
        university_id: _to_json(compute(session, university_id, campaign))
        for university_id in large_universities(session, from_graduates)
    }


def store_snapshots(session, campaign: Campaign | None, computed: dict[int, dict]) -> int:
    """Keep `computed` as the snapshots of those universities and drop every other one (a short write); returns how
    many are kept."""
    now = clock.now()
    campaign_id = campaign.id if campaign else None
    stored = {kept.university_id: kept for kept in session.scalars(select(UniversityFigures))}
    for university_id, figures in computed.items():
        kept = stored.pop(university_id, None) or UniversityFigures(university_id=university_id)
        kept.campaign_id, kept.figures, kept.computed_at = campaign_id, figures, now
        session.add(kept)
    for small_again in stored.values():
        session.delete(small_again)
    session.flush()
    return len(computed)


def _to_json(dashboard: Dashboard) -> dict:
    figures, daily, went = dashboard.placement, dashboard.daily, dashboard.destinations
    return {
        "rostered": figures.rostered,
        "overall": asdict(figures.overall),
        "by_major": [[major, asdict(funnel)] for major, funnel in figures.by_major.items()],
        "by_degree": [[getattr(degree, "value", None), asdict(funnel)] for degree, funnel in figures.by_degree.items()],
        "daily": {
            "days": [day.isoformat() for day in daily.days],
            "registered": daily.registered,
            "applied": daily.applied,
            "placed": daily.placed,
        },
        "by_industry": went.by_industry,
        "by_province": went.by_province,
        "by_size_class": [[size.value if size else None, n] for size, n in went.by_size_class],
        "top_employers": went.top_employers,
    }


def _from_json(data: dict, as_of: datetime) -> Dashboard:
    placement = PlacementFigures(
        rostered=data["rostered"],
        overall=Funnel(**data["overall"]),
        by_major={major: Funnel(**funnel) for major, funnel in data["by_major"]},
        by_degree={(Degree(degree) if degree else None): Funnel(**funnel) for degree, funnel in data["by_degree"]},
    )
    daily = data["daily"]
    return Dashboard(
        placement=placement,
        daily=DailyFigures(
            days=[date.fromisoformat(day) for day in daily["days"]],
            registered=daily["registered"],
            applied=daily["applied"],
            placed=daily["placed"],
        ),
        destinations=Destinations(
            by_industry=[tuple(row) for row in data["by_industry"]],
            by_province=[tuple(row) for row in data["by_province"]],
            by_size_class=[(SizeClass(size) if size else None, n) for size, n in data["by_size_class"]],
            top_employers=[tuple(row) for row in data["top_employers"]],
        ),
        as_of=as_of,
    )
