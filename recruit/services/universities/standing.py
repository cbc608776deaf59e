"""Each graduate's standing, kept on their profile: how far their applications got, how many they made and an
employer answered, when they first applied and when they were placed. The career office's pages and the national
figures read these columns through an index on (university, stage) instead of every application.

One way, like the search rows: after every flush that inserts, deletes or changes the status of an application or of
its employment agreement (which makes a placement), the listener recomputes the standing of the graduates concerned
from their applications, in the same transaction. No service sets the columns by hand. Concurrent writers are safe:
the profile rows are locked (PostgreSQL) before the recomputing statement takes its snapshot, so the last writer to
commit counts every application committed before it; SQLite serialises writers anyway. Rows written in bulk (the
seeder) are brought up to date by `recompute_standing(session)` over every profile.

`keep_standing()` registers the listener; `create_app` calls it once for the process.
"""

from __future__ import annotations

from itertools import chain

from sqlalchemy import case, event, func, inspect, or_, select, update
from sqlalchemy.orm import Session

from recruit.models import Application, EmploymentAgreement, GraduateProfile
from recruit.services.universities.placement import PLACED, PLACED_AT, UNANSWERED, placed_agreements, stage_rank

STANDING_FIELDS = ("furthest_stage", "applications_count", "answered_count", "first_applied_at", "placed_at")
_TOUCHED = "recruit.standing.touched"
CHUNK = 500


def _standing_values() -> dict:
    own = Application.graduate_id == GraduateProfile.id
    return {
        "furthest_stage": select(func.coalesce(func.max(stage_rank()), 0)).where(own).scalar_subquery(),
        "applications_count": select(func.count()).select_from(Application).where(own).scalar_subquery(),
        "answered_count": select(func.count())
        .select_from(Application)
        .where(own, Application.status.not_in(UNANSWERED))
        .scalar_subquery(),
        "first_applied_at": select(func.min(Application.created_at)).where(own).scalar_subquery(),
        "placed_at": placed_agreements(select(func.min(PLACED_AT)).select_from(Application))
        .where(own)
        .scalar_subquery(),
    }


def _recompute_everyone(connection) -> None:
    """Every profile at once, in set-based passes (one grouped read of the applications and of the placing events,
    not five lookups per profile): what a bulk load of millions of rows needs."""
    fresh = {"furthest_stage": 0, "applications_count": 0, "answered_count": 0, "first_applied_at": None}
    kept = or_(
        GraduateProfile.furthest_stage != 0,
        GraduateProfile.applications_count != 0,
        GraduateProfile.answered_count != 0,
        GraduateProfile.first_applied_at.is_not(None),
        GraduateProfile.placed_at.is_not(None),
    )
    connection.execute(update(GraduateProfile).where(kept).values(**fresh, placed_at=None))
    # One pass over the applications, each joined to its agreement if it has one (millions of rows: no lookup per row).
    placed = EmploymentAgreement.status == PLACED
    per_graduate = (
        select(
            Application.graduate_id.label("graduate_id"),
            func.max(stage_rank(placed)).label("stage"),
            func.count().label("n"),
            func.sum(case((Application.status.in_(UNANSWERED), 0), else_=1)).label("answered"),
            func.min(Application.created_at).label("first"),
        )
        .outerjoin(EmploymentAgreement, EmploymentAgreement.application_id == Application.id)
        .group_by(Application.graduate_id)
        .subquery()
    )
    connection.execute(
        update(GraduateProfile)
        .where(GraduateProfile.id == per_graduate.c.graduate_id)
        .values(
            furthest_stage=per_graduate.c.stage,
            applications_count=per_graduate.c.n,
            answered_count=per_graduate.c.answered,
            first_applied_at=per_graduate.c.first,
        )
    )
    placed = (
        placed_agreements(select(Application.graduate_id.label("graduate_id"), func.min(PLACED_AT).label("at")))
        .group_by(Application.graduate_id)
        .subquery()
    )
    connection.execute(
        update(GraduateProfile).where(GraduateProfile.id == placed.c.graduate_id).values(placed_at=placed.c.at)
    )


def recompute_standing(session, graduate_ids=None) -> None:
    """Recompute the standing of the given graduates (every graduate when None) from their applications."""
    connection = session.connection()
    if graduate_ids is None:
        _recompute_everyone(connection)
        return
    ordered = sorted(set(graduate_ids))
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        # Lock first, then recompute: the update's snapshot then includes whatever a concurrent writer committed.
        connection.execute(
            select(GraduateProfile.id)
            .where(GraduateProfile.id.in_(chunk))
            .order_by(GraduateProfile.id)
            .with_for_update()
        ).all()
        connection.execute(update(GraduateProfile).where(GraduateProfile.id.in_(chunk)).values(**_standing_values()))


def _touched_graduates(session: Session) -> set[int]:
    touched, agreements_of = set(), set()
    for obj in chain(session.new, session.dirty, session.deleted):
        if not isinstance(obj, Application | EmploymentAgreement):
            continue
        if obj in session.dirty and not inspect(obj).attrs.status.history.has_changes():
            continue
        if isinstance(obj, EmploymentAgreement):
            agreements_of.add(obj.application_id)  # a confirmed agreement makes (and dates) the placement
        elif obj.graduate_id is not None:
            touched.add(obj.graduate_id)
    if agreements_of:
        applications = select(Application.graduate_id).where(Application.id.in_(agreements_of))
        touched.update(session.connection().scalars(applications))
    return touched


def _after_flush(session: Session, _context) -> None:
    touched = _touched_graduates(session)
    if touched:
        recompute_standing(session, touched)
        session.info.setdefault(_TOUCHED, set()).update(touched)


def _after_flush_postexec(session: Session, _context) -> None:
    touched = session.info.pop(_TOUCHED, None)
    if not touched:
        return
    for obj in list(session.identity_map.values()):
        if isinstance(obj, GraduateProfile) and obj.id in touched:
            session.expire(obj, STANDING_FIELDS)


def keep_standing() -> None:
    """Register the listener on every session of the process (once, however often it is called)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "after_flush_postexec", _after_flush_postexec)
