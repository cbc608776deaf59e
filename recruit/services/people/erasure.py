"""Erasing an account (PIPL art. 47): the person's data and files go; what they did stays only as anonymous counts.

A graduate's account row and profile stay as an empty shell (no name, e-mail, student number, text, file, log-in or
consent: `User.erased_at` set, the account disabled) so that their applications still count, anonymously, in every
statistic: applied, interviewing, placed, by university and degree. Everything else of theirs is deleted: their
notifications, sessions, resets, consents, saved and dismissed vacancies, invitations, nudges, roster entry, queued
and sent e-mails, interviews, cover letters and notes, and every employer's notification and e-mail that named them.
Their vectors become tombstones (no vector, no terms) that each process's in-memory index drops on its next refresh.

An employer's account is deleted outright: their company, its vacancies and what they decided stay (the company's
records), with the actor unknown.

Operators and career-office accounts are staff accounts: the operator disables them; they are not erased here.

The caller commits, then removes the returned files (a failed commit leaves the files in place).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, or_, select, update

from recruit import clock, links
from recruit.i18n import lazy_gettext as _l
from recruit.models import (
    Application,
    ApplicationEvent,
    ApplyInvitation,
    AuditEntry,
    CompanyMember,
    Consent,
    Conversation,
    DismissedVacancy,
    EmailVerification,
    Embedding,
    EmbeddingOwner,
    EmploymentAgreement,
    FairRegistration,
    FairVisit,
    FollowUp,
    Impression,
    Interaction,
    Interview,
    Notification,
    NudgeRecipient,
    OutboxEmail,
    PasswordReset,
    RecoveryCode,
    Role,
    RosterEntry,
    SavedVacancy,
    User,
    UserSession,
)
from recruit.services.errors import PermissionDenied, ValidationError
from recruit.services.oversight import audit
from recruit.services.people.passwords import verify_password
from recruit.services.people.profiles import resume_path

ERASABLE_ROLES = (Role.GRADUATE, Role.EMPLOYER)
ERASED_DOMAIN = "erased.invalid"


@dataclass
class Erasure:
    """What an erasure removed: the files to delete once the transaction commits."""

    files: list[Path] = field(default_factory=list)


def _forget_mail_and_sessions(session, user: User) -> None:
    session.execute(
        delete(OutboxEmail).where(or_(OutboxEmail.user_id == user.id, OutboxEmail.to_address == user.email))
    )
    for model in (Notification, UserSession, PasswordReset, Consent, EmailVerification, RecoveryCode):
        session.execute(delete(model).where(model.user_id == user.id))
    session.execute(update(AuditEntry).where(AuditEntry.actor_id == user.id).values(ip_address=None))


def _forget_what_employers_were_told(session, application_ids: list[int]) -> None:
    """Delete the employers' notifications (and their e-mails) about these applications: they name the graduate."""
    _forget_notifications_linking_to(session, [links.employer_application(i) for i in application_ids])


def _forget_notifications_linking_to(session, links_to: list[str]) -> None:
    """Delete the notifications that link to these pages, and the e-mails that carried them."""
    if not links_to:
        return
    keys = session.scalars(select(Notification.dedupe_key).where(Notification.link.in_(links_to))).all()
    for start in range(0, len(keys), 500):
        chunk = [f"notification:{key}" for key in keys[start : start + 500]]
        session.execute(delete(OutboxEmail).where(OutboxEmail.dedupe_key.in_(chunk)))
    session.execute(delete(Notification).where(Notification.link.in_(links_to)))


def _forget_outcomes_and_conversations(session, user: User, profile, application_ids: list[int]) -> None:
    """Their conversations (with the messages, reports and what the company was told of them), follow-up answers,
    fair registrations and visits go; agreements stay as anonymous counts, without the reasons written on them."""
    conversations = list(session.scalars(select(Conversation).where(Conversation.graduate_id == profile.id)))
    if conversations:
        _forget_notifications_linking_to(session, [links.conversation(c.id) for c in conversations])
        readers = select(CompanyMember.user_id).where(
            CompanyMember.company_id.in_([c.company_id for c in conversations])
        )
        session.execute(
            delete(OutboxEmail).where(
                OutboxEmail.user_id.in_(readers), OutboxEmail.dedupe_key.like("conversation-messages:%")
            )
        )
        session.execute(delete(Conversation).where(Conversation.id.in_([c.id for c in conversations])))
    for model in (FairRegistration, FairVisit):
        session.execute(delete(model).where(model.user_id == user.id))
    if application_ids:
        agreements = select(EmploymentAgreement.id).where(EmploymentAgreement.application_id.in_(application_ids))
        agreement_ids = list(session.scalars(agreements))
        session.execute(delete(FollowUp).where(FollowUp.agreement_id.in_(agreement_ids)))
        session.execute(
            update(EmploymentAgreement).where(EmploymentAgreement.id.in_(agreement_ids)).values(return_reason="")
        )
        _forget_notifications_linking_to(
            session,
            [links.employer_agreement(i) for i in application_ids] + [links.career_agreement(i) for i in agreement_ids],
        )


