"""Everything the platform holds about one person, as they download it (Personal Information Protection Law,
art. 45): their account and consents, profile, applications with their history, saved and hidden vacancies,
invitations, notifications, nudges, log-in sessions and what the audit log says they did; and their resume file."""

from __future__ import annotations

import enum
import io
import json
import zipfile
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from recruit import clock
from recruit.models import (
    Application,
    ApplicationEvent,
    ApplyInvitation,
    AuditEntry,
    Conversation,
    ConversationMessage,
    DismissedVacancy,
    EmploymentAgreement,
    FairRegistration,
    FollowUp,
    Impression,
    Interaction,
    JobFair,
    Notification,
    NudgeRecipient,
    Offer,
    RosterEntry,
    SavedVacancy,
    User,
    UserSession,
    Vacancy,
)
from recruit.services.oversight import audit
from recruit.services.people import consents
from recruit.services.people.profiles import resume_path

PROFILE_FIELDS = (
    "full_name", "student_number", "major", "discipline", "degree", "graduation_year", "skills", "preferred_cities",
    "preferred_industries", "salary_min", "salary_max", "about", "province_code", "is_visible_to_employers",
    "confirmed_by_university_at", "resume_uploaded_at", "created_at", "updated_at",
)  # fmt: skip


OFFER_FIELDS = ("position", "monthly_salary", "start_on", "answer_by", "created_at", "expired_at")
AGREEMENT_FIELDS = (
    "status",
    "position",
    "start_on",
    "monthly_salary",
    "contract_months",
    "is_labour_contract",
    "has_social_insurance",
    "submitted_at",
    "graduate_confirmed_at",
    "confirmed_at",
    "returned_at",
    "return_reason",
)


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _row(obj, fields) -> dict:
    return {field: _plain(getattr(obj, field)) for field in fields}


def _account(user: User) -> dict:
    fields = ("email", "display_name", "role", "locale", "is_enabled", "email_opt_in", "digest_frequency",
              "consent_notice_version", "consent_at", "email_verified_at", "totp_enabled_at", "erasure_notice_at",
              "last_login_at", "created_at")  # fmt: skip
    account = _row(user, fields)
    account["university"] = user.university.name if user.university else None
    membership = user.company_membership
    account["company"] = membership.company.name if membership else None
    return account


def _applications(session, profile) -> list[dict]:
    result = []
    for application in session.scalars(select(Application).where(Application.graduate_id == profile.id)):
        events = session.scalars(
            select(ApplicationEvent)
            .where(ApplicationEvent.application_id == application.id)
            .order_by(ApplicationEvent.id)
        )
        offer = session.scalar(select(Offer).where(Offer.application_id == application.id))
        agreement = session.scalar(
            select(EmploymentAgreement).where(EmploymentAgreement.application_id == application.id)
        )
        follow_ups = (
            session.scalars(select(FollowUp).where(FollowUp.agreement_id == agreement.id)).all() if agreement else []
        )
        result.append(
            {
                "vacancy": application.vacancy.title,
                "company": application.vacancy.company.name,
                "status": application.status.value,
                "cover_letter": application.cover_letter,
                "created_at": _plain(application.created_at),
                "history": [_row(e, ("from_status", "to_status", "note", "created_at")) for e in events],
                "offer": _row(offer, OFFER_FIELDS) if offer else None,
                "employment_agreement": _row(agreement, AGREEMENT_FIELDS) if agreement else None,
                "follow_ups": [_row(f, ("months", "asked_at", "answered_at", "still_employed")) for f in follow_ups],
            }
        )
    return result


def _matching_activity(session, profile) -> dict:
    """What matching showed the graduate (counted per vacancy) and what was done with each pair, as stored."""
    shown = session.execute(
        select(Impression.vacancy_id, func.count(), func.min(Impression.shown_at), func.max(Impression.shown_at))
        .where(Impression.graduate_id == profile.id)
        .group_by(Impression.vacancy_id)
    )
    actions = session.scalars(select(Interaction).where(Interaction.graduate_id == profile.id).order_by(Interaction.id))
    return {
        "shown": [
            {"vacancy": _vacancy_title(session, vacancy_id), "times": n, "first": _plain(first), "last": _plain(last)}
            for vacancy_id, n, first, last in shown
        ],
        "actions": [
            {"vacancy": _vacancy_title(session, row.vacancy_id), "action": row.action.value, "at": _plain(row.at)}
            for row in actions
        ],
    }


