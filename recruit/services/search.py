"""Job search: keywords through the database's own full-text index, filters, sorting, pagination."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import column, func, literal_column, select, table, text
from sqlalchemy.orm import contains_eager

from recruit import clock
from recruit.models import Company, CompanyStatus, Job, JobSearchDocument, JobStatus, SizeClass
from recruit.reference.education import Degree
from recruit.services.directory import Page
from recruit.services.search_index import fts5_match, query_terms, tsquery

SORTS = ("relevance", "newest", "salary")
PAGE_SIZE = 20
MAX_PAGE = 500  # deep pages are never read; cap them so a crawler cannot make the database count forever

_fts = table("job_fts", column("rowid"))


@dataclass(frozen=True)
class JobQuery:
    """What a searcher asked for; every field optional."""

    keywords: str = ""
    province_code: str | None = None
    city: str | None = None
    industry: str | None = None
    degree: Degree | None = None  # the searcher's degree: vacancies whose minimum it meets
    salary_at_least: int | None = None  # monthly; vacancies whose range reaches it
    size_class: SizeClass | None = None
    posted_within_days: int | None = None
    sort: str = "relevance"
    page: int = 1


def _open_vacancies(today: date):
    """Published vacancies of verified companies whose deadline has not passed."""
    return (select(Job).join(Company, Company.id == Job.company_id).options(contains_eager(Job.company))
            .where(Job.status == JobStatus.PUBLISHED, Company.status == CompanyStatus.VERIFIED,
                   (Job.deadline.is_(None)) | (Job.deadline >= today)))


def _apply_filters(statement, query: JobQuery):
    if query.province_code:
        statement = statement.where(Job.province_code == query.province_code)
    if query.city:
        statement = statement.where(Job.city == query.city)
    if query.industry:
        statement = statement.where(Company.industry == query.industry)
    if query.degree is not None:
        admitted = [d.value for d in Degree if d.rank <= query.degree.rank]
        statement = statement.where(Job.min_degree.is_(None) | Job.min_degree.in_(admitted))
    if query.salary_at_least:
        statement = statement.where(Job.salary_max >= query.salary_at_least)
    if query.size_class is not None:
        statement = statement.where(Company.size_class == query.size_class)
    if query.posted_within_days:
        statement = statement.where(Job.published_at >= clock.now() - timedelta(days=query.posted_within_days))
    return statement


def _apply_keywords(session, statement, terms):
    """Join the full-text index; return the statement and the relevance expression (smaller is better)."""
    if session.get_bind().dialect.name == "postgresql":
        ts_query = func.to_tsquery(literal_column("'simple'"), tsquery(terms))
        statement = (statement.join(JobSearchDocument, JobSearchDocument.job_id == Job.id)
                     .where(JobSearchDocument.vector.op("@@")(ts_query)))
        return statement, -func.ts_rank(JobSearchDocument.vector, ts_query)
    statement = statement.join(_fts, _fts.c.rowid == Job.id).where(
        text("job_fts MATCH :match").bindparams(match=fts5_match(terms)))
    # bm25 is negative, more negative is more relevant; title matches weigh five times body ones.
    return statement, literal_column("bm25(job_fts, 5.0, 1.0)")


def search_jobs(session, query: JobQuery, today: date | None = None) -> Page:
    """Return one page of open vacancies matching `query`."""
    today = today or clock.today()
    statement = _apply_filters(_open_vacancies(today), query)
    terms = query_terms(query.keywords)
    relevance = None
    if terms:
        statement, relevance = _apply_keywords(session, statement, terms)
    if query.sort == "salary":
        statement = statement.order_by(Job.salary_max.desc(), Job.id.desc())
    elif query.sort == "relevance" and relevance is not None:
        statement = statement.order_by(relevance, Job.published_at.desc())
    else:
        statement = statement.order_by(Job.published_at.desc(), Job.id.desc())
    page = min(max(1, query.page), MAX_PAGE)
    total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery())) or 0
    rows = session.scalars(statement.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return Page(items=list(rows), page=page, total=total, per_page=PAGE_SIZE)
