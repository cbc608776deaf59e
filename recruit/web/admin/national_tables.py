"""The operator's dashboard tables as they are downloaded, from the same snapshot and names the page shows."""

from __future__ import annotations

from flask_babel import gettext as _

from recruit.web.admin.national_views import NationalViews
from recruit.web.charts import Breakdown
from recruit.web.downloads import Table


def _breakdown(breakdown: Breakdown) -> Table:
    return Table(breakdown.key_heading, [breakdown.key_heading, breakdown.title], [list(r) for r in breakdown.rows])


def _daily(views: NationalViews) -> Table:
    series = views.daily["series"]
    rows = [[day, *(s["data"][i] for s in series)] for i, day in enumerate(views.daily["categories"])]
    return Table(_("Day by day"), [_("Day"), *(s["name"] for s in series)], rows)


def _universities(views: NationalViews) -> Table:
    rows = [[name, registered, placed] for _id, name, registered, placed in views.universities]
    return Table(_("Universities"), [_("University"), _("registered"), _("placed")], rows)


def _idle(views: NationalViews) -> Table:
    rows = [[name, vacancies] for _id, name, vacancies in views.idle_smes["sample"]]
    return Table(_("SMEs without applicants"), [_("Company"), _("Published vacancies")], rows)


def tables(views: NationalViews) -> dict[str, Table]:
    """Every table of the dashboard by its name."""
    found = {"funnel": _breakdown(views.funnel), "daily": _daily(views), "universities": _universities(views)}
    found |= {f"placed-{key}": _breakdown(b) for key, b in views.breakdowns}
    found["idle-smes"] = _idle(views)
    return found


NAMES = ("funnel", "daily", "placed-province", "placed-industry", "placed-size", "universities", "idle-smes")
