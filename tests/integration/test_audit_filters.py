"""The operator reads the audit log narrowed by who, what, which record and which days; bad filters are shown by
their field and the others still apply."""

import re
from datetime import datetime, time, timedelta

from recruit import clock
from recruit.models import AuditEntry, Role


def _actions(page: str) -> list[str]:
    body = page.split('data-testid="audit"')[1].split("</table>")[0]
    return re.findall(r"<td>([a-z][^<]*)</td><td class=\"text-break\">", body)


def test_the_audit_log_filters_by_actor_action_record_and_days(client, db, make, login):
    operator = make.user(Role.OPERATOR, display_name="王审计")
    other = make.user(Role.OPERATOR, display_name="李运营", email="li.ops@example.com")
    company = make.company()
    today = clock.today()

    def entry(actor, action, target_type, target_id, days_ago):
        moment = datetime.combine(today - timedelta(days=days_ago), time(12), tzinfo=clock.zone())
        db.session.add(
            AuditEntry(
                actor_id=actor.id, action=action, target_type=target_type, target_id=target_id, created_at=moment
            )
        )

    entry(operator, "company.verified", "companies", company.id, 10)
    entry(other, "company.suspended", "companies", company.id, 3)
    entry(other, "account.disable", "users", operator.id, 1)
    entry(other, "export", "universities", 1, 0)
    db.session.commit()
    login(operator)

    assert len(_actions(client.get("/admin/audit").get_data(as_text=True))) >= 4
    by_actor = client.get("/admin/audit?actor=li.ops").get_data(as_text=True)
    assert _actions(by_actor) == ["exported a table", "disabled an account", "suspended a company"]
    assert _actions(client.get("/admin/audit?actor=王审计").get_data(as_text=True)) == ["verified a company"]
    assert _actions(client.get("/admin/audit?action=company.suspended").get_data(as_text=True)) == [
        "suspended a company"
    ]
    record = client.get(f"/admin/audit?target_type=companies&target_id={company.id}").get_data(as_text=True)
    assert _actions(record) == ["suspended a company", "verified a company"]
    since = (today - timedelta(days=3)).isoformat()
    until = (today - timedelta(days=1)).isoformat()
    days = client.get(f"/admin/audit?actor=li.ops&since={since}&until={until}").get_data(as_text=True)
    assert _actions(days) == ["disabled an account", "suspended a company"]

    backwards = client.get(f"/admin/audit?actor=li.ops&since={until}&until={since}")
    assert backwards.status_code == 422
    assert "The last day must not be before the first." in backwards.get_data(as_text=True)
    huge = client.get("/admin/audit?target_id=99999999999999999999999&actor=li.ops")
    page = huge.get_data(as_text=True)
    assert huge.status_code == 422 and "Enter a record number." in page
    assert _actions(page) == ["exported a table", "disabled an account", "suspended a company"]
