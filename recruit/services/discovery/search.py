"""Vacancy search: keywords through the database's own full-text index, filters, sorting, pagination."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, column, func, literal_column, select, table, text
from sqlalchemy.orm import aliased, contains_eager, load_only

from recruit import clock
from recruit.models import Company, CompanyStatus, SizeClass, Vacancy, VacancySearchDocument, VacancyStatus
from recruit.pagination import Page
from recruit.reference.education import Degree, degrees_admitted_for
from recruit.services.campaign.fairs import fair_vacancy_ids
from recruit.services.discovery.search_index import QueryWord, fts5_match, has_alternatives, query_words, tsquery
from recruit.ttl_cache import TTLCache

SORTS = ("relevance", "newest", "salary")
PAGE_SIZE = 20
MAX_PAGE = 50  # deep pages are never read; a narrower search serves better than page 51
COUNT_CAP = MAX_PAGE * PAGE_SIZE
MAX_TERMS = 8  # a pasted paragraph searches by its first words, not by a query the index cannot plan

_fts = table("vacancy_fts", column("rowid"))


@dataclass(frozen=True)
class VacancyQuery:
    """What a searcher asked for; every field optional."""

    keywords: str = ""
    province_code: str | None = None
    city: str | None = None
    industry: str | None = None
    degree: Degree | None = None  # the searcher's degree: vacancies whose minimum it meets
    salary_at_least: int | None = None  # monthly; vacancies whose range reaches it
    size_class: SizeClass | None = None
    posted_within_days: int | None = None
    fair_id: int | None = None  # only the vacancies at this job fair's approved booths
    sort: str = "relevance"
    page: int = 1


def open_vacancies(today: date):
    """Published vacancies of verified companies whose deadline has not passed."""
    return (
        select(Vacancy)
        .join(Company, Company.id == Vacancy.company_id)
        .where(
            Vacancy.status == VacancyStatus.PUBLISHED,
            Company.status == CompanyStatus.VERIFIED,
            (Vacancy.deadline.is_(None)) | (Vacancy.deadline >= today),
        )
    )


def apply_filters(statement, query: VacancyQuery):
    """Narrow a vacancy statement by the query's filters (all but keywords)."""
    if query.province_code:
        statement = statement.where(Vacancy.province_code == query.province_code)
    if query.city:
        statement = statement.where(Vacancy.city == query.city)
    if query.industry:
        statement = statement.where(Company.industry == query.industry)
    if query.degree is not None:
        statement = statement.where(
            Vacancy.min_degree.is_(None) | Vacancy.min_degree.in_(degrees_admitted_for(query.degree))
        )
    if query.salary_at_least:
        statement = statement.where(Vacancy.salary_max >= query.salary_at_least)
    if query.size_class is not None:
        statement = statement.where(Company.size_class == query.size_class)
    if query.fair_id is not None:
        statement = statement.where(Vacancy.id.in_(fair_vacancy_ids(query.fair_id)))
    if query.posted_within_days:
        statement = statement.where(Vacancy.published_at >= clock.now() - timedelta(days=query.posted_within_days))
    return statement


# Ranking tiers, added to the engine's own relevance (which never spans more than a few units): a title match
# always outranks a match in the description only, and a long Chinese word found as typed outranks a vacancy
# that holds only the words inside it (会计师 before 会计).
NOT_IN_TITLE = 2000
NOT_EXACT = 1000


def apply_keywords(session, statement, words: list[QueryWord], ranked: bool = True):
    """Join the full-text index; return the statement and the relevance expression (smaller is better)."""
    if session.get_bind().dialect.name == "postgresql":
        # Match through the GIN index, filter, and only then rank what is left: ranking reads each matching
        # document's vector, and doing it before the filters ranked thousands of rows nobody would see.
        def to_tsquery(expression: str):
            return func.to_tsquery(literal_column("'simple'"), expression)

        ts_query = to_tsquery(tsquery(words))
        hits = (
            select(VacancySearchDocument.vacancy_id)
            .where(VacancySearchDocument.vector.op("@@")(ts_query))
            .cte("hits")
            .prefix_with("MATERIALIZED")
        )
        statement = statement.join(hits, hits.c.vacancy_id == Vacancy.id)
        if not ranked:
            return statement, None
        document = aliased(VacancySearchDocument)
        relevance = -func.ts_rank(document.vector, ts_query) + case(
            (document.vector.op("@@")(to_tsquery(tsquery(words, title_only=True))), 0), else_=NOT_IN_TITLE
        )
        if has_alternatives(words):
            relevance = relevance + case(
                (document.vector.op("@@")(to_tsquery(tsquery(words, exact=True))), 0), else_=NOT_EXACT
            )
        return statement, select(relevance).where(document.vacancy_id == Vacancy.id).scalar_subquery()
    # Materialise the matches first: left to itself SQLite's planner walks the filtered vacancies and asks
    # FTS5 about each one, which is a hundred times slower. bm25 is negative (more negative, more relevant);
    # title matches weigh five times body ones.
    rank = literal_column("bm25(vacancy_fts, 5.0, 1.0)") if ranked else literal_column("0")
    if ranked:
        rank = rank + case(
            (_fts.c.rowid.in_(_fts_matches("title_match", fts5_match(words, column="title"))), 0), else_=NOT_IN_TITLE
        )
        if has_alternatives(words):
            rank = rank + case(
                (_fts.c.rowid.in_(_fts_matches("exact_match", fts5_match(words, exact=True))), 0), else_=NOT_EXACT
            )
    hits = (
        select(_fts.c.rowid.label("vacancy_id"), rank.label("rank"))
        .select_from(_fts)
        .where(text("vacancy_fts MATCH :match").bindparams(match=fts5_match(words)))
        .cte("hits")
        .prefix_with("MATERIALIZED")
    )
    statement = statement.join(hits, hits.c.vacancy_id == Vacancy.id)
    return statement, hits.c.rank


