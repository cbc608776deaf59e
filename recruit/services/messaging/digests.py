"""Digests of new vacancies for graduates: as they appear, daily or weekly, as each graduate chose.

Until the matching engine lands, a graduate's new vacancies are the newly published ones in their preferred
cities (or home province) and industries that admit their degree. Every digest e-mail carries a one-click
unsubscribe link.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from recruit import clock, links
from recruit.i18n import lazy_gettext as _l
from recruit.i18n import lazy_ngettext
from recruit.models import Company, CompanyStatus, DigestFrequency, GraduateProfile, Role, User, Vacancy, VacancyStatus
from recruit.reference.education import degrees_admitted_for
from recruit.runtime import settings
from recruit.services.messaging import notifications

PERIODS = {
    DigestFrequency.IMMEDIATELY: timedelta(minutes=15),
    DigestFrequency.DAILY: timedelta(days=1),
    DigestFrequency.WEEKLY: timedelta(days=7),
}
MAX_ITEMS = 10
_SALT = "digest-unsubscribe"


def unsubscribe_token(user: User) -> str:
    """A signed token that turns this user's digests off (no log-in needed: it comes in their e-mail)."""
    return URLSafeSerializer(settings().secret_key, salt=_SALT).dumps(user.id)


def user_for_unsubscribe_token(session, token: str) -> User | None:
    """The user a token names, or None for a forged or mangled one."""
    try:
        user_id = URLSafeSerializer(settings().secret_key, salt=_SALT).loads(token)
    except BadSignature:
        return None
    return session.get(User, user_id)


def unsubscribe(user: User) -> None:
    """Stop the user's digests."""
    user.digest_frequency = DigestFrequency.NEVER


def new_vacancies_for(session, profile: GraduateProfile, since: datetime) -> list[Vacancy]:
    """Open vacancies published after `since` that fit the graduate's cities, industries and degree."""
    statement = (
        select(Vacancy)
        .join(Company, Company.id == Vacancy.company_id)
        .where(
            Vacancy.status == VacancyStatus.PUBLISHED,
            Company.status == CompanyStatus.VERIFIED,
            Vacancy.published_at > since,
            (Vacancy.deadline.is_(None)) | (Vacancy.deadline >= clock.today()),
        )
    )
    if profile.preferred_cities:
        statement = statement.where(Vacancy.city.in_(profile.preferred_cities))
    elif profile.province_code:
        statement = statement.where(Vacancy.province_code == profile.province_code)
    if profile.preferred_industries:
        statement = statement.where(Company.industry.in_(profile.preferred_industries))
    if profile.degree is not None:
        statement = statement.where(
            Vacancy.min_degree.is_(None) | Vacancy.min_degree.in_(degrees_admitted_for(profile.degree))
        )
    return list(session.scalars(statement.order_by(Vacancy.published_at.desc()).limit(MAX_ITEMS)))


def send_digests(session, frequency: DigestFrequency) -> int:
    """Send the digest of `frequency` to every graduate who chose it and has new vacancies; return how many."""
    now = clock.now()
    sent = 0
    graduates = session.execute(
        select(User, GraduateProfile)
        .join(GraduateProfile, GraduateProfile.user_id == User.id)
        .where(User.role == Role.GRADUATE, User.digest_frequency == frequency, User.is_enabled.is_(True))
    ).all()
    for user, profile in graduates:
        since = user.last_digest_at or now - PERIODS[frequency]
        vacancies = new_vacancies_for(session, profile, since)
        user.last_digest_at = now
        if not vacancies:
            continue
        lines = "\n".join(f"· {vacancy.title} — {vacancy.company.name}（{vacancy.city}）" for vacancy in vacancies)
        unsubscribe_url = links.absolute(links.unsubscribe(unsubscribe_token(user)))
        notifications.notify(
            session,
            user,
            kind="digest",
            title=lazy_ngettext("%(num)d new vacancy for you", "%(num)d new vacancies for you", len(vacancies)),
            body=f"{lines}\n\n" + str(_l("Stop these digests with one click: %(url)s", url=unsubscribe_url)),
            link=links.vacancy_search(),
            dedupe_key=f"digest:{user.id}:{now.isoformat()}",
        )
        sent += 1
    session.flush()
    return sent
