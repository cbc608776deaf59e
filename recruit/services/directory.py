"""Listings the operator browses: accounts, universities, the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from recruit.models import AuditEntry, Company, CompanyStatus, Role, University, User

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


def users_page(session, role: Role | None, query: str, page: int) -> Page:
    """Return one page of accounts, newest first."""
    statement = select(User).order_by(User.id.desc())
    if role is not None:
        statement = statement.where(User.role == role)
    query = query.strip().lower()
    if query:
        like = f"%{query}%"
        statement = statement.where(or_(User.email.like(like), func.lower(User.display_name).like(like)))
    return paginate(session, statement, page)


def universities(session) -> list[University]:
    """Return every university, by name."""
    return list(session.scalars(select(University).order_by(University.name)))


def audit_page(session, action: str, page: int) -> Page:
    """Return one page of the audit log, newest first, optionally for one action prefix."""
    statement = select(AuditEntry).order_by(AuditEntry.id.desc())
    if action:
        statement = statement.where(AuditEntry.action.like(f"{action}%"))
    return paginate(session, statement, page)


def companies_page(session, status: CompanyStatus, page: int) -> Page:
    """One page of companies in `status`; oldest first, so the queue is worked in order."""
    return paginate(
        session, select(Company).where(Company.status == status).order_by(Company.created_at, Company.id), page
    )
