"""The career office's tables as they are downloaded: a title, translated headings and the rows, from the same
service figures the pages show."""

from __future__ import annotations

from flask_babel import gettext as _

from recruit import clock
from recruit.services.campaign import campaigns
from recruit.services.universities import graduates, placement, progress
from recruit.web import charts
from recruit.web.career.forms import STAGE_LABELS
from recruit.web.choices import degree_name
from recruit.web.downloads import Table


def _graduates(session, university_id: int, filters: graduates.GraduateFilters) -> Table:
    rows = [
        [
            g.student_number or "",
            g.full_name,
            g.major,
            degree_name(g.degree) if g.degree else "",
            g.graduation_year or "",
            str(STAGE_LABELS[g.stage]),
            g.applications,
            g.last_login_at.date().isoformat() if g.last_login_at else "",
        ]
        for g in graduates.graduate_rows(session, university_id, filters)
    ]
    headers = [
        _("Student number"),
        _("Full name"),
        _("Major"),
        _("Degree"),
        _("Graduation year"),
        _("Furthest stage"),
        _("Applications"),
        _("Last log-in"),
    ]
    return Table(_("Graduates"), headers, rows)


def _funnel_table(title: str, first: str, funnels: list[tuple[str, placement.Funnel]]) -> Table:
    stages = ["registered", "active", *placement.STAGES]
    headers = [first, _("registered"), _("active in the last 14 days")] + [
        str(STAGE_LABELS[s]) for s in placement.STAGES
    ]
    headers += [_("placement rate")]
    rows = [[name, *(getattr(f, s) for s in stages), _percent(f.rate("placed"))] for name, f in funnels]
    return Table(title, headers, rows)


def _percent(rate: float | None) -> str:
    return f"{rate * 100:.1f}%" if rate is not None else ""


def _by_major(session, university_id: int, _filters) -> Table:
    figures = placement.placement_figures(session, university_id)
    return _funnel_table(_("By major"), _("Major"), list(figures.by_major.items()))


def _by_degree(session, university_id: int, _filters) -> Table:
    figures = placement.placement_figures(session, university_id)
    rows = [(degree_name(d) if d else "—", f) for d, f in figures.by_degree.items()]
    return _funnel_table(_("By degree"), _("Degree"), rows)


def _daily(session, university_id: int, _filters) -> Table:
    campaign = campaigns.current_campaign(session, clock.today())
    daily = progress.daily_figures(session, university_id, campaign)
    rows = [
        [day.isoformat(), daily.registered[i], daily.applied[i], daily.placed[i]] for i, day in enumerate(daily.days)
    ]
    return Table(_("Day by day"), [_("Day"), _("registered"), _("applied"), _("placed")], rows)


def _destinations(session, university_id: int, _filters) -> Table:
    went = progress.destinations(session, university_id)
    placed = _("Placed graduates")
    rows = []
    for breakdown in (
        charts.industries(placed, went.by_industry),
        charts.provinces(placed, went.by_province),
        charts.size_classes(placed, went.by_size_class),
    ):
        rows += [[breakdown.key_heading, name, n] for name, n in breakdown.rows]
    return Table(_("Where our placed graduates went"), [_("By"), _("Name"), placed], rows)


def _employers(session, university_id: int, _filters) -> Table:
    went = progress.destinations(session, university_id)
    return Table(_("Employers"), [_("Employer"), _("Placed graduates")], [list(row) for row in went.top_employers])


TABLES = {
    "graduates": _graduates,
    "by-major": _by_major,
    "by-degree": _by_degree,
    "daily": _daily,
    "destinations": _destinations,
    "employers": _employers,
}
