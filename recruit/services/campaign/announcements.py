"""Announcements and policy notices: the operator picks an audience and a time; the worker delivers them to
exactly those users, in-app and by e-mail, and counts who received and who opened them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, false, func, or_, select

from recruit import clock, links
from recruit.i18n import lazy_gettext as _l
from recruit.models import (
    Announcement,
    Company,
    CompanyMember,
    GraduateProfile,
    Notification,
    Role,
    SizeClass,
    University,
    User,
)
from recruit.reference.industries import SECTION_CODES
from recruit.reference.regions import PROVINCE_BY_CODE
from recruit.services.errors import ValidationError
from recruit.services.messaging.fanout import Recipient, write_batch
from recruit.services.oversight import audit

BATCH_SIZE = 2000
AUDIENCE_ROLES = (Role.GRADUATE, Role.EMPLOYER, Role.CAREER_OFFICE)


@dataclass
class Audience:
    """Who receives it. An empty list means "any". Provinces apply to every role (a graduate's home
    province, a company's, a university's); industries and size classes to employers; graduation years to
    graduates."""

    roles: list[str] = field(default_factory=list)
    provinces: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    size_classes: list[str] = field(default_factory=list)
    graduation_years: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The stored form: only the filters that are set."""
        return {k: v for k, v in vars(self).items() if v}


def _check(audience: Audience) -> None:
    if any(r not in {role.value for role in AUDIENCE_ROLES} for r in audience.roles):
        raise ValidationError(_l("Choose roles from the list."), field="roles")
    if any(p not in PROVINCE_BY_CODE for p in audience.provinces):
        raise ValidationError(_l("Choose a province."), field="provinces")
    if any(i not in SECTION_CODES for i in audience.industries):
        raise ValidationError(_l("Choose industries from the list."), field="industries")
    if any(s not in {c.value for c in SizeClass} for s in audience.size_classes):
        raise ValidationError(_l("Choose size classes from the list."), field="size_classes")
    if any(not 1950 <= y <= 2100 for y in audience.graduation_years):
        raise ValidationError(_l("Enter a year between 1950 and 2100."), field="graduation_years")


def create_announcement(
    session, operator: User, *, title: str, body: str, is_policy: bool, audience: Audience, publish_at: datetime
) -> Announcement:
    """Schedule an announcement (a time in the past means "now")."""
    if not (title or "").strip():
        raise ValidationError(_l("Enter a title."), field="title")
    if not (body or "").strip():
        raise ValidationError(_l("Write the announcement."), field="body")
    _check(audience)
    announcement = Announcement(
        title=title.strip(),
        body=body.strip(),
        is_policy=is_policy,
        audience=audience.as_dict(),
        publish_at=publish_at,
        created_by_id=operator.id,
        created_at=clock.now(),
    )
    session.add(announcement)
    session.flush()
    audit.record(session, operator, "announcement.create", announcement, announcement.audience)
    return announcement


def audience_condition(audience: dict):
    """The SQL condition selecting the audience's users (joined with their profile, company, university)."""
    roles = audience.get("roles") or [r.value for r in AUDIENCE_ROLES]
    provinces, years = audience.get("provinces"), audience.get("graduation_years")
    industries, sizes = audience.get("industries"), audience.get("size_classes")
    branches = []
    if Role.GRADUATE.value in roles:
        branches.append(
            and_(
                User.role == Role.GRADUATE,
                GraduateProfile.province_code.in_(provinces) if provinces else True,
                GraduateProfile.graduation_year.in_(years) if years else True,
            )
        )
    if Role.EMPLOYER.value in roles:
        branches.append(
            and_(
                User.role == Role.EMPLOYER,
                Company.id.is_not(None),
                Company.province_code.in_(provinces) if provinces else True,
                Company.industry.in_(industries) if industries else True,
                Company.size_class.in_(sizes) if sizes else True,
            )
        )
    if Role.CAREER_OFFICE.value in roles:
        branches.append(
            and_(User.role == Role.CAREER_OFFICE, University.province_code.in_(provinces) if provinces else True)
        )
    return or_(*branches) if branches else false()


def _recipients(session, announcement: Announcement, after_id: int, limit: int) -> list[Recipient]:
    rows = session.execute(
        select(User.id, User.email, User.email_opt_in)
        .outerjoin(GraduateProfile, GraduateProfile.user_id == User.id)
        .outerjoin(CompanyMember, CompanyMember.user_id == User.id)
        .outerjoin(Company, Company.id == CompanyMember.company_id)
        .outerjoin(University, University.id == User.university_id)
        .where(User.id > after_id, User.is_enabled.is_(True), audience_condition(announcement.audience))
        .order_by(User.id)
        .limit(limit)
    ).all()
    return [Recipient(user_id, email, opt_in) for user_id, email, opt_in in rows]


def deliver_due(session, *, commit_batch: Callable[[], None], batch_size: int = BATCH_SIZE) -> int:
    """Deliver every announcement whose time has come, batch by batch (resumable); return users covered."""
    covered = 0
    due = session.scalars(
        select(Announcement)
        .where(Announcement.sent_at.is_(None), Announcement.publish_at <= clock.now())
        .order_by(Announcement.publish_at)
    ).all()
    for announcement in due:
        while announcement.sent_at is None:
            batch = _recipients(session, announcement, announcement.fanout_cursor, batch_size)
            if batch:
                write_batch(
                    session,
                    batch,
                    kind="announcement.policy" if announcement.is_policy else "announcement",
                    title=announcement.title,
                    body_for=lambda _r, a=announcement: a.body,
                    link=links.inbox(),
                    dedupe_prefix=f"announcement:{announcement.id}",
                )
                announcement.fanout_cursor = batch[-1].user_id
                covered += len(batch)
            else:
                announcement.recipient_count = _count(session, announcement)
                announcement.sent_at = clock.now()
            commit_batch()
    return covered


def _count(session, announcement: Announcement, opened: bool = False) -> int:
    statement = (
        select(func.count())
        .select_from(Notification)
        .where(Notification.dedupe_key.like(f"announcement:{announcement.id}:user:%"))
    )
    if opened:
        statement = statement.where(Notification.read_at.is_not(None))
    return session.scalar(statement) or 0


def with_statistics(session) -> list[tuple[Announcement, int, int]]:
    """Every announcement, newest first, with how many received it and how many opened it."""
    rows = session.scalars(select(Announcement).order_by(Announcement.publish_at.desc())).all()
    return [(a, _count(session, a), _count(session, a, opened=True)) for a in rows]
