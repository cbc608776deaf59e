"""Chart specifications for static/js/charts.js, and the named rows of the tables printed under them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import get_locale
from flask_babel import gettext as _

from recruit.labels import label
from recruit.reference.industries import industry_name
from recruit.reference.regions import province_name


@dataclass(frozen=True)
class Breakdown:
    """Counts by some key, named for the reader: what a bar chart and the table under it show."""

    title: str
    key_heading: str
    rows: list[tuple[str, int]]

    def spec(self) -> dict:
        """The bar chart of the rows (longest first, horizontal so long names stay readable)."""
        return {
            "type": "bar",
            "horizontal": True,
            "categories": [name for name, _n in self.rows],
            "series": [{"name": self.title, "data": [n for _name, n in self.rows]}],
        }


def line(categories: Sequence[str], series: dict[str, Sequence[int]]) -> dict:
    """A line chart over `categories` (days), one line per named series."""
    return {
        "type": "line",
        "categories": list(categories),
        "series": [{"name": name, "data": list(values)} for name, values in series.items()],
    }


def _locale() -> str:
    return str(get_locale())


def industries(title: str, counts: list[tuple[str, int]]) -> Breakdown:
    """Counts by GB/T 4754 industry section."""
    return Breakdown(title, _("Industry"), [(industry_name(code, _locale()) or "—", n) for code, n in counts])


def provinces(title: str, counts: list[tuple[str, int]]) -> Breakdown:
    """Counts by province."""
    return Breakdown(title, _("Province"), [(province_name(code, _locale()) or "—", n) for code, n in counts])


def size_classes(title: str, counts: list) -> Breakdown:
    """Counts by SME size class."""
    return Breakdown(title, _("Company size"), [(str(label(size)) if size else "—", n) for size, n in counts])


def named(title: str, key_heading: str, counts: list[tuple[str, int]]) -> Breakdown:
    """Counts by a name shown as it is (an employer, a university)."""
    return Breakdown(title, key_heading, list(counts))
