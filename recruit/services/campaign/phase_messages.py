"""Phase-start messages: each user of each audience gets each phase's message once — never lost, never doubled.

The fan-out walks users in id order in batches. Each batch inserts notifications (and the e-mails of users
who accept e-mail) with INSERT … ON CONFLICT DO NOTHING on their dedupe keys, then moves the phase's cursor
past the batch, all in one transaction. A worker killed mid-way resumes from the cursor; a batch written
twice writes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from recruit import clock, links
from recruit.models import Campaign, CampaignPhase, Role, User
from recruit.services.messaging.fanout import Recipient, write_batch

BATCH_SIZE = 2000
AUDIENCE_MESSAGE = {
    Role.GRADUATE: "message_graduates",
    Role.EMPLOYER: "message_employers",
    Role.CAREER_OFFICE: "message_career_offices",
}


def due_phases(session, today) -> list[CampaignPhase]:
    """Phases that have started and whose messages are not all out yet."""
    return list(
        session.scalars(
            select(CampaignPhase)
            .join(Campaign)
            .where(
                CampaignPhase.starts_on <= today, CampaignPhase.ends_on >= today, CampaignPhase.fanout_done_at.is_(None)
            )
            .order_by(CampaignPhase.starts_on)
        )
    )


def fan_out_batch(session, phase: CampaignPhase, batch_size: int = BATCH_SIZE) -> int:
    """Write one batch of this phase's messages and advance its cursor; return how many users it covered."""
    messages = {role: getattr(phase, field).strip() for role, field in AUDIENCE_MESSAGE.items()}
    roles = [role for role, text in messages.items() if text]
    users = (
        session.execute(
            select(User.id, User.role, User.email, User.email_opt_in)
            .where(User.id > phase.fanout_cursor, User.role.in_(roles), User.is_enabled.is_(True))
            .order_by(User.id)
            .limit(batch_size)
        ).all()
        if roles
        else []
    )
    if not users:
        phase.fanout_done_at = clock.now()
        session.flush()
        return 0
    roles_of = {user_id: role for user_id, role, _, _ in users}
    write_batch(
        session,
        [Recipient(user_id, email, opt_in) for user_id, _, email, opt_in in users],
        kind="campaign.phase",
        title=f"{phase.campaign.name} · {phase.name}",
        body_for=lambda r: messages[roles_of[r.user_id]],
        link=links.home(),
        dedupe_prefix=f"phase:{phase.id}",
    )
    phase.fanout_cursor = users[-1][0]
    session.flush()
    return len(users)


def send_due_phase_messages(session, today, *, commit_batch: Callable[[], None], batch_size: int = BATCH_SIZE) -> int:
    """Fan out every due phase to the end, committing after each batch; return the users covered."""
    covered = 0
    for phase in due_phases(session, today):
        while phase.fanout_done_at is None:
            covered += fan_out_batch(session, phase, batch_size)
            commit_batch()
    return covered
