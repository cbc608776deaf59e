"""Writing the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from recruit import clock
from recruit.i18n import lazy_gettext as _l
from recruit.labels import label
from recruit.models import (
    Announcement,
    AuditEntry,
    Campaign,
    Company,
    GraduateProfile,
    JobFair,
    University,
    User,
    Vacancy,
)
from recruit.reference.industries import industry_name
from recruit.reference.regions import province_name


def record(
    session, actor: User | None, action: str, target=None, detail: dict | None = None, ip_address: str | None = None
) -> AuditEntry:
    """Add an audit entry for `action` by `actor` on `target` (any model with an id)."""
    entry = AuditEntry(
        actor_id=actor.id if actor is not None else None,
        action=action,
        target_type=target.__tablename__ if target is not None else None,
        target_id=target.id if target is not None else None,
        detail=detail or {},
        ip_address=ip_address,
        created_at=clock.now(),
    )
    session.add(entry)
    session.flush()
    return entry


ACTION_LABELS = {
    "account.register": _l("registered"),
    "account.create": _l("created an account"),
    "account.change_password": _l("changed the password"),
    "account.reset_requested": _l("asked for a password reset"),
    "account.reset_password": _l("reset the password"),
    "account.verify_email": _l("confirmed their e-mail address"),
    "account.two_factor_on": _l("turned on two-step log-in"),
    "account.two_factor_off": _l("turned off two-step log-in"),
    "account.recovery_code_used": _l("logged in with a recovery code"),
    "account.export_data": _l("downloaded their personal data"),
    "account.erase": _l("deleted an account"),
    "retention.run": _l("applied the retention period"),
    "ranker.swap": _l("swapped in a learned ranker"),
    "company.register": _l("registered a company"),
    "company.invite": _l("invited a colleague"),
    "account.disable": _l("disabled an account"),
    "account.enable": _l("enabled an account"),
    "roster.import": _l("imported the roster"),
    "company.join": _l("joined a company"),
    "company.update": _l("edited the company profile"),
    "company.verified": _l("verified a company"),
    "company.rejected": _l("rejected a company"),
    "company.suspended": _l("suspended a company"),
    "company.pending": _l("returned a company to the queue"),
    "vacancy.create": _l("wrote a vacancy"),
    "vacancy.update": _l("edited a vacancy"),
    "vacancy.publish": _l("published a vacancy"),
    "vacancy.close": _l("closed a vacancy"),
    "vacancy.expire": _l("closed vacancies past their deadline"),
    "campaign.create": _l("created a campaign"),
    "campaign.finish": _l("finished a campaign"),
    "announcement.create": _l("scheduled an announcement"),
    "export": _l("exported a table"),
    "personal_data.read": _l("viewed personal data"),
    "career_office.invite": _l("invited to a career office"),
    "career_office.join": _l("joined a career office"),
    "university.add": _l("added a university"),
    "university.update": _l("edited a university"),
    "university.close": _l("closed a university"),
    "university.reopen": _l("opened a university again"),
    "agreement.submit": _l("sent an employment agreement"),
    "agreement.confirm": _l("confirmed an employment agreement"),
    "agreement.return": _l("returned an employment agreement"),
    "subsidy.rule": _l("set a subsidy rule"),
    "fair.create": _l("created a job fair"),
    "conversation.report": _l("reported a conversation"),
    "conversation.resolve": _l("dealt with a reported conversation"),
    "fair.booth": _l("took a booth at a job fair"),
    "fair.booth_decision": _l("decided on a booth"),
    "subsidy.flag": _l("had a hire flagged for the subsidy"),
}
TARGET_LABELS = {
    "users": _l("account"),
    "companies": _l("company"),
    "vacancies": _l("vacancy"),
    "campaigns": _l("campaign"),
    "announcements": _l("announcement"),
    "universities": _l("university"),
    "graduate_profiles": _l("graduate"),
    "job_fairs": _l("job fair"),
}
DETAIL_LABELS = {
    "role": _l("role"),
    "email": _l("e-mail"),
    "uscc": _l("credit code"),
    "status": _l("status"),
    "reason": _l("reason"),
    "invitation": _l("invitation"),
    "closed": _l("closed"),
    "closed_vacancies": _l("vacancies closed"),
    "before": _l("deadline before"),
    "starts_on": _l("first day"),
    "length_days": _l("days"),
    "size_class": _l("size class"),
    "roles": _l("roles"),
    "provinces": _l("provinces"),
    "industries": _l("industries"),
    "size_classes": _l("size classes"),
    "graduation_years": _l("graduation years"),
    "name_before": _l("name before"),
    "table": _l("table"),
    "format": _l("format"),
    "rows": _l("rows"),
    "noticed": _l("told"),
    "erased": _l("deleted"),
    "due_on": _l("deletion date"),
    "agreement": _l("agreement"),
    "year": _l("year"),
    "window_years": _l("years after leaving school"),
    "months": _l("insurance months"),
    "company": _l("company"),
    "report": _l("report"),
    "vacancies": _l("vacancies"),
}
_NAMED = {
    "users": (User, "display_name"),
    "companies": (Company, "name"),
    "vacancies": (Vacancy, "title"),
    "campaigns": (Campaign, "name"),
    "announcements": (Announcement, "title"),
    "universities": (University, "name"),
    "graduate_profiles": (GraduateProfile, "full_name"),
    "job_fairs": (JobFair, "name"),
}


@dataclass(frozen=True)
class ReadableEntry:
    """An audit entry as a person reads it: names instead of ids, translated words instead of codes."""

    entry: AuditEntry
    actor: str
    action: str
    target: str
    details: list[tuple[str, str]]


def _detail_value(key: str, value, locale: str) -> str:
    if isinstance(value, list):
        return ", ".join(_detail_value(key, item, locale) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{DETAIL_LABELS.get(k, k)}: {_detail_value(k, item, locale)}" for k, item in value.items())
    if key == "provinces":
        return province_name(value, locale)
    if key == "industries":
        return industry_name(value, locale)
    return str(label(value) if not isinstance(value, bool | int | float) else value)


def readable(session, entries: list[AuditEntry], locale: str) -> list[ReadableEntry]:
    """Describe entries for the operator: who (name and e-mail), what (translated), on what (its name)."""
    actors = {
        user.id: user
        for user in session.scalars(select(User).where(User.id.in_({e.actor_id for e in entries if e.actor_id})))
    }
    names: dict[tuple[str, int], str] = {}
    for target_type, (model, attribute) in _NAMED.items():
        ids = {e.target_id for e in entries if e.target_type == target_type and e.target_id}
        if ids:
            rows = session.execute(select(model.id, getattr(model, attribute)).where(model.id.in_(ids)))
            names.update({(target_type, row_id): name for row_id, name in rows})
    result = []
    for entry in entries:
        actor = actors.get(entry.actor_id)
        who = f"{actor.display_name or actor.email} <{actor.email}>" if actor else str(_l("the system"))
        kind = TARGET_LABELS.get(entry.target_type, entry.target_type or "")
        name = names.get((entry.target_type, entry.target_id), "")
        target = f"{kind} #{entry.target_id} {name}".strip() if entry.target_id else str(kind)
        details = [
            (str(DETAIL_LABELS.get(key, key)), _detail_value(key, value, locale))
            for key, value in (entry.detail or {}).items()
        ]
        result.append(ReadableEntry(entry, who, str(ACTION_LABELS.get(entry.action, entry.action)), target, details))
    return result
