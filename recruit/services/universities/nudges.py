"""Nudges: a career office writes to graduates who are stuck (no application, or no answer, after some days) and
each receives the message with their current best matches; the office then sees who opened it and who applied.

The office's request records the nudge and its recipients; the worker (`send_pending`) writes each recipient's
notification and e-mail. Crash and resume: a recipient is marked sent in the batch that wrote their notification,
under the dedupe key `nudge:<id>:graduate:<id>`, so a batch written again after a crash writes nothing twice and
the next run goes on with those not yet marked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, exists, func, select

from recruit import clock, links
from recruit.i18n import gettext, in_locale
from recruit.i18n import lazy_gettext as _l
from recruit.models import Application, GraduateProfile, Notification, Nudge, NudgeRecipient, User, Vacancy
from recruit.services.errors import ValidationError
from recruit.services.messaging import notifications

MAX_RECIPIENTS = 2_000
MAX_MESSAGE_LENGTH = 2_000
MATCHES_PER_MESSAGE = 3
SEND_BATCH = 50
NO_SELECTION = _l("Select at least one graduate.")


def create_nudge(
    session, sender: User, university_id: int, graduate_ids: list[int], message: str, selection: str = ""
) -> Nudge:
    """Record a nudge to the chosen graduates of the university; the worker sends it within a minute."""
    message = message.strip()
    if not message:
        raise ValidationError(_l("Write the message the graduates will read."), field="message")
    if len(message) > MAX_MESSAGE_LENGTH:
        raise ValidationError(_l("Keep the message under 2,000 characters."), field="message")
    chosen = sorted(set(graduate_ids))
    if not chosen:
        raise ValidationError(NO_SELECTION, field="graduates")
    if len(chosen) > MAX_RECIPIENTS:
        raise ValidationError(_l("Nudge at most 2,000 graduates at once."), field="graduates")
    own = set(
        session.scalars(
            select(GraduateProfile.id)
            .join(User, User.id == GraduateProfile.user_id)
            .where(
                GraduateProfile.id.in_(chosen),
                GraduateProfile.university_id == university_id,
                User.erased_at.is_(None),
            )
        )
    )
    if own != set(chosen):
        raise ValidationError(_l("Select only your own university's graduates."), field="graduates")
    nudge = Nudge(university_id=university_id, sender_id=sender.id, message=message, selection=selection[:200])
    session.add(nudge)
    session.flush()
    session.add_all(NudgeRecipient(nudge_id=nudge.id, graduate_id=graduate_id) for graduate_id in chosen)
    session.flush()
    return nudge


def _body(nudge: Nudge, matches: list[Vacancy]) -> str:
    lines = [nudge.message]
    if matches:
        lines += ["", gettext("Vacancies that fit you now:")]
        lines += [f"- {v.title} · {v.company.name} — {links.absolute(links.vacancy(v.id))}" for v in matches]
    else:
        lines += [
            "",
            gettext(
                "Complete your profile to see the vacancies that fit you: %(link)s",
                link=links.absolute(links.graduate_profile()),
            ),
        ]
    return "\n".join(lines)


def send_pending(
    session, best_matches: Callable[[GraduateProfile], list[Vacancy]], *, commit_batch: Callable[[], None]
) -> int:
    """Write every unsent nudge to its recipients, `SEND_BATCH` at a time (see the module's crash rule); returns
    how many were written."""
    written = 0
    while True:
        batch = session.scalars(
            select(NudgeRecipient).where(NudgeRecipient.sent_at.is_(None)).order_by(NudgeRecipient.id).limit(SEND_BATCH)
        ).all()
        if not batch:
            break
        now = clock.now()
        for recipient in batch:
            nudge, profile = recipient.nudge, recipient.graduate
            user = profile.user
            matches = best_matches(profile)[:MATCHES_PER_MESSAGE] if user.is_enabled else []
            with in_locale(user.locale):
                university = profile.university.name if profile.university else ""
                note = notifications.notify(
                    session,
                    user,
                    kind="nudge",
                    title=_l("A message from your career office at %(university)s", university=university),
                    body=_body(nudge, matches),
                    link=links.graduate_recommendations(),
                    dedupe_key=f"nudge:{nudge.id}:graduate:{profile.id}",
                )
            recipient.notification_id = note.id if note is not None else recipient.notification_id
            recipient.matches = len(matches)
            recipient.sent_at = now
            written += 1
        session.flush()
        _mark_finished(session, {r.nudge_id for r in batch}, now)
        commit_batch()
    return written


def _mark_finished(session, nudge_ids: set[int], now: datetime) -> None:
    for nudge in session.scalars(select(Nudge).where(Nudge.id.in_(nudge_ids), Nudge.sent_at.is_(None))):
        pending = session.scalar(
            select(func.count()).where(NudgeRecipient.nudge_id == nudge.id, NudgeRecipient.sent_at.is_(None))
        )
        if not pending:
            nudge.sent_at = now


@dataclass(frozen=True)
class NudgeSummary:
    """A nudge with what came of it."""

    nudge: Nudge
    recipients: int
    sent: int
    opened: int
    applied_after: int


@dataclass(frozen=True)
class RecipientOutcome:
    """What one recipient did with a nudge."""

    graduate_id: int
    full_name: str
    sent_at: datetime | None
    opened_at: datetime | None
    applied_after: int  # applications made since the nudge was sent


def _applied_after():
    """Applications of the recipient's graduate made after the nudge was written."""
    return (
        select(func.count())
        .where(Application.graduate_id == NudgeRecipient.graduate_id, Application.created_at >= Nudge.created_at)
        .correlate(NudgeRecipient, Nudge)
        .scalar_subquery()
    )


def nudges_of(session, university_id: int, limit: int = 50) -> list[NudgeSummary]:
    """The university's latest nudges, each with how many it reached, opened it and applied since."""
    applied_since = exists().where(
        Application.graduate_id == NudgeRecipient.graduate_id, Application.created_at >= Nudge.created_at
    )
    rows = session.execute(
        select(
            Nudge,
            func.count(NudgeRecipient.id),
            func.count(NudgeRecipient.sent_at),
            func.count(Notification.read_at),
            func.sum(case((applied_since, 1), else_=0)),
        )
        .join(NudgeRecipient, NudgeRecipient.nudge_id == Nudge.id)
        .outerjoin(Notification, Notification.id == NudgeRecipient.notification_id)
        .where(Nudge.university_id == university_id)
        .group_by(Nudge.id)
        .order_by(Nudge.id.desc())
        .limit(limit)
    ).all()
    return [NudgeSummary(n, total, sent, read, int(applied or 0)) for n, total, sent, read, applied in rows]


def nudge_of_university(session, university_id: int, nudge_id: int) -> Nudge | None:
    """The nudge when the university sent it; None otherwise."""
    nudge = session.get(Nudge, nudge_id)
    return nudge if nudge is not None and nudge.university_id == university_id else None


def outcomes(session, nudge: Nudge) -> list[RecipientOutcome]:
    """Each recipient of the nudge: when it reached them, when they opened it, how often they applied since."""
    rows = session.execute(
        select(
            NudgeRecipient.graduate_id,
            GraduateProfile.full_name,
            NudgeRecipient.sent_at,
            Notification.read_at,
            _applied_after(),
        )
        .join(Nudge, Nudge.id == NudgeRecipient.nudge_id)
        .join(GraduateProfile, GraduateProfile.id == NudgeRecipient.graduate_id)
        .outerjoin(Notification, Notification.id == NudgeRecipient.notification_id)
        .where(NudgeRecipient.nudge_id == nudge.id)
        .order_by(GraduateProfile.full_name, NudgeRecipient.graduate_id)
    ).all()
    return [RecipientOutcome(*row) for row in rows]
