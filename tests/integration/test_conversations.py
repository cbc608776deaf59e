"""Conversations: only the two parties of an application read its conversation; a message reaches the other side in
the inbox and in one batched e-mail; a closed conversation takes no more messages; a report reaches the operator;
the graduate's e-mail is shown only once shared; a graduate may ask at a fair's booth before applying."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from recruit import clock
from recruit.models import ConversationMessage, ConversationReport, Notification, OutboxEmail, Role
from recruit.worker import tasks


def _world(make):
    company = make.company(name="杭州云帆科技有限公司")
    application = make.application(graduate=make.graduate(full_name="王芳"), vacancy=make.vacancy(company=company))
    return {
        "application": application,
        "graduate": application.graduate.user,
        "employer": make.employer(company=company),
        "colleague": make.employer(company=company),
        "other_employer": make.employer(),
        "other_graduate": make.graduate().user,
        "operator": make.user(Role.OPERATOR),
    }


def _as(client, login, user):
    client.post("/auth/logout")
    login(user)


def _open(client, application) -> int:
    started = client.post("/conversations/start", data={"application_id": str(application.id)})
    assert started.status_code == 302, started.status_code
    return int(started.headers["Location"].rsplit("/", 1)[1])


def test_only_the_two_parties_read_and_write(app, client, db, make, login):
    world = _world(make)
    db.session.commit()
    _as(client, login, world["graduate"])
    conversation_id = _open(client, world["application"])
    sent = client.post(f"/conversations/{conversation_id}", data={"body": "请问岗位需要出差吗？"})
    assert sent.status_code == 302

    _as(client, login, world["colleague"])  # anyone acting for the company reads it
    assert _open(client, world["application"]) == conversation_id  # one thread per graduate and company
    page = client.get(f"/conversations/{conversation_id}").get_data(as_text=True)
    assert "请问岗位需要出差吗？" in page
    assert world["graduate"].email not in page and "has not shared their contact details" in page
    client.post(f"/conversations/{conversation_id}", data={"body": "偶尔，每月一两次。"})

    for outsider in ("other_employer", "other_graduate", "operator"):
        _as(client, login, world[outsider])
        for method, url in (
            ("GET", f"/conversations/{conversation_id}"),
            ("POST", f"/conversations/{conversation_id}"),
            ("POST", f"/conversations/{conversation_id}/close"),
            ("POST", f"/conversations/{conversation_id}/report"),
        ):
            response = client.open(url, method=method, data={"body": "插话", "reason": "x"})
            assert response.status_code in (403, 404), (outsider, url, response.status_code)
            assert "请问岗位需要出差吗？" not in response.get_data(as_text=True)
        if outsider != "operator":
            started = client.post("/conversations/start", data={"application_id": str(world["application"].id)})
            assert started.status_code == 404
    bodies = db.session.scalars(select(ConversationMessage.body).order_by(ConversationMessage.id)).all()
    assert bodies == ["请问岗位需要出差吗？", "偶尔，每月一两次。"]

    _as(client, login, world["graduate"])
    client.post(f"/conversations/{conversation_id}/share-contact")
    _as(client, login, world["employer"])
    assert world["graduate"].email in client.get(f"/conversations/{conversation_id}").get_data(as_text=True)


def test_messages_reach_the_inbox_at_once_and_e_mail_in_one_batch(app, client, db, make, login):
    world = _world(make)
    db.session.commit()
    _as(client, login, world["graduate"])
    conversation_id = _open(client, world["application"])
    for text in ("您好", "我下周可以面试", "谢谢"):
        client.post(f"/conversations/{conversation_id}", data={"body": text})
    told = db.session.scalars(select(Notification.user_id).where(Notification.kind == "conversation.message")).all()
    assert sorted(told) == sorted([world["employer"].id, world["colleague"].id] * 3)

    _as(client, login, world["colleague"])
    client.get(f"/conversations/{conversation_id}")  # read by the company: no e-mail needed
    db.session.execute(
        ConversationMessage.__table__.update().values(read_at=None)
    )  # unread again, so that the batch below has something to send
    db.session.commit()
    clock.advance(timedelta(minutes=6))
    with app.app_context():
        assert tasks.email_unread_messages() == 2  # one e-mail to each of the two employer accounts
        assert tasks.email_unread_messages() == 0
    subjects = db.session.scalars(select(OutboxEmail.subject).where(OutboxEmail.subject.like("%new message%"))).all()
    assert subjects == ["3 new messages", "3 new messages"]


def test_a_closed_conversation_takes_no_more_messages(client, db, make, login):
    world = _world(make)
    db.session.commit()
    _as(client, login, world["employer"])
    conversation_id = _open(client, world["application"])
    client.post(f"/conversations/{conversation_id}", data={"body": "请确认面试时间"})
    client.post(f"/conversations/{conversation_id}/close")
    refused = client.post(f"/conversations/{conversation_id}", data={"body": "还在吗？"})
    assert refused.status_code == 409 and "This conversation is closed." in refused.get_data(as_text=True)
    _as(client, login, world["graduate"])
    assert client.post(f"/conversations/{conversation_id}", data={"body": "在的"}).status_code == 409
    assert db.session.scalar(select(func.count()).select_from(ConversationMessage)) == 1


def test_a_report_reaches_the_operator(client, db, make, login):
    world = _world(make)
    db.session.commit()
    _as(client, login, world["employer"])
    conversation_id = _open(client, world["application"])
    client.post(f"/conversations/{conversation_id}", data={"body": "入职前请先缴纳培训费 2000 元"})
    _as(client, login, world["graduate"])
    empty = client.post(f"/conversations/{conversation_id}/report", data={"reason": ""})
    assert empty.status_code == 422 and "Say what is wrong." in empty.get_data(as_text=True)
    assert client.post(f"/conversations/{conversation_id}/report", data={"reason": "要求缴费"}).status_code == 302
    _as(client, login, world["operator"])
    page = client.get("/admin/reports").get_data(as_text=True)
    assert "要求缴费" in page and "入职前请先缴纳培训费" in page and "杭州云帆科技有限公司" in page
    report = db.session.scalar(select(ConversationReport))
    assert client.post(f"/admin/reports/{report.id}", data={"decision": "close"}).status_code == 302
    db.session.refresh(report)
    assert report.resolved_at is not None and report.conversation.closed_at is not None
    assert "要求缴费" not in client.get("/admin/reports").get_data(as_text=True)


def test_no_conversation_without_an_application_an_invitation_or_a_booth(client, db, make, login):
    from recruit.services.campaign import fairs

    graduate = make.graduate()
    company = make.company()
    employer = make.employer(company=company)
    db.session.commit()
    stranger_application = make.application(graduate=graduate)  # to another company
    db.session.commit()
    login(employer)
    assert client.post("/conversations/start", data={"application_id": str(stranger_application.id)}).status_code == 404

    campaign = make.campaign(starts_on=clock.today() - timedelta(days=1))
    fair = fairs.create_fair(
        db.session,
        make.user(Role.OPERATOR),
        campaign,
        fairs.FairDetails("春季专场", "", "", clock.today(), clock.today() + timedelta(days=3), 10),
    )
    booth = fairs.sign_up(db.session, employer, fair, [make.vacancy(company=company).id], "")
    db.session.commit()
    _as(client, login, graduate.user)
    pending = client.post("/conversations/start", data={"booth_id": str(booth.id)})
    assert pending.status_code == 409  # the booth is not approved yet
    fairs.decide_booth(db.session, make.user(Role.OPERATOR), booth, approve=True)
    db.session.commit()
    asked = client.post("/conversations/start", data={"booth_id": str(booth.id)})
    assert asked.status_code == 302
    conversation_id = int(asked.headers["Location"].rsplit("/", 1)[1])
    assert client.post(f"/conversations/{conversation_id}", data={"body": "实习生可以吗？"}).status_code == 302