def _graduate(session, profile) -> dict:
    def vacancies_of(model):
        rows = session.scalars(select(model).where(model.graduate_id == profile.id))
        return [{"vacancy": _vacancy_title(session, row.vacancy_id), "at": _plain(row.created_at)} for row in rows]

    roster = session.scalar(select(RosterEntry).where(RosterEntry.graduate_id == profile.id))
    nudges = session.scalars(select(NudgeRecipient).where(NudgeRecipient.graduate_id == profile.id))
    return {
        "profile": {
            **_row(profile, PROFILE_FIELDS),
            "university": profile.university.name if profile.university else None,
        },
        "resume_text": profile.resume_text,
        "applications": _applications(session, profile),
        "saved_vacancies": vacancies_of(SavedVacancy),
        "hidden_recommendations": vacancies_of(DismissedVacancy),
        "invitations_to_apply": vacancies_of(ApplyInvitation),
        "matching_activity": _matching_activity(session, profile),
        "roster_entry": _row(roster, ("student_number", "full_name", "email", "major", "degree", "graduation_year"))
        if roster
        else None,
        "nudges_received": [
            {"message": r.nudge.message, "sent_at": _plain(r.sent_at)} for r in nudges if r.sent_at is not None
        ],
        "conversations": _conversations(session, profile),
        "job_fairs": [
            {"fair": fair.name, "registered_at": _plain(at)}
            for fair, at in session.execute(
                select(JobFair, FairRegistration.created_at)
                .join(FairRegistration, FairRegistration.fair_id == JobFair.id)
                .where(FairRegistration.user_id == profile.user_id)
            )
        ],
    }


def _conversations(session, profile) -> list[dict]:
    result = []
    for conversation in session.scalars(select(Conversation).where(Conversation.graduate_id == profile.id)):
        messages = session.scalars(
            select(ConversationMessage)
            .where(ConversationMessage.conversation_id == conversation.id)
            .order_by(ConversationMessage.id)
        )
        result.append(
            {
                "company": conversation.company.name,
                "subject": conversation.subject,
                "contact_shared_at": _plain(conversation.contact_shared_at),
                "messages": [
                    {"from": "me" if m.from_graduate else "company", "body": m.body, "at": _plain(m.created_at)}
                    for m in messages
                ],
            }
        )
    return result


def _vacancy_title(session, vacancy_id: int) -> str:
    vacancy = session.get(Vacancy, vacancy_id)
    return vacancy.title if vacancy else ""


def personal_data(session, user: User) -> dict:
    """Everything held about `user`, as plain JSON-ready values."""
    notifications = session.scalars(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    )
    log_ins = session.scalars(select(UserSession).where(UserSession.user_id == user.id).order_by(UserSession.id))
    actions = session.scalars(select(AuditEntry).where(AuditEntry.actor_id == user.id).order_by(AuditEntry.id))
    data = {
        "exported_at": _plain(clock.now()),
        "account": _account(user),
        "consents": [
            _row(c, ("kind", "notice_version", "company_name", "vacancy_id", "given_at", "withdrawn_at"))
            for c in consents.consents_of(session, user)
        ],
        "notifications": [_row(n, ("kind", "title", "body", "link", "created_at", "read_at")) for n in notifications],
        "log_ins": [
            _row(s, ("created_at", "last_seen_at", "expires_at", "revoked_at", "ip_address", "user_agent"))
            for s in log_ins
        ],
        "actions": [_row(a, ("action", "target_type", "target_id", "created_at", "ip_address")) for a in actions],
    }
    if user.graduate_profile is not None:
        data["graduate"] = _graduate(session, user.graduate_profile)
    return data


def personal_data_archive(session, user: User, upload_dir: str) -> bytes:
    """A ZIP of `personal_data.json` and, for a graduate with one, their resume; the download is audited."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("personal_data.json", json.dumps(personal_data(session, user), ensure_ascii=False, indent=2))
        profile = user.graduate_profile
        path: Path | None = resume_path(profile, upload_dir) if profile is not None else None
        if path is not None and path.is_file():
            archive.write(path, "resume.pdf")
    audit.record(session, user, "account.export_data", user)
    return buffer.getvalue()
