"""Two-step log-in: set up with a QR code and a confirming code, then every log-in asks for a code (once each) or a
recovery code (once each); operators must have it and cannot turn it off; remember-me is a week and never for
operators; idle sessions end."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
from sqlalchemy import func, select

from recruit import clock
from recruit.models import RecoveryCode, Role, User, UserSession
from tests.factories import DEFAULT_PASSWORD
from tests.support.two_step import current_code


def _password(client, user, **extra):
    return client.post("/auth/login", data={"email": user.email, "password": DEFAULT_PASSWORD, **extra})


def _session_cookie(response) -> str:
    return next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))


def test_an_sme_turns_it_on_and_logs_in_with_codes_and_recovery_codes(client, db, make, login):
    employer = make.employer()
    login(employer)
    page = client.get("/auth/two-factor").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page).group(1)
    assert client.get("/auth/two-factor").get_data(as_text=True).count(secret) == 1  # the same secret until confirmed

    wrong = client.post("/auth/two-factor", data={"code": "000000"})
    assert wrong.status_code == 422 and "That code is not right" in wrong.get_data(as_text=True)
    shown = client.post("/auth/two-factor", data={"code": pyotp.TOTP(secret).at(clock.now())})
    assert shown.status_code == 200
    codes = re.findall(r"<li>([0-9a-f]{6}-[0-9a-f]{6})</li>", shown.get_data(as_text=True))
    assert len(codes) == 10
    db.session.refresh(employer)
    assert employer.totp_enabled_at is not None and employer.totp_secret == secret
    stored = db.session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == employer.id)).all()
    assert len(stored) == 10 and not set(codes) & set(stored)  # only hashes are kept

    client.post("/auth/logout")
    first = _password(client, employer)
    assert first.headers["Location"] == "/auth/two-step"
    assert client.get("/employer/").status_code == 302  # not logged in yet
    used = pyotp.TOTP(secret).at(clock.now())  # the code that turned it on: used already
    replay = client.post("/auth/two-step", data={"code": used})
    assert replay.status_code == 422
    db.session.refresh(employer)
    fresh = current_code(secret, employer.totp_last_step)
    assert client.post("/auth/two-step", data={"code": fresh}).status_code == 302
    assert client.get("/employer/").status_code == 200

    client.post("/auth/logout")
    _password(client, employer)
    assert client.post("/auth/two-step", data={"code": codes[0].upper()}).status_code == 302  # a recovery code
    client.post("/auth/logout")
    _password(client, employer)
    assert client.post("/auth/two-step", data={"code": codes[0]}).status_code == 422  # once only
    assert client.post("/auth/two-step", data={"code": codes[1]}).status_code == 302
    left = client.get("/auth/two-factor").get_data(as_text=True)
    assert "8 recovery codes left." in left


def test_wrong_codes_end_the_attempt_and_a_waiting_step_expires(client, db, make):
    graduate = make.graduate().user
    graduate.totp_secret, graduate.totp_enabled_at = pyotp.random_base32(), clock.now()
    db.session.commit()
    _password(client, graduate)
    for _ in range(4):
        assert client.post("/auth/two-step", data={"code": "123456"}).status_code == 422
    fifth = client.post("/auth/two-step", data={"code": "123456"})
    assert fifth.status_code == 302 and fifth.headers["Location"] == "/auth/login"
    right = current_code(graduate.totp_secret)
    assert client.post("/auth/two-step", data={"code": right}).headers["Location"] == "/auth/login"  # start again

    _password(client, graduate)
    clock.set_now(clock.now() + timedelta(minutes=6))
    late = client.post("/auth/two-step", data={"code": current_code(graduate.totp_secret)})
    assert late.headers["Location"] == "/auth/login"
    assert (
        db.session.scalar(select(func.count()).select_from(UserSession).where(UserSession.user_id == graduate.id)) == 0
    )


def test_an_operator_must_set_it_up_and_cannot_turn_it_off(client, db, make):
    operator = make.user(Role.OPERATOR, totp_secret=None, totp_enabled_at=None)
    db.session.commit()
    assert _password(client, operator).headers["Location"].endswith("/admin/")  # no second step to ask for yet
    for path in ("/admin/", "/admin/users", "/notifications/"):
        response = client.get(path)
        assert response.status_code == 303 and response.headers["Location"] == "/auth/two-factor", path
    page = client.get("/auth/two-factor").get_data(as_text=True)
    assert "Operator accounts must log in with a second step." in page
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page).group(1)
    assert client.post("/auth/two-factor", data={"code": pyotp.TOTP(secret).at(clock.now())}).status_code == 200
    assert client.get("/admin/").status_code == 200

    on = client.get("/auth/two-factor").get_data(as_text=True)
    assert "Turn off two-step log-in" not in on and "Operator accounts always log in with a second step." in on
    db.session.refresh(operator)
    off = client.post(
        "/auth/two-factor/off",
        data={"password": DEFAULT_PASSWORD, "code": current_code(secret, operator.totp_last_step)},
    )
    assert off.status_code == 422 and "Operators always log in with a second step." in off.get_data(as_text=True)
    db.session.refresh(operator)
    assert operator.totp_enabled_at is not None


def test_remember_me_is_a_week_and_never_for_operators(client, db, make, login):
    graduate = make.graduate().user
    db.session.commit()
    remembered = _password(client, graduate, remember="y")
    assert "Expires=" in _session_cookie(remembered)
    row = db.session.scalar(select(UserSession).where(UserSession.user_id == graduate.id))
    assert timedelta(days=6, hours=23) < row.expires_at - row.created_at <= timedelta(days=7)
    clock.set_now(clock.now() + timedelta(hours=5))
    assert client.get("/graduate/").status_code == 200  # remembered: no idle time-out
    client.post("/auth/logout")

    operator = make.user(Role.OPERATOR)
    db.session.commit()
    _password(client, operator, remember="y")
    second = client.post("/auth/two-step", data={"code": current_code(operator.totp_secret)})
    assert second.status_code == 302 and "Expires=" not in _session_cookie(second)  # ends with the browser
    row = db.session.scalar(select(UserSession).where(UserSession.user_id == operator.id))
    assert row.expires_at - row.created_at <= timedelta(hours=12)


def test_idle_sessions_end_sooner_for_operators(client, db, make, login):
    graduate = make.graduate().user
    login(graduate)
    clock.set_now(clock.now() + timedelta(minutes=50))
    assert client.get("/graduate/").status_code == 200  # active again: the idle clock restarts
    clock.set_now(clock.now() + timedelta(minutes=61))
    ended = client.get("/graduate/")
    assert ended.status_code == 302 and "/auth/login" in ended.headers["Location"]
    assert "You were logged out after 60 minutes without activity." in client.get("/auth/login").get_data(as_text=True)

    operator = make.user(Role.OPERATOR)
    db.session.commit()
    login(operator)
    clock.set_now(clock.now() + timedelta(minutes=14))
    assert client.get("/admin/").status_code == 200
    clock.set_now(clock.now() + timedelta(minutes=16))
    assert client.get("/admin/").status_code == 302
    assert db.session.get(User, operator.id).is_enabled
