"""Conversations between a graduate and a company (chat-first hiring): one thread per pair.

Either side may open it once there is an application or an invitation to apply between them; a graduate may also
ask a question at a fair's approved booth before applying. Only the graduate and the company's employer accounts
read or write it. Each message reaches the other side in the inbox at once, and by e-mail in a batch (the worker's
`email_unread`, for those who accept e-mail) if it is still unread a few minutes later. Either side closes the
conversation (it then takes no message) or reports it to the operator. The graduate's e-mail address is shown to
the company only once the graduate chooses to share it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from sqlalchemy import exists, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from recruit import clock, links
from recruit.i18n import N_, in_locale, lazy_ngettext
from recruit.i18n import lazy_gettext as _l
from recruit.models import (
    Application,
    ApplyInvitation,
    BoothStatus,
    Company,
    Conversation,
    ConversationMessage,
    ConversationReport,
    GraduateProfile,
    Role,
    User,
    Vacancy,
)
from recruit.services.errors import PermissionDenied, ValidationError
from recruit.services.messaging import notifications, outbox
from recruit.services.oversight import audit
from recruit.services.people.companies import employer_users

MAX_MESSAGE = 2000
MAX_REASON = 2000
EMAIL_AFTER = timedelta(minutes=5)
NEW_MESSAGE = N_("New message from %(name)s")


def _company_id(user: User) -> int | None:
    membership = user.company_membership if user.role is Role.EMPLOYER else None
    return membership.company_id if membership else None


def is_party(conversation: Conversation, user: User) -> bool:
    """Whether `user` is the conversation's graduate or acts for its company."""
    if user.role is Role.GRADUATE:
        return user.graduate_profile is not None and user.graduate_profile.id == conversation.graduate_id
    return _company_id(user) == conversation.company_id


def visible_to(session, user: User, conversation_id: int) -> Conversation | None:
    """The conversation if `user` is one of its two sides (else None, as if it did not exist)."""
    conversation = session.get(Conversation, conversation_id)
    if conversation is None or not is_party(conversation, user):
        return None
    return None if conversation.graduate.user.erased_at is not None else conversation


def _connected(session, graduate_id: int, company_id: int) -> bool:
    """An application from the graduate to the company, or an invitation from the company to the graduate."""
    applied = exists().where(
        Application.graduate_id == graduate_id,
        Application.vacancy_id == Vacancy.id,
        Vacancy.company_id == company_id,
    )
    invited = exists().where(
        ApplyInvitation.graduate_id == graduate_id,
        ApplyInvitation.vacancy_id == Vacancy.id,
        Vacancy.company_id == company_id,
    )
    return bool(session.scalar(select(or_(applied, invited))))


def open_with(session, user: User, graduate: GraduateProfile, company: Company, subject: str = "", booth=None):
    """The conversation between the graduate and the company, opened now if need be by either side (or by the graduate
    at one of the company's approved fair booths)."""
    if user.role is Role.GRADUATE:
        if user.graduate_profile is None or user.graduate_profile.id != graduate.id:
            raise PermissionDenied(_l("You can write only for yourself."))
    elif _company_id(user) != company.id:
        raise PermissionDenied(_l("You can write only for your own company."))
    at_booth = (
        booth is not None
        and user.role is Role.GRADUATE
        and booth.company_id == company.id
        and booth.status is BoothStatus.APPROVED
    )
    existing = session.scalar(
        select(Conversation).where(Conversation.graduate_id == graduate.id, Conversation.company_id == company.id)
    )
    if existing is not None:
        return existing
    if not at_booth and not _connected(session, graduate.id, company.id):
        raise ValidationError(
            _l("A conversation opens once there is an application or an invitation between you."), field="body"
        )
    conversation = Conversation(
        graduate_id=graduate.id, company_id=company.id, subject=subject[:255], created_at=clock.now()
    )
    try:
        with session.begin_nested():
            session.add(conversation)
            session.flush()
    except IntegrityError:  # the other side opened it at the same moment
        return session.scalar(
            select(Conversation).where(Conversation.graduate_id == graduate.id, Conversation.company_id == company.id)
        )
    return conversation


