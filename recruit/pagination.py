"""One page of a long listing: the rows shown and enough to link to the others."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

PAGE_SIZE = 50


@dataclass(frozen=True)
class Page:
    items: list
    page: int
    total: int
    per_page: int = PAGE_SIZE
    is_total_capped: bool = False  # total is a lower bound ("1,000+")

    @property
    def pages(self) -> int:
        """Number of pages."""
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        """True when a previous page exists."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """True when a next page exists."""
        return self.page < self.pages


def paginate(session, query, page: int, per_page: int = PAGE_SIZE) -> Page:
    """Run `query` for one page and count all its rows."""
    page = max(1, page)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    items = session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(items=list(items), page=page, total=total, per_page=per_page)
