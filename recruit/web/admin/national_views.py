"""The operator's campaign figures (a snapshot the worker computed) as the charts and tables the dashboard shows."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from recruit.models import ApplicationStatus, CompanyStatus, Role, SizeClass, VacancyStatus
from recruit.services.campaign.national import FUNNEL
from recruit.services.hiring.follow_ups import MONTHS, Retention
from recruit.web import charts


@dataclass(frozen=True)
class NationalViews:
    funnel: charts.Breakdown
    daily: dict
    breakdowns: list[tuple[str, charts.Breakdown]]
    universities: list[list]
    idle_smes: dict
    first_response: dict
    records: dict | None  # accounts, companies, vacancies and applications by status (national scope only)
    retention: list[Retention]


def _funnel_names() -> dict[str, str]:
    return {
        "registered": _("registered"),
        "applied": _("applied"),
        "interviewing": _("interviewed"),
        "offered": _("offered"),
        "placed": _("placed"),
    }


def national_views(figures: dict) -> NationalViews:
    """Name every figure for the reader: stages, provinces, industries and size classes in their language."""
    names = _funnel_names()
    funnel = charts.named(_("Graduates"), _("Stage"), [(names[s], figures["funnel"][s]) for s in FUNNEL])
    daily = figures["daily"]
    placed = _("Placed graduates")
    sizes = [(SizeClass(v) if v else None, n) for v, n in figures["placed_by_size_class"]]
    return NationalViews(
        funnel=funnel,
        daily=charts.line(
            daily["days"],
            {_("registered"): daily["registered"], _("applied"): daily["applied"], _("placed"): daily["placed"]},
        ),
        breakdowns=[
            ("province", charts.provinces(placed, figures["placed_by_province"])),
            ("industry", charts.industries(placed, figures["placed_by_industry"])),
            ("size", charts.size_classes(placed, sizes)),
        ],
        universities=figures["universities"],
        idle_smes=figures["idle_smes"],
        first_response=figures["first_response"],
        records=_records(figures.get("records")),
        retention=[Retention(months, *figures.get("retention", {}).get(str(months), (0, 0, 0))) for months in MONTHS],
    )


def _records(stored: dict | None) -> dict | None:
    if stored is None:
        return None
    kinds = {"users": Role, "companies": CompanyStatus, "vacancies": VacancyStatus, "applications": ApplicationStatus}
    return {part: {kinds[part](k): n for k, n in counts.items()} for part, counts in stored.items()}
