"""Listings the operator browses: accounts, companies, the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select

from recruit import clock
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


@dataclass(frozen=True)
class AuditFilters:
    """What the operator narrows the audit log by; empty values do not narrow."""

    actor: str = ""  # part of the actor's e-mail or name
    action: str = ""  # an action, or its prefix ("company.")
    target_type: str = ""  # a table name: "users", "companies", …
    target_id: int | None = None
    since: date | None = None  # first day, in the campaign's time zone
    until: date | None = None  # last day, inclusive


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=clock.zone())


def audit_page(session, filters: AuditFilters, page: int) -> Page:
    """Return one page of the audit log, newest first, narrowed by actor, action, record and days."""
    statement = select(AuditEntry).order_by(AuditEntry.id.desc())
    if filters.action:
        statement = statement.where(AuditEntry.action.like(f"{filters.action}%"))
    if filters.actor.strip():
        pattern = f"%{filters.actor.strip().lower()}%"
        actors = select(User.id).where(or_(User.email.like(pattern), func.lower(User.display_name).like(pattern)))
        statement = statement.where(AuditEntry.actor_id.in_(actors))
    if filters.target_type:
        statement = statement.where(AuditEntry.target_type == filters.target_type)
    if filters.target_id is not None:
        statement = statement.where(AuditEntry.target_id == filters.target_id)
    if filters.since is not None:
        statement = statement.where(AuditEntry.created_at >= _day_start(filters.since))
    if filters.until is not None:
        statement = statement.where(AuditEntry.created_at < _day_start(filters.until + timedelta(days=1)))
    return paginate(session, statement, page)


def companies_page(session, status: CompanyStatus, page: int) -> Page:
    """One page of companies in `status`; oldest first, so the queue is worked in order."""
    return paginate(
        session, select(Company).where(Company.status == status).order_by(Company.created_at, Company.id), page
    )
