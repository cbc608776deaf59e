"""Select options for forms, labelled in the reader's language."""

from __future__ import annotations

from functools import lru_cache

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice  # noqa: F401  (re-exported for forms)

from recruit.labels import label
from recruit.models import SizeClass
from recruit.reference.education import DEGREE_NAMES, DISCIPLINES, Degree
from recruit.reference.industries import SECTIONS
from recruit.reference.regions import PROVINCES
from recruit.reference.sme_size import DIVISION_SECTORS

DIVISION_NAMES = {
    "F51": ("批发业", "Wholesale"),
    "F52": ("零售业", "Retail"),
    "G53-58": ("交通运输业", "Transport"),
    "G59": ("仓储业", "Warehousing"),
    "G60": ("邮政业", "Postal services"),
    "H61": ("住宿业", "Accommodation"),
    "H62": ("餐饮业", "Catering"),
    "I63-64": ("信息传输业", "Information transmission"),
    "I65": ("软件和信息技术服务业", "Software and IT services"),
    "K7010": ("房地产开发经营", "Real-estate development"),
    "K7020": ("物业管理", "Property management"),
    "K-other": ("其他房地产业", "Other real estate"),
}


def _zh() -> bool:
    return str(get_locale() or "zh").startswith("zh")


def optional_int(value) -> int | None:
    """Coerce a select's value to an int, the empty option to None."""
    if value in ("", None):
        return None
    return int(value)


def blank(text=None) -> SelectChoice:
    """The empty first option of an optional select."""
    return SelectChoice("", str(text or _l("— choose —")))


def provinces() -> list[SelectChoice]:
    """The 34 provincial-level divisions."""
    return list(_provinces(_zh()))


@lru_cache(maxsize=2)
def _provinces(zh: bool) -> tuple[SelectChoice, ...]:
    return tuple(SelectChoice(p.code, p.name_zh if zh else p.name_en) for p in PROVINCES)


def industries() -> list[SelectChoice]:
    """GB/T 4754 sections."""
    return list(_industries(_zh()))


@lru_cache(maxsize=2)
def _industries(zh: bool) -> tuple[SelectChoice, ...]:
    return tuple(SelectChoice(s.code, f"{s.code} · {s.name_zh if zh else s.name_en}") for s in SECTIONS)


def divisions() -> list[SelectChoice]:
    """The divisions the 2011 SME rules distinguish inside some sections."""
    return [
        SelectChoice(key, f"{key} · {DIVISION_NAMES[key][0 if _zh() else 1]}", optgroup=section)
        for section, options in DIVISION_SECTORS.items()
        for key, _ in options
    ]


def degree_name(degree: Degree | None) -> str:
    """A degree's name in the reader's language."""
    if degree is None:
        return str(_l("any"))
    return DEGREE_NAMES[degree].zh if _zh() else DEGREE_NAMES[degree].en


def degrees() -> list[SelectChoice]:
    """Associate, bachelor, master, doctor."""
    return [SelectChoice(d.value, degree_name(d)) for d in Degree]


def disciplines() -> list[SelectChoice]:
    """The 14 discipline categories."""
    return [SelectChoice(code, zh if _zh() else en) for code, zh, en in DISCIPLINES]


def size_classes() -> list[SelectChoice]:
    """Micro, small, medium."""
    return [SelectChoice(s.value, str(label(s))) for s in SizeClass]


def universities_by_province(universities, first: SelectChoice | None = None) -> dict[str, list[SelectChoice]]:
    """University options grouped by province (an optgroup each, in the list's province order), for a select of
    the 2,631 institutions; `first` goes in a group of its own at the top."""
    names = {p.code: (p.name_zh if _zh() else p.name_en) for p in PROVINCES}
    groups: dict[str, list[SelectChoice]] = {"": [first]} if first is not None else {}
    for university in sorted(universities, key=lambda u: (u.province_code, u.code)):
        groups.setdefault(names.get(university.province_code, university.province_code), []).append(
            SelectChoice(university.id, university.name)
        )
    return groups
