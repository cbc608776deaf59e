"""Career-office accounts: the operator invites a university's first one by e-mail, the career office invites its
colleagues; each invited person opens their own account with the link, once."""

import re

from sqlalchemy import func, select

from recruit.models import AuditEntry, OutboxEmail, Role, User
from tests.support.two_step import log_in


def _link_in_last_email(db, address: str) -> str:
    email = db.session.scalar(select(OutboxEmail).where(OutboxEmail.to_address == address))
    return re.search(r"http://[^/\s]+(/auth/join-office/[\w-]+)", email.body_text).group(1)


def _join(client, link: str, name: str):
    return client.post(
        link,
        data={
            "display_name": name,
            "password": "a long passphrase 42",
            "confirm": "a long passphrase 42",
            "consent": "y",
        },
    )


def test_the_operator_invites_the_first_career_office_and_it_invites_a_colleague(app, db, make, login):
    university = make.university()
    operator = make.user(Role.OPERATOR)
    db.session.commit()
    desk = app.test_client()
    assert log_in(desk, operator, "correct horse battery") == 302
    sent = desk.post(f"/admin/universities/{university.id}/invite", data={"email": "Head@Career.example.edu"})
    assert sent.status_code == 302
    page = desk.get(f"/admin/universities/{university.id}").get_data(as_text=True)
    assert "head@career.example.edu" in page.split('data-testid="office-invited"')[1]

    head = app.test_client()
    link = _link_in_last_email(db, "head@career.example.edu")
    opened = _join(head, link, "就业指导中心主任")
    assert opened.status_code == 302 and opened.headers["Location"].endswith("/career/")
    account = db.session.scalar(select(User).where(User.email == "head@career.example.edu"))
    assert (account.role, account.university_id, account.consent_at is not None) == (
        Role.CAREER_OFFICE,
        university.id,
        True,
    )
    assert head.get("/career/").status_code == 200
    assert _join(app.test_client(), link, "又一次").status_code == 404  # the link works once

    invited = head.post("/career/colleagues", data={"email": "colleague@career.example.edu"})
    assert invited.status_code == 302
    colleague = app.test_client()
    assert _join(colleague, _link_in_last_email(db, "colleague@career.example.edu"), "同事").status_code == 302
    members = head.get("/career/colleagues").get_data(as_text=True).split('data-testid="office-members"')[1]
    assert "head@career.example.edu" in members and "colleague@career.example.edu" in members
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("career_office.%"))).all()
    assert sorted(actions) == [
        "career_office.invite",
        "career_office.invite",
        "career_office.join",
        "career_office.join",
    ]


def test_invitations_refuse_known_addresses_logged_in_visitors_and_bad_links(app, client, db, make, login):
    university = make.university()
    taken = make.graduate().user
    office = make.user(Role.CAREER_OFFICE, university=university)
    db.session.commit()
    login(office)
    response = client.post("/career/colleagues", data={"email": taken.email})
    assert response.status_code == 422
    assert "An account with this e-mail address already exists." in response.get_data(as_text=True)
    assert client.post("/career/colleagues", data={"email": "not an address"}).status_code == 422
    assert db.session.scalar(select(func.count()).select_from(OutboxEmail)) == 0

    client.post("/career/colleagues", data={"email": "new@career.example.edu"})
    link = _link_in_last_email(db, "new@career.example.edu")
    assert client.get(link).status_code == 403  # logged in as someone else
    stranger = app.test_client()
    weak = stranger.post(
        link, data={"display_name": "新同事", "password": "password", "confirm": "password", "consent": "y"}
    )
    assert weak.status_code == 422 and 'id="password-feedback"' in weak.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.email == "new@career.example.edu")) is None
    assert _join(stranger, link, "新同事").status_code == 302
    assert stranger.get("/auth/join-office/not-a-real-token").status_code == 404
    assert db.session.scalar(select(User).where(User.email == "new@career.example.edu")).university_id == university.id
