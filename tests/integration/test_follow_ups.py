"""Follow-ups: three and six months after a placed graduate started, the worker asks them once whether they still work
there; only they answer; the answers are the retention rates of both dashboards."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from recruit import clock
from recruit.models import AgreementStatus, ApplicationStatus, EmploymentAgreement, FollowUp, Notification, Role
from recruit.worker import tasks


def _retention_rows(page: str) -> list[list[str]]:
    table = page.split('data-testid="retention"')[1].split("</table>")[0].split("<tbody>")[1]
    return [re.findall(r"<t[hd][^>]*>([^<]*)<", row) for row in table.split("</tr>") if "<t" in row]


def test_placed_graduates_are_asked_at_three_and_six_months_and_their_answers_count(app, client, db, make, login):
    university = make.university()
    today = clock.today()
    stayed = make.placement(graduate=make.graduate(university=university))
    left = make.placement(graduate=make.graduate(university=university))
    waiting = make.application(graduate=make.graduate(university=university), status=ApplicationStatus.HIRED)
    make.agreement(waiting, status=AgreementStatus.AWAITING_UNIVERSITY, start_on=today - timedelta(days=200))
    recent = make.placement(graduate=make.graduate(university=university))
    for placement, days in ((stayed, 100), (left, 200), (recent, 30)):  # started this many days ago
        agreement = db.session.scalar(
            select(EmploymentAgreement).where(EmploymentAgreement.application_id == placement.id)
        )
        agreement.start_on = today - timedelta(days=days)
    db.session.commit()

    with app.app_context():
        assert tasks.ask_follow_ups() == 3  # stayed at 3 months; left at 3 and 6; not the unconfirmed or recent
        assert tasks.ask_follow_ups() == 0  # asked once
    questions = db.session.scalars(select(Notification).where(Notification.kind == "follow_up")).all()
    assert len(questions) == 3 and all("still employed" in q.title for q in questions)

    def answer(application, months, value):
        follow_up = db.session.scalar(
            select(FollowUp)
            .join(EmploymentAgreement, EmploymentAgreement.id == FollowUp.agreement_id)
            .where(FollowUp.months == months, EmploymentAgreement.application_id == application.id)
        )
        client.post("/auth/logout")
        login(application.graduate.user)
        assert client.get(f"/graduate/follow-ups/{follow_up.id}").status_code == 200
        assert client.post(f"/graduate/follow-ups/{follow_up.id}", data={"still_employed": value}).status_code == 302
        return follow_up

    answer(stayed, 3, "yes")
    answer(left, 3, "yes")
    six = answer(left, 6, "no")
    client.post("/auth/logout")
    login(stayed.graduate.user)
    assert client.get(f"/graduate/follow-ups/{six.id}").status_code == 404  # another graduate's question
    assert client.post(f"/graduate/follow-ups/{six.id}", data={"still_employed": "yes"}).status_code == 404
    db.session.refresh(six)
    assert six.still_employed is False

    client.post("/auth/logout")
    login(make.user(Role.CAREER_OFFICE, university=university))
    assert _retention_rows(client.get("/career/").get_data(as_text=True)) == [
        ["3 months", "2", "2", "2", "100%"],
        ["6 months", "1", "1", "0", "0%"],
    ]
    with app.app_context():
        tasks.refresh_national_figures()
    client.post("/auth/logout")
    login(make.user(Role.OPERATOR))
    assert _retention_rows(client.get("/admin/").get_data(as_text=True)) == [
        ["3 months", "2", "2", "2", "100%"],
        ["6 months", "1", "1", "0", "0%"],
    ]