def _empty_profile(profile) -> None:
    """Keep only what the statistics count: university, degree, graduation year and the kept standing."""
    profile.full_name, profile.student_number, profile.major, profile.discipline = "", None, "", None
    profile.skills, profile.preferred_cities, profile.preferred_industries = [], [], []
    profile.salary_min = profile.salary_max = None
    profile.about, profile.province_code = "", None
    profile.resume_filename = profile.resume_text = profile.resume_uploaded_at = None
    profile.is_visible_to_employers = False
    profile.confirmed_by_university_at = None


def _erase_graduate(session, user: User, upload_dir: str) -> list[Path]:
    profile = user.graduate_profile
    files = []
    if profile is None:
        return files
    path = resume_path(profile, upload_dir)
    if path is not None:
        files.append(path)
    application_ids = list(session.scalars(select(Application.id).where(Application.graduate_id == profile.id)))
    _forget_what_employers_were_told(session, application_ids)
    if application_ids:
        session.execute(delete(Interview).where(Interview.application_id.in_(application_ids)))
        session.execute(update(Application).where(Application.id.in_(application_ids)).values(cover_letter=""))
        session.execute(
            update(ApplicationEvent).where(ApplicationEvent.application_id.in_(application_ids)).values(note="")
        )
    for model in (
        SavedVacancy,
        DismissedVacancy,
        ApplyInvitation,
        NudgeRecipient,
        RosterEntry,
        Impression,
        Interaction,
    ):
        session.execute(delete(model).where(model.graduate_id == profile.id))
    _forget_outcomes_and_conversations(session, user, profile, application_ids)
    session.execute(
        update(Embedding)
        .where(Embedding.owner_type == EmbeddingOwner.GRADUATE, Embedding.owner_id == profile.id)
        .values(vector=b"", dim=0, terms="", text_hash="erased", updated_at=clock.now())
    )
    _empty_profile(profile)
    profile.text_digest, profile.text_changed_at = None, None
    return files


def erase_own_account(session, user: User, password: str, upload_dir: str) -> Erasure:
    """Erase one's own account after checking the password (a left-open browser is not enough)."""
    if not verify_password(user.password_hash, password or ""):
        raise ValidationError(_l("Your password is not right."), field="password")
    return erase_account(session, user, upload_dir)


def erase_account(session, user: User, upload_dir: str, reason: str = "owner") -> Erasure:
    """Erase a graduate's or an employer's account as the module says (`reason`: "owner" when they asked,
    "retention" when inactive past the retention period); raise PermissionDenied for staff accounts."""
    if user.role not in ERASABLE_ROLES or user.erased_at is not None:
        raise PermissionDenied(_l("This account cannot be deleted here: ask the operator to disable it."))
    erasure = Erasure()
    _forget_mail_and_sessions(session, user)
    if user.role is Role.EMPLOYER:
        audit.record(session, None, "account.erase", None, {"role": user.role.value, "reason": reason})
        session.delete(user)
        session.flush()
        return erasure
    erasure.files = _erase_graduate(session, user, upload_dir)
    user.email = f"erased-{user.id}-{secrets.token_hex(4)}@{ERASED_DOMAIN}"
    user.password_hash = "!erased"  # matches no password
    user.display_name, user.locale, user.is_enabled = "", None, False
    user.consent_notice_version = user.consent_at = user.last_login_at = user.last_digest_at = None
    user.email_opt_in, user.erased_at = False, clock.now()
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = user.email_verified_at = None
    audit.record(session, None, "account.erase", None, {"role": user.role.value, "reason": reason})
    session.flush()
    return erasure
