"""The company's first employer invites colleagues by e-mail; the link makes them members."""

import re

from sqlalchemy import select

from recruit import clock
from recruit.models import CompanyMember, OutboxEmail, Role, User
from recruit.services.people.companies import INVITATION_LIFETIME

PASSWORD = "hiring together 2026"


def invite(client, email):
    return client.post("/employer/company/invite", data={"email": email})


def link_in(db, email) -> str:
    mail = db.session.scalar(select(OutboxEmail).where(OutboxEmail.to_address == email))
    return re.search(r"http://127.0.0.1:5000(/auth/join/\S+)", mail.body_text).group(1)


def test_an_invited_colleague_registers_through_the_link(app, client, db, make, login):
    company = make.company(name="杭州青禾农业科技有限公司")
    admin = make.employer(company=company)
    login(admin)
    assert invite(client, "Colleague@Example.com").status_code == 302
    path = link_in(db, "colleague@example.com")
    client.post("/auth/logout")

    page = client.get(path).get_data(as_text=True)
    assert "杭州青禾农业科技有限公司" in page and "colleague@example.com" in page
    response = client.post(
        path,
        data={
            "role": "employer",
            "email": "colleague@example.com",
            "display_name": "吴敏",
            "password": PASSWORD,
            "confirm": PASSWORD,
            "consent": "y",
        },
    )
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "colleague@example.com"))
    membership = db.session.scalar(select(CompanyMember).where(CompanyMember.user_id == user.id))
    assert user.role is Role.EMPLOYER and membership.company_id == company.id and not membership.is_admin
    # the link works once
    assert app.test_client().get(path).status_code == 404


def test_only_the_administrator_invites(client, db, make, login):
    company = make.company()
    make.employer(company=company)
    colleague = make.user(Role.EMPLOYER)
    db.session.add(CompanyMember(company_id=company.id, user_id=colleague.id, is_admin=False))
    db.session.commit()
    login(colleague)
    response = invite(client, "x@example.com")
    assert response.status_code == 422
    assert "Only the company&#39;s administrator invites colleagues." in response.get_data(as_text=True)
    assert db.session.scalar(select(OutboxEmail).where(OutboxEmail.to_address == "x@example.com")) is None


def test_an_expired_or_foreign_invitation_is_refused(app, client, db, make, login):
    admin = make.employer()
    login(admin)
    invite(client, "late@example.com")
    path = link_in(db, "late@example.com")
    client.post("/auth/logout")
    other = make.user(Role.EMPLOYER, email="someone.else@example.com")
    login(other)
    response = client.get(path)
    assert response.status_code == 403
    assert "another e-mail address" in response.get_data(as_text=True)
    client.post("/auth/logout")
    clock.advance(INVITATION_LIFETIME)
    assert client.get(path).status_code == 404


def test_a_logged_in_employer_accepts_with_a_button_not_by_opening_the_link(client, db, make, login):
    company = make.company(name="成都蓝湾软件有限公司")
    admin = make.employer(company=company)
    login(admin)
    invite(client, "joiner@example.com")
    path = link_in(db, "joiner@example.com")
    client.post("/auth/logout")
    joiner = make.user(Role.EMPLOYER, email="joiner@example.com")
    login(joiner)

    page = client.get(path)  # a cross-site link or a prefetch only opens it
    assert page.status_code == 200 and "Accept the invitation" in page.get_data(as_text=True)
    assert db.session.scalar(select(CompanyMember).where(CompanyMember.user_id == joiner.id)) is None

    accepted = client.post(path)
    assert accepted.status_code == 302
    membership = db.session.scalar(select(CompanyMember).where(CompanyMember.user_id == joiner.id))
    assert membership.company_id == company.id
