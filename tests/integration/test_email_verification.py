"""Proving the address at registration: the link arrives by e-mail; until it is confirmed a graduate cannot apply and
an SME cannot publish; the link works once, within a week, for the address it was sent to; invitations prove it."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from recruit import clock
from recruit.models import Application, EmailVerification, OutboxEmail, User, VacancyStatus
from recruit.services.messaging.delivery import deliver_due
from recruit.smtp import parse_smtp_url

SENDER = "recruit <no-reply@recruit.localhost>"
PASSWORD = "a long enough passphrase 9"


def _register(client, role: str, email: str):
    client.get("/auth/register")
    return client.post(
        "/auth/register",
        data={
            "role": role,
            "display_name": "吴新",
            "email": email,
            "password": PASSWORD,
            "confirm": PASSWORD,
            "consent": "y",
        },
    )


def _link_in(message) -> str:
    body = message.get_body(("plain",)).get_content()
    return re.search(r"http://[^/\s]+(/auth/verify/[\w-]+)", body).group(1)


def test_a_graduate_confirms_the_address_from_the_mail_before_applying(app, client, db, make, smtp_server):
    vacancy = make.vacancy(title="验证后投递")
    db.session.commit()
    assert _register(client, "graduate", "wu.xin@example.com").status_code == 302
    user = db.session.scalar(select(User).where(User.email == "wu.xin@example.com"))
    assert user.email_verified_at is None
    page = client.get("/graduate/").get_data(as_text=True)
    assert 'data-testid="verify-email"' in page and "wu.xin@example.com" in page

    profile = user.graduate_profile
    profile.university_id, profile.major, profile.graduation_year = make.university().id, "会计学", 2026
    profile.degree = make.graduate().degree
    db.session.commit()
    refused = client.post(f"/graduate/vacancies/{vacancy.id}/apply", data={"shares_with_employer": "y"})
    assert refused.status_code == 422
    assert "Confirm your e-mail address first: open the link we sent to wu.xin@example.com" in refused.get_data(
        as_text=True
    )
    assert db.session.scalar(select(func.count()).select_from(Application)) == 0

    deliver_due(db.session, parse_smtp_url(smtp_server.url), SENDER, commit_batch=db.session.commit)
    mail = next(m for m in smtp_server.messages if m["To"] == "wu.xin@example.com")
    assert mail["Subject"] == "Confirm your e-mail address for recruit"
    link = _link_in(mail)

    assert client.get(link).status_code == 200  # opening the link (a mail scanner does) confirms nothing
    db.session.refresh(user)
    assert user.email_verified_at is None
    confirmed = client.post(link, data={})
    assert confirmed.status_code == 302
    db.session.refresh(user)
    assert user.email_verified_at is not None
    assert 'data-testid="verify-email"' not in client.get("/graduate/").get_data(as_text=True)
    assert client.post(link, data={}).status_code == 404  # once
    applied = client.post(f"/graduate/vacancies/{vacancy.id}/apply", data={"shares_with_employer": "y"})
    assert applied.status_code == 302


def test_an_sme_cannot_publish_until_confirmed(client, db, make):
    assert _register(client, "employer", "hr.wu@example.com").status_code == 302
    user = db.session.scalar(select(User).where(User.email == "hr.wu@example.com"))
    company = make.company()
    from recruit.models import CompanyMember

    db.session.add(CompanyMember(company_id=company.id, user_id=user.id, is_admin=True))
    draft = make.vacancy(company=company, status=VacancyStatus.DRAFT)
    db.session.commit()
    refused = client.post(f"/employer/vacancies/{draft.id}/status", data={"action": "publish"})
    assert refused.status_code == 409
    assert "Confirm your e-mail address first" in refused.get_data(as_text=True)
    db.session.refresh(draft)
    assert draft.status is VacancyStatus.DRAFT


def test_a_link_expires_after_a_week_and_dies_with_a_changed_address(client, db, make):
    assert _register(client, "graduate", "late.reader@example.com").status_code == 302
    body = db.session.scalar(select(OutboxEmail.body_text).where(OutboxEmail.to_address == "late.reader@example.com"))
    link = re.search(r"http://[^/\s]+(/auth/verify/[\w-]+)", body).group(1)
    clock.set_now(clock.now() + timedelta(days=7, minutes=1))
    assert client.post(link, data={}).status_code == 404

    client.post("/auth/login", data={"email": "late.reader@example.com", "password": PASSWORD})  # a week later
    resent = client.post("/auth/verify/resend", data={"next": "/graduate/"})
    assert resent.status_code == 302 and resent.headers["Location"] == "/graduate/"
    fresh = db.session.scalars(
        select(EmailVerification)
        .order_by(EmailVerification.id.desc())
        .where(EmailVerification.email == "late.reader@example.com")
    ).first()
    assert fresh.expires_at > clock.now()
    user = fresh.user
    user.email = "new.address@example.com"
    db.session.commit()
    newest = db.session.scalars(
        select(OutboxEmail.body_text)
        .where(OutboxEmail.to_address == "late.reader@example.com")
        .order_by(OutboxEmail.id.desc())
    ).first()
    stale = re.search(r"http://[^/\s]+(/auth/verify/[\w-]+)", newest).group(1)
    assert client.post(stale, data={}).status_code == 404
    db.session.refresh(user)
    assert user.email_verified_at is None


def test_an_invitation_proves_the_address(client, db, make):
    from recruit.services.people import companies

    owner = make.employer()
    company = owner.company_membership.company
    _invitation, token = companies.invite_colleague(db.session, company, owner, "colleague.wu@example.com")
    db.session.commit()
    client.get(f"/auth/join/{token}")
    joined = client.post(
        f"/auth/join/{token}",
        data={
            "role": "employer",
            "email": "colleague.wu@example.com",
            "display_name": "吴同事",
            "password": PASSWORD,
            "confirm": PASSWORD,
            "consent": "y",
        },
    )
    assert joined.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "colleague.wu@example.com"))
    assert user.email_verified_at is not None
    assert (
        db.session.scalar(
            select(func.count()).select_from(EmailVerification).where(EmailVerification.user_id == user.id)
        )
        == 0
    )
