"""The outbox is delivered over real SMTP: once each, with stable Message-IDs, retried while the server is away."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from recruit import clock
from recruit.models import OutboxEmail, OutboxStatus
from recruit.services.messaging.delivery import MAX_ATTEMPTS, deliver_due, retry_delay
from recruit.smtp import parse_smtp_url
from tests.support.smtp import SMTPServer

SENDER = "recruit <no-reply@recruit.test>"


def queue(make, n: int) -> list[OutboxEmail]:
    user = make.user()
    return [
        make.outbox_email(
            user=user,
            to_address=f"person{i}@example.com",
            subject=f"第 {i} 封",
            body_text=f"正文 {i}",
            body_html=f"<p>正文 {i}</p>",
        )
        for i in range(n)
    ]


def test_queued_mail_arrives_once_with_its_message_id(db, make, smtp_server):
    emails = queue(make, 5)
    report = deliver_due(db.session, parse_smtp_url(smtp_server.url), SENDER, commit_batch=db.session.commit)
    assert (report.sent, report.deferred) == (5, 0)
    received = smtp_server.messages
    assert sorted(m["Message-ID"] for m in received) == sorted(e.message_id for e in emails)
    first = next(m for m in received if m["To"] == "person0@example.com")
    assert first["Subject"] == "第 0 封" and first["From"] == SENDER
    assert first.is_multipart() and first.get_content_type() == "multipart/alternative"
    assert (
        deliver_due(db.session, parse_smtp_url(smtp_server.url), SENDER, commit_batch=db.session.commit).sent == 0
    )  # nothing twice
    for email in emails:
        db.session.refresh(email)
        assert email.status is OutboxStatus.SENT and email.sent_at is not None


def test_200_queued_while_the_server_is_down_all_arrive_once_it_is_back(db, make):
    server = SMTPServer()  # not listening yet
    queue(make, 200)
    settings = parse_smtp_url(server.url)
    down = deliver_due(db.session, settings, SENDER, commit_batch=db.session.commit)
    assert (down.sent, down.deferred) == (0, 200)
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(OutboxEmail)
            .where(OutboxEmail.status == OutboxStatus.PENDING, OutboxEmail.attempts == 1)
        )
        == 200
    )
    server.start()
    try:
        assert (
            deliver_due(db.session, settings, SENDER, commit_batch=db.session.commit).sent == 0
        )  # the retry is not due yet
        clock.advance(retry_delay(1))
        back = deliver_due(db.session, settings, SENDER, commit_batch=db.session.commit)
        assert back.sent == 200
        ids = [m["Message-ID"] for m in server.messages]
        assert len(ids) == 200 and len(set(ids)) == 200
        clock.advance(timedelta(hours=1))
        assert deliver_due(db.session, settings, SENDER, commit_batch=db.session.commit).sent == 0
        assert len(server.messages) == 200
    finally:
        server.stop()


def test_back_off_grows_and_gives_up_after_the_last_attempt(db, make):
    [email] = queue(make, 1)
    settings = parse_smtp_url(SMTPServer().url)  # nobody listens there
    waits = []
    for _ in range(MAX_ATTEMPTS):
        deliver_due(db.session, settings, SENDER, commit_batch=db.session.commit)
        db.session.refresh(email)
        if email.status is OutboxStatus.PENDING:
            waits.append(email.next_attempt_at - clock.now())
            clock.set_now(email.next_attempt_at)
    assert email.status is OutboxStatus.FAILED and email.attempts == MAX_ATTEMPTS
    assert [round(w.total_seconds() / 60) for w in waits[:4]] == [1, 2, 4, 8]
    assert "ConnectionRefusedError" in email.last_error


def test_an_invitation_reaches_the_colleague(app, client, db, make, login, smtp_server):
    from recruit.worker import tasks

    login(make.employer())
    client.post("/employer/company/invite", data={"email": "new.colleague@example.com"})
    app.config["RECRUIT_SMTP_URL"] = smtp_server.url
    try:
        with app.app_context():
            assert tasks.deliver_outbox()["sent"] == 1
    finally:
        app.config["RECRUIT_SMTP_URL"] = "smtp://127.0.0.1:1"
    [message] = smtp_server.messages
    assert message["To"] == "new.colleague@example.com"
    assert re.search(r"http://127.0.0.1:5000/auth/join/\S+", message.get_content())


@pytest.mark.parametrize(
    "url, host, port, tls",
    [
        ("smtp://127.0.0.1:2525", "127.0.0.1", 2525, False),
        ("smtp://user%40x:p%3Ass@relay.example.com:587?starttls=1", "relay.example.com", 587, True),
    ],
)
def test_smtp_urls(url, host, port, tls):
    settings = parse_smtp_url(url)
    assert (settings.host, settings.port, settings.starttls) == (host, port, tls)
    if "user" in url:
        assert (settings.username, settings.password) == ("user@x", "p:ss")


def test_two_deliverers_never_claim_the_same_message(backend, tmp_path):
    from sqlalchemy.orm import Session

    from recruit.extensions import db as _db
    from recruit.services.messaging.delivery import claim_due
    from tests.factories import Factories
    from tests.support.apps import dispose, migrated_app

    app = migrated_app(backend, "outbox", tmp_path)
    try:
        with app.app_context():
            queue(Factories(_db.session), 10)
            _db.session.commit()
            engine = _db.engine
        first, second = Session(engine), Session(engine)
        try:
            mine = {e.id for e in claim_due(first, 6, SENDER)}
            if backend == "postgresql":  # row locks: the second deliverer skips what the first holds, uncommitted
                theirs = {e.id for e in claim_due(second, 6, SENDER)}
                assert len(mine) == 6 and len(theirs) == 4 and not mine & theirs
                second.commit()
            first.commit()  # claimed: another deliverer leaves these alone until the claim runs out
            again = {e.id for e in claim_due(second, 10, SENDER)}
            assert len(mine) == 6 and not mine & again
        finally:
            first.rollback()
            second.rollback()
            first.close()
            second.close()
    finally:
        dispose(app)


def test_development_mail_lands_in_the_mailbox_page(tmp_path, backend):
    from tests.support.apps import dispose, migrated_app

    mailbox = tmp_path / "mailbox"
    app = migrated_app(backend, "devmail", tmp_path, RECRUIT_ENV="development", RECRUIT_SMTP_URL=f"file://{mailbox}")
    try:
        from recruit.extensions import db as _db
        from tests.factories import Factories

        with app.app_context():
            queue(Factories(_db.session), 3)
            report = deliver_due(
                _db.session, parse_smtp_url(app.config["RECRUIT_SMTP_URL"]), SENDER, commit_batch=_db.session.commit
            )
            _db.session.remove()
        assert report.sent == 3 and len(list(mailbox.glob("*.eml"))) == 3
        client = app.test_client()
        listing = client.get("/dev/mailbox/").get_data(as_text=True)
        assert "person2@example.com" in listing and "第 2 封" in listing
        name = re.search(r'href="/dev/mailbox/([^"]+\.eml)"', listing).group(1)
        message = client.get(f"/dev/mailbox/{name}").get_data(as_text=True)
        assert "正文" in message
        assert client.get("/dev/mailbox/..%2Fsecret_key").status_code == 404
    finally:
        dispose(app)


def test_the_mailbox_page_exists_only_in_development(app):
    assert "devmail.list_mail" not in {rule.endpoint for rule in app.url_map.iter_rules()}


def test_a_batch_whose_result_could_not_be_recorded_is_not_sent_again_before_its_claim_runs_out(db, make, smtp_server):
    from recruit.services.messaging.delivery import CLAIM_TIMEOUT, claim_due, send_claimed

    queue(make, 4)
    claimed = claim_due(db.session, 10, SENDER)
    db.session.commit()
    send_claimed(parse_smtp_url(smtp_server.url), claimed)  # the process dies here, before recording
    assert len(smtp_server.messages) == 4
    settings = parse_smtp_url(smtp_server.url)
    assert (
        deliver_due(db.session, settings, SENDER, commit_batch=db.session.commit).sent == 0
    )  # claimed: nobody sends them again meanwhile
    clock.advance(CLAIM_TIMEOUT + timedelta(seconds=1))
    assert (
        deliver_due(db.session, settings, SENDER, commit_batch=db.session.commit).sent == 4
    )  # the claim ran out: sent once more, same ids
    ids = [m["Message-ID"] for m in smtp_server.messages]
    assert len(ids) == 8 and len(set(ids)) == 4
    clock.advance(timedelta(hours=1))
    assert deliver_due(db.session, settings, SENDER, commit_batch=db.session.commit).sent == 0
