"""A forgotten password: a link by e-mail that works once, within an hour; asking says the same whether or not the
address has an account; the reset ends every session of the account."""

import re
from datetime import timedelta

from sqlalchemy import func, select

from recruit import clock
from recruit.models import OutboxEmail, PasswordReset
from tests.factories import DEFAULT_PASSWORD

NEW = "a brand new passphrase 7"


def _without_form_tokens(response) -> str:
    """The page as a person reads it: the forms' CSRF tokens carry the second they were made, nothing else."""
    return re.sub(
        r'name="csrf_token"( type="hidden")? value="[^"]+"', 'name="csrf_token"', response.get_data(as_text=True)
    )


def _link(db, address: str) -> str:
    email = db.session.scalar(select(OutboxEmail).where(OutboxEmail.to_address == address))
    return re.search(r"http://[^/\s]+(/auth/reset/[\w-]+)", email.body_text).group(1)


def test_a_reset_link_works_once_and_ends_every_session(app, client, db, make):
    user = make.graduate().user
    db.session.commit()
    elsewhere = app.test_client()  # the account is open in another browser
    elsewhere.post("/auth/login", data={"email": user.email, "password": DEFAULT_PASSWORD})
    assert elsewhere.get("/graduate/").status_code == 200

    known = client.post("/auth/forgot", data={"email": user.email.upper()})
    unknown = client.post("/auth/forgot", data={"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 200
    assert _without_form_tokens(known) == _without_form_tokens(unknown)  # no hint whether the address exists
    assert db.session.scalar(select(func.count()).select_from(OutboxEmail)) == 1

    link = _link(db, user.email)
    weak = client.post(link, data={"password": "12345678", "confirm": "12345678"})
    assert weak.status_code == 422
    done = client.post(link, data={"password": NEW, "confirm": NEW})
    assert done.status_code == 302 and done.headers["Location"].endswith("/auth/login")
    assert elsewhere.get("/graduate/").status_code in (302, 401)  # that session ended
    assert client.post("/auth/login", data={"email": user.email, "password": DEFAULT_PASSWORD}).status_code == 422
    assert client.post("/auth/login", data={"email": user.email, "password": NEW}).status_code == 302
    assert app.test_client().get(link).status_code == 404  # used up


def test_a_reset_link_expires_after_an_hour_and_a_newer_one_replaces_none(app, client, db, make):
    user = make.graduate().user
    db.session.commit()
    client.post("/auth/forgot", data={"email": user.email})
    link = _link(db, user.email)
    clock.set_now(clock.now() + timedelta(minutes=61))
    assert client.get(link).status_code == 404
    assert client.post(link, data={"password": NEW, "confirm": NEW}).status_code == 404
    assert db.session.scalar(select(PasswordReset.used_at)) is None


def test_asking_too_often_is_limited(client, db, make):
    for _ in range(5):
        assert client.post("/auth/forgot", data={"email": "someone@example.com"}).status_code == 200
    assert client.post("/auth/forgot", data={"email": "someone@example.com"}).status_code == 429