def _fts_matches(name: str, expression: str):
    """The rowids matching `expression` (FTS5's table-valued form: the table cannot be aliased in MATCH)."""
    # `name` is the bind parameter's name, chosen by this module; the user's words travel only as its value.
    statement = text(f"SELECT rowid FROM vacancy_fts(:{name})")  # nosec B608
    return statement.bindparams(**{name: expression}).columns(column("rowid"))


# Which vacancies match a query may be up to RECRUIT_CACHE_SECONDS old (a new vacancy shows up that
# much later); the vacancies themselves are always read fresh, so a closed one is never shown.
_matches = TTLCache(size=5000, seconds=0)


def configure_cache(seconds: float) -> None:
    """Keep query answers this many seconds (0: no cache), per process."""
    _matches.seconds = seconds
    _matches.clear()


def search_vacancies(session, query: VacancyQuery, today: date | None = None) -> Page:
    """Return one page of open vacancies matching `query`."""
    today = today or clock.today()
    page = min(max(1, query.page), MAX_PAGE)
    key = (str(session.get_bind().engine.url), query, page, today)
    ids, total = _matches.get_or_compute(key, lambda: _matching_ids(session, query, page, today))
    rows = result_rows(session, ids, today)
    by_id = {vacancy.id: vacancy for vacancy in rows}
    return Page(
        items=[by_id[i] for i in ids if i in by_id],
        page=page,
        total=min(total, COUNT_CAP),
        per_page=PAGE_SIZE,
        is_total_capped=total > COUNT_CAP,
    )


def result_rows(session, ids, today: date):
    """The open vacancies of `ids` with only what a result line shows (descriptions are long, and this runs on every
    search), each with its company, in one query; in no particular order."""
    return session.scalars(
        open_vacancies(today)
        .where(Vacancy.id.in_(ids))
        .options(
            load_only(
                Vacancy.id,
                Vacancy.title,
                Vacancy.city,
                Vacancy.salary_min,
                Vacancy.salary_max,
                Vacancy.published_at,
                Vacancy.company_id,
                Vacancy.status,
                Vacancy.deadline,
            ),
            contains_eager(Vacancy.company).load_only(Company.id, Company.name, Company.size_class, Company.status),
        )
    )


def _matching_ids(session, query: VacancyQuery, page: int, today: date) -> tuple[list[int], int]:
    """The ids of one page of matches, in order, and how many match (counted up to COUNT_CAP + 1)."""
    statement = counted = apply_filters(open_vacancies(today), query)
    terms = query_words(query.keywords)[:MAX_TERMS]
    relevance = None
    if terms:
        ranked = query.sort == "relevance"
        statement, relevance = apply_keywords(session, statement, terms, ranked=ranked)
        counted, _ = apply_keywords(session, counted, terms, ranked=False)
    if query.sort == "salary":
        statement = statement.order_by(Vacancy.salary_max.desc(), Vacancy.id.desc())
    elif query.sort == "relevance" and relevance is not None:
        statement = statement.order_by(relevance, Vacancy.published_at.desc(), Vacancy.id.desc())
    else:
        statement = statement.order_by(Vacancy.published_at.desc(), Vacancy.id.desc())
    # Count at most COUNT_CAP matches ("1,000+"): an exact count of a common word costs a full scan.
    capped = counted.with_only_columns(Vacancy.id).limit(COUNT_CAP + 1).subquery()
    total = session.scalar(select(func.count()).select_from(capped)) or 0
    ids = session.scalars(statement.with_only_columns(Vacancy.id).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return list(ids), total
