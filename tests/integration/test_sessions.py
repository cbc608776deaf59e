from http.cookies import SimpleCookie

from sqlalchemy import select

from recruit.models import UserSession


def session_cookie(response) -> str:
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith("session="):
            return SimpleCookie(header)["session"].value
    raise AssertionError("no session cookie set")


def test_a_cookie_copied_before_log_out_no_longer_works_after_it(app, client, make, login):
    user = make.user()
    copied = session_cookie(login(user))
    assert client.get("/graduate/").status_code == 200
    client.post("/auth/logout")

    thief = app.test_client()
    thief.set_cookie("session", copied)
    response = thief.get("/graduate/")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_the_copied_cookie_works_before_log_out(app, client, make, login):
    # The control for the test above: the copy is a real, working session until log-out.
    copied = session_cookie(login(make.user()))
    twin = app.test_client()
    twin.set_cookie("session", copied)
    assert twin.get("/graduate/").status_code == 200


def test_the_session_cookie_is_httponly_and_samesite_lax(client, make, login):
    header = next(h for h in login(make.user()).headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in header
    assert "SameSite=Lax" in header


def test_changing_the_password_ends_other_sessions(app, client, db, make, login):
    user = make.user()
    other = app.test_client()
    other.post("/auth/login", data={"email": user.email, "password": "correct horse battery"})
    assert other.get("/graduate/").status_code == 200
    login(user)
    response = client.post(
        "/auth/password",
        data={
            "current_password": "correct horse battery",
            "new_password": "a much better secret",
            "confirm": "a much better secret",
        },
    )
    assert response.status_code == 302
    assert client.get("/graduate/").status_code == 200
    assert other.get("/graduate/").status_code == 302
    live = db.session.scalars(
        select(UserSession).where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
    ).all()
    assert len(live) == 1


def test_a_wrong_current_password_changes_nothing(client, db, make, login):
    user = make.user()
    before = user.password_hash
    login(user)
    response = client.post(
        "/auth/password",
        data={
            "current_password": "wrong password here",
            "new_password": "a much better secret",
            "confirm": "a much better secret",
        },
    )
    assert response.status_code == 422
    assert "Your current password is not right." in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.password_hash == before


def test_only_a_hash_of_the_session_token_is_stored(client, db, make, login):
    user = make.user()
    login(user)
    row = db.session.scalar(select(UserSession).where(UserSession.user_id == user.id))
    assert len(row.token_hash) == 64
    with client.session_transaction() as flask_session:
        assert flask_session["sid"] != row.token_hash


def test_production_cookies_are_secure_and_production_needs_a_key(tmp_path, monkeypatch):
    import pytest

    from recruit import create_app
    from recruit.config import ConfigError
    from tests.support.apps import app_config

    url = f"sqlite:///{tmp_path / 'prod.db'}"
    with pytest.raises(ConfigError):
        create_app(app_config(url, tmp_path, RECRUIT_ENV="production", SECRET_KEY=None, TESTING=False))
    from recruit.config import load_settings

    monkeypatch.delenv("RECRUIT_ENV", raising=False)
    monkeypatch.delenv("RECRUIT_SECURE_COOKIES", raising=False)
    production = load_settings(str(tmp_path))  # RECRUIT_ENV unset: production is the default
    assert production["RECRUIT_ENV"] == "production" and production["SESSION_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True and production["SESSION_COOKIE_SAMESITE"] == "Lax"