def write(session, conversation: Conversation, sender: User, body: str) -> ConversationMessage:
    """Add a message (not to a closed conversation) and tell the other side in their inbox."""
    if not is_party(conversation, sender):
        raise PermissionDenied(_l("This conversation is not yours."))
    # Read the conversation's state under a lock (PostgreSQL): a message never lands after it was closed.
    session.execute(select(Conversation.id).where(Conversation.id == conversation.id).with_for_update())
    session.refresh(conversation, attribute_names=["closed_at"])
    if conversation.closed_at is not None:
        raise ValidationError(_l("This conversation is closed."), field="body")
    body = (body or "").strip()
    if not body:
        raise ValidationError(_l("Write a message."), field="body")
    if len(body) > MAX_MESSAGE:
        raise ValidationError(_l("A message may be at most 2,000 characters."), field="body")
    now = clock.now()
    message = ConversationMessage(
        conversation_id=conversation.id,
        sender_id=sender.id,
        from_graduate=sender.role is Role.GRADUATE,
        body=body,
        created_at=now,
    )
    session.add(message)
    conversation.last_message_at = now
    session.flush()
    name = conversation.company.name if sender.role is Role.EMPLOYER else conversation.graduate.full_name
    for reader in _readers(session, conversation, from_graduate=sender.role is Role.GRADUATE):
        notifications.notify(
            session,
            reader,
            kind="conversation.message",
            title=_l(NEW_MESSAGE, name=name),
            body=body[:200],
            link=links.conversation(conversation.id),
            dedupe_key=f"conversation-message:{message.id}:user:{reader.id}",
            email=False,  # e-mailed in a batch if still unread (email_unread)
        )
    return message


def _readers(session, conversation: Conversation, from_graduate: bool) -> list[User]:
    """Who reads a message: the company's employer accounts, or the graduate."""
    if from_graduate:
        return employer_users(session, conversation.company_id)
    return [conversation.graduate.user]


def messages(session, conversation: Conversation, reader: User) -> list[ConversationMessage]:
    """The conversation's messages, oldest first; those from the other side are now read."""
    mine = reader.role is Role.GRADUATE
    session.execute(
        update(ConversationMessage)
        .where(
            ConversationMessage.conversation_id == conversation.id,
            ConversationMessage.from_graduate.is_(not mine),
            ConversationMessage.read_at.is_(None),
        )
        .values(read_at=clock.now())
    )
    return list(
        session.scalars(
            select(ConversationMessage)
            .where(ConversationMessage.conversation_id == conversation.id)
            .order_by(ConversationMessage.id)
        )
    )


def of_user(session, user: User) -> list[tuple[Conversation, int]]:
    """The user's conversations, the latest first, each with how many messages they have not read."""
    if user.role is Role.GRADUATE:
        mine = Conversation.graduate_id == (user.graduate_profile.id if user.graduate_profile else -1)
        from_them = ConversationMessage.from_graduate.is_(False)
    else:
        mine = Conversation.company_id == (_company_id(user) or -1)
        from_them = ConversationMessage.from_graduate.is_(True)
    unread = (
        select(func.count())
        .where(
            ConversationMessage.conversation_id == Conversation.id,
            from_them,
            ConversationMessage.read_at.is_(None),
        )
        .scalar_subquery()
    )
    rows = session.execute(
        select(Conversation, unread)
        .join(GraduateProfile, GraduateProfile.id == Conversation.graduate_id)
        .join(User, User.id == GraduateProfile.user_id)
        .where(mine, User.erased_at.is_(None))
        .order_by(func.coalesce(Conversation.last_message_at, Conversation.created_at).desc(), Conversation.id.desc())
    ).all()
    return [(conversation, n) for conversation, n in rows]


