"""A career office nudges graduates it selected: the worker writes each one the message with their best matches,
and the office sees who opened it and who applied afterwards. Only its own graduates can be nudged."""

from sqlalchemy import func, select

from recruit.models import Notification, Nudge, NudgeRecipient, OutboxEmail, Role
from recruit.services.universities import nudges


def _send(db, make, matches_for=None):
    vacancy = make.vacancy(title="出纳")
    return nudges.send_pending(
        db.session, matches_for or (lambda profile: [vacancy]), commit_batch=db.session.commit
    ), vacancy


def test_a_nudge_reaches_the_selected_graduates_and_reports_opened_and_applied(client, app, db, make, login):
    university = make.university()
    chosen = [make.graduate(university=university, full_name=f"毕业生{i}") for i in range(3)]
    not_chosen = make.graduate(university=university)
    office = make.user(Role.CAREER_OFFICE, university=university)
    db.session.commit()
    login(office)

    ids = [str(g.id) for g in chosen]
    compose = client.post("/career/nudges/new?waiting=not_applied&waiting_days=14", data={"graduate": ids})
    page = compose.get_data(as_text=True)
    assert compose.status_code == 200 and "3 graduates will receive this message" in page
    sent = client.post("/career/nudges/new", data={"graduate": ids, "message": "来看看这些岗位", "send": "1"})
    assert sent.status_code == 302
    nudge = db.session.scalar(select(Nudge))
    assert nudge.university_id == university.id and nudge.sent_at is None

    written, vacancy = _send(db, make)
    assert written == 3
    db.session.refresh(nudge)
    assert nudge.sent_at is not None
    notes = db.session.scalars(select(Notification).where(Notification.kind == "nudge")).all()
    assert sorted(n.user_id for n in notes) == sorted(g.user_id for g in chosen)
    assert all("来看看这些岗位" in n.body and "出纳" in n.body and f"/vacancies/{vacancy.id}" in n.body for n in notes)
    emails = db.session.scalar(
        select(func.count()).select_from(OutboxEmail).where(OutboxEmail.user_id.in_([g.user_id for g in chosen]))
    )
    assert emails == 3
    assert _send(db, make)[0] == 0  # nothing is written twice

    client.post("/auth/logout")
    reader = chosen[0]
    login(reader.user)
    note = next(n for n in notes if n.user_id == reader.user_id)
    assert client.post(f"/notifications/{note.id}/open").status_code in (302, 303)
    client.post("/auth/logout")
    make.application(graduate=chosen[1], vacancy=vacancy)
    db.session.commit()

    login(office)
    listed = client.get("/career/nudges").get_data(as_text=True)
    row = listed.split(f'data-testid="nudge-{nudge.id}"')[1].split("</tr>")[0]
    assert [int(n) for n in __import__("re").findall(r"<td>(\d+)</td>", row)] == [3, 3, 1, 1]
    detail = client.get(f"/career/nudges/{nudge.id}").get_data(as_text=True)
    assert f'data-testid="outcome-{not_chosen.id}"' not in detail
    assert detail.count("not yet") == 2  # two recipients have not opened it


def test_another_universitys_graduates_cannot_be_nudged_and_nothing_is_written(client, db, make, login):
    university = make.university()
    own = make.graduate(university=university)
    outsider = make.graduate()
    db.session.commit()
    login(make.user(Role.CAREER_OFFICE, university=university))
    response = client.post(
        "/career/nudges/new", data={"graduate": [str(own.id), str(outsider.id)], "message": "你好", "send": "1"}
    )
    assert response.status_code == 422
    assert "Select only your own university&#39;s graduates." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Nudge)) == 0
    assert db.session.scalar(select(func.count()).select_from(NudgeRecipient)) == 0

    empty = client.post("/career/nudges/new", data={"message": "   ", "send": "1", "graduate": [str(own.id)]})
    assert empty.status_code == 422 and "Write the message the graduates will read." in empty.get_data(as_text=True)
    assert client.post("/career/nudges/new", data={"graduate": ["1e999"]}).status_code == 400


def test_the_worker_task_sends_nudges_with_no_match_ready_yet(app, db, make):
    from recruit.worker import tasks

    university = make.university()
    graduate = make.graduate(university=university)
    office = make.user(Role.CAREER_OFFICE, university=university)
    nudges.create_nudge(db.session, office, university.id, [graduate.id], "加油")
    db.session.commit()
    with app.app_context():
        assert tasks.send_nudges() == 1
    note = db.session.scalar(select(Notification).where(Notification.user_id == graduate.user_id))
    assert "加油" in note.body and "/graduate/profile" in note.body
