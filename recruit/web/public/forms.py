"""The vacancy search form (GET, no CSRF: it changes nothing)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SearchField, SelectField
from wtforms.validators import NumberRange, Optional

from recruit.models import SizeClass
from recruit.reference.education import Degree
from recruit.services.discovery.search import SORTS, VacancyQuery
from recruit.web import choices
from recruit.web.forms_common import Form

SORT_LABELS = {"relevance": _l("Relevance"), "newest": _l("Newest"), "salary": _l("Salary")}


class VacancySearchForm(Form):
    class Meta:
        csrf = False

    q = SearchField(_l("Keywords"), validators=[Optional()])
    province = SelectField(_l("Province"), validators=[Optional()])
    city = SearchField(_l("City"), validators=[Optional()])
    industry = SelectField(_l("Industry"), validators=[Optional()])
    degree = SelectField(_l("My degree"), validators=[Optional()])
    salary = IntegerField(_l("Salary at least (yuan/month)"), validators=[Optional(), NumberRange(0, 1_000_000)])
    size = SelectField(_l("Company size"), validators=[Optional()])
    days = SelectField(_l("Posted within"), validators=[Optional()])
    sort = SelectField(_l("Sort by"), validators=[Optional()])
    page = IntegerField(validators=[Optional(), NumberRange(1, 10_000)])

    def fill_choices(self) -> None:
        """Set the options of the select fields."""
        any_ = choices.blank(_l("any"))
        self.province.choices = [any_] + choices.provinces()
        self.industry.choices = [any_] + choices.industries()
        self.degree.choices = [any_] + choices.degrees()
        self.size.choices = [any_] + choices.size_classes()
        self.days.choices = [any_] + [choices.SelectChoice(str(n), _l("within %(n)d days", n=n)) for n in (1, 3, 7, 30)]
        self.sort.choices = [choices.SelectChoice(key, SORT_LABELS[key]) for key in SORTS]


def vacancy_query_from(form: VacancySearchForm) -> VacancyQuery:
    """The search a validated VacancySearchForm asks for."""
    return VacancyQuery(
        keywords=(form.q.data or "").strip()[:200],
        province_code=form.province.data or None,
        city=(form.city.data or "").strip() or None,
        industry=form.industry.data or None,
        degree=Degree(form.degree.data) if form.degree.data else None,
        salary_at_least=form.salary.data,
        size_class=SizeClass(form.size.data) if form.size.data else None,
        posted_within_days=int(form.days.data) if form.days.data else None,
        sort=form.sort.data or "relevance",
        page=form.page.data or 1,
    )
