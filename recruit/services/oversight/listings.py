"""Listings the operator browses: accounts, universities, the audit log."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from recruit.models import AuditEntry, Company, CompanyStatus, Role, User
from recruit.pagination import Page, paginate


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
