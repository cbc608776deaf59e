"""Consents, kept per person and per version of the privacy notice (PIPL arts. 14–17, 23).

- The privacy notice (templates/public/privacy_notice.html) is accepted per version. Raise
  `PRIVACY_NOTICE_VERSION` when the notice changes materially, and say what changed in `NOTICE_CHANGES`: everyone
  who accepted an earlier version is asked again at their next request after log-in.
- Being visible to employers (found in searches, recommended) is a consent of its own: granted when the graduate
  makes the profile visible, withdrawn when they hide it.
- Each application is a consent to share the profile and resume with that one employer, named when asked.
"""

from __future__ import annotations

from sqlalchemy import select

from recruit import clock
from recruit.i18n import lazy_gettext as _l
from recruit.models import Consent, ConsentKind, User, Vacancy

PRIVACY_NOTICE_VERSION = "2026-12-04"
# What each version changed, shown to those asked to accept it again.
NOTICE_CHANGES = {
    "2026-12-04": _l(
        "Being visible to employers is now a separate choice in your profile, applying asks you to confirm which "
        "employer receives your profile and resume, you can now download your data and delete your account in "
        "your settings, and the notice says how long we keep your data."
    ),
}


def needs_notice_consent(user: User) -> bool:
    """Whether the user has not accepted the current version of the privacy notice."""
    return user.consent_notice_version != PRIVACY_NOTICE_VERSION


def accept_notice(session, user: User) -> Consent:
    """Record that the user accepted the current privacy notice."""
    now = clock.now()
    user.consent_notice_version, user.consent_at = PRIVACY_NOTICE_VERSION, now
    consent = Consent(
        user_id=user.id, kind=ConsentKind.PRIVACY_NOTICE, notice_version=PRIVACY_NOTICE_VERSION, given_at=now
    )
    session.add(consent)
    session.flush()
    return consent


def record_visibility(session, user: User, visible: bool) -> None:
    """Grant visibility to employers, or withdraw it: one open grant at most."""
    now = clock.now()
    open_grants = session.scalars(
        select(Consent).where(
            Consent.user_id == user.id, Consent.kind == ConsentKind.VISIBILITY, Consent.withdrawn_at.is_(None)
        )
    ).all()
    if visible and not open_grants:
        session.add(
            Consent(user_id=user.id, kind=ConsentKind.VISIBILITY, notice_version=PRIVACY_NOTICE_VERSION, given_at=now)
        )
    if not visible:
        for grant in open_grants:
            grant.withdrawn_at = now
    session.flush()


def record_application_share(session, user: User, vacancy: Vacancy) -> Consent:
    """Record the graduate's yes to sharing their profile and resume with the vacancy's employer."""
    consent = Consent(
        user_id=user.id,
        kind=ConsentKind.APPLICATION,
        notice_version=PRIVACY_NOTICE_VERSION,
        company_id=vacancy.company_id,
        company_name=vacancy.company.name,
        vacancy_id=vacancy.id,
        given_at=clock.now(),
    )
    session.add(consent)
    session.flush()
    return consent


def consents_of(session, user: User) -> list[Consent]:
    """Every consent the user gave, oldest first."""
    return list(session.scalars(select(Consent).where(Consent.user_id == user.id).order_by(Consent.id)))
