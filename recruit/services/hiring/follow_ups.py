"""Follow-ups of placements: three and six months after the first day of work the worker asks the graduate whether
they are still employed there; their answers give the retention rates on the dashboards.

Asking is idempotent (one row per agreement and month count, and the notification's dedupe key), so a crashed or
repeated run asks nobody twice; each run asks at most `batch` graduates and commits through `commit_batch`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select

from recruit import clock, links
from recruit.i18n import N_
from recruit.i18n import lazy_gettext as _l
from recruit.models import AgreementStatus, EmploymentAgreement, FollowUp, User
from recruit.services.errors import ValidationError
from recruit.services.messaging import notifications

MONTHS = (3, 6)
QUESTION = N_("Are you still employed at %(company)s, %(months)d months after you started? One click tells us.")


def _months_after(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def due(session, today: date, months: int, limit: int) -> list[EmploymentAgreement]:
    """Confirmed agreements whose `months` follow-up is due by `today` and not yet asked."""
    asked = select(FollowUp.id).where(FollowUp.agreement_id == EmploymentAgreement.id, FollowUp.months == months)
    # A start on or before this day has reached its follow-up.
    started_by = _months_after(today, -months)
    return list(
        session.scalars(
            select(EmploymentAgreement)
            .where(
                EmploymentAgreement.status == AgreementStatus.CONFIRMED,
                EmploymentAgreement.start_on <= started_by,
                ~asked.exists(),
            )
            .order_by(EmploymentAgreement.id)
            .limit(limit)
        )
    )


def ask_due(session, today: date, batch: int = 500, commit_batch=None) -> int:
    """Ask every placed graduate whose 3- or 6-month follow-up is due; returns how many were asked."""
    asked = 0
    for months in MONTHS:
        while True:
            agreements = due(session, today, months, batch)
            for agreement in agreements:
                _ask(session, agreement, months)
            asked += len(agreements)
            session.flush()
            if commit_batch is not None:
                commit_batch()
            if len(agreements) < batch:
                break
    return asked


def _ask(session, agreement: EmploymentAgreement, months: int) -> FollowUp:
    follow_up = FollowUp(agreement_id=agreement.id, months=months, asked_at=clock.now())
    session.add(follow_up)
    session.flush()
    graduate = agreement.application.graduate.user
    if graduate.erased_at is None:
        notifications.notify(
            session,
            graduate,
            kind="follow_up",
            title=_l(QUESTION, company=agreement.application.vacancy.company.name, months=months),
            link=links.follow_up(follow_up.id),
            dedupe_key=f"follow-up:{agreement.id}:{months}",
        )
    return follow_up


def of_graduate(session, graduate_user: User, follow_up_id: int) -> FollowUp | None:
    """One of the graduate's own follow-ups (another's is None)."""
    follow_up = session.get(FollowUp, follow_up_id)
    if follow_up is None or graduate_user.graduate_profile is None:
        return None
    return follow_up if follow_up.agreement.application.graduate_id == graduate_user.graduate_profile.id else None


def answer(session, follow_up: FollowUp, still_employed: bool | None) -> FollowUp:
    """Record the graduate's answer (they may change it later)."""
    if still_employed is None:
        raise ValidationError(_l("Choose yes or no."), field="still_employed")
    follow_up.still_employed, follow_up.answered_at = still_employed, clock.now()
    session.flush()
    return follow_up


@dataclass(frozen=True)
class Retention:
    """Of the placed graduates asked `months` after they started, how many answered and how many are still there."""

    months: int
    asked: int
    answered: int
    still_employed: int

    @property
    def rate(self) -> float | None:
        """The share of answers that say "still employed" (None before any answer)."""
        return self.still_employed / self.answered if self.answered else None


def retention(session, university_id: int | None = None) -> list[Retention]:
    """Retention at 3 and 6 months, for one university's graduates or everyone's."""
    statement = (
        select(
            FollowUp.months,
            func.count(),
            func.count(FollowUp.answered_at),
            func.sum(case((FollowUp.still_employed.is_(True), 1), else_=0)),
        )
        .join(EmploymentAgreement, EmploymentAgreement.id == FollowUp.agreement_id)
        .group_by(FollowUp.months)
    )
    if university_id is not None:
        statement = statement.where(EmploymentAgreement.university_id == university_id)
    counted = {
        months: (asked, answered, int(kept or 0)) for months, asked, answered, kept in session.execute(statement)
    }
    return [Retention(months, *counted.get(months, (0, 0, 0))) for months in MONTHS]