def close(session, conversation: Conversation, user: User) -> Conversation:
    """Either side closes the conversation: no more messages."""
    if not is_party(conversation, user):
        raise PermissionDenied(_l("This conversation is not yours."))
    if conversation.closed_at is None:
        conversation.closed_at, conversation.closed_by_id = clock.now(), user.id
        session.flush()
    return conversation


def share_contact(session, conversation: Conversation, graduate: User) -> Conversation:
    """The graduate shows the company their e-mail address in this conversation."""
    if graduate.role is not Role.GRADUATE or not is_party(conversation, graduate):
        raise PermissionDenied(_l("Only the graduate shares their contact details."))
    conversation.contact_shared_at = conversation.contact_shared_at or clock.now()
    session.flush()
    return conversation


def report(session, conversation: Conversation, user: User, reason: str) -> ConversationReport:
    """Report the conversation to the operator, saying why."""
    if not is_party(conversation, user):
        raise PermissionDenied(_l("This conversation is not yours."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_l("Say what is wrong."), field="reason")
    if len(reason) > MAX_REASON:
        raise ValidationError(_l("The reason may be at most 2,000 characters."), field="reason")
    entry = ConversationReport(
        conversation_id=conversation.id, reporter_id=user.id, reason=reason, created_at=clock.now()
    )
    session.add(entry)
    session.flush()
    audit.record(session, user, "conversation.report", conversation.company, {"report": entry.id})
    return entry


def open_reports(session) -> list[ConversationReport]:
    """Reports the operator has not dealt with, oldest first."""
    return list(
        session.scalars(
            select(ConversationReport).where(ConversationReport.resolved_at.is_(None)).order_by(ConversationReport.id)
        )
    )


def resolve(session, entry: ConversationReport, operator: User, close_it: bool) -> ConversationReport:
    """The operator deals with a report, closing the conversation if it should take no more messages."""
    entry.resolved_at, entry.resolved_by_id = clock.now(), operator.id
    if close_it and entry.conversation.closed_at is None:
        entry.conversation.closed_at, entry.conversation.closed_by_id = clock.now(), operator.id
    session.flush()
    audit.record(session, operator, "conversation.resolve", entry.conversation.company, {"report": entry.id})
    return entry


def email_unread(session, now=None) -> int:
    """E-mail each person who accepts e-mail one message listing what they have not read for a few minutes (and were
    not e-mailed about yet); returns how many e-mails were queued. Safe to run again: e-mailed messages are marked."""
    now = now or clock.now()
    pending = session.scalars(
        select(ConversationMessage)
        .where(
            ConversationMessage.read_at.is_(None),
            ConversationMessage.emailed_at.is_(None),
            ConversationMessage.created_at <= now - EMAIL_AFTER,
        )
        .order_by(ConversationMessage.id)
        .limit(5000)
    ).all()
    by_reader: dict[int, list[ConversationMessage]] = defaultdict(list)
    readers: dict[int, User] = {}
    for message in pending:
        conversation = session.get(Conversation, message.conversation_id)
        for reader in _readers(session, conversation, message.from_graduate):
            by_reader[reader.id].append(message)
            readers[reader.id] = reader
        message.emailed_at = now
    queued = 0
    for reader_id, unread in by_reader.items():
        reader = readers[reader_id]
        if not (reader.email_opt_in and reader.is_enabled and reader.erased_at is None):
            continue
        with in_locale(reader.locale):
            title = str(lazy_ngettext("%(num)d new message", "%(num)d new messages", len(unread)))
            body = "\n\n".join(message.body[:300] for message in unread[:10])
            text, html = outbox.render_notification(title, body, links.conversations())
        outbox.enqueue(
            session,
            to_address=reader.email,
            subject=title,
            user_id=reader.id,
            body_text=text,
            body_html=html,
            dedupe_key=f"conversation-messages:{reader.id}:{unread[-1].id}",
        )
        queued += 1
    session.flush()
    return queued
