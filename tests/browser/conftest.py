"""Browser harness: the app served on a loopback port by a real server thread, driven by Debian's Chromium."""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from recruit import PROJECT_ROOT
from recruit.extensions import db
from tests.factories import DEFAULT_PASSWORD, Factories
from tests.support.apps import dispose, migrated_app

CHROMIUM = os.environ.get("RECRUIT_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@dataclass(frozen=True)
class LiveServer:
    url: str
    app: object

    def seed(self):
        """A context manager giving factories bound to the live database (rows are committed)."""
        return _seeding(self.app)

    def link_mailed_to(self, address: str, path_start: str) -> str:
        """The path of the newest link starting with `path_start` in the e-mails queued for `address` (what the
        person would click in their mailbox)."""
        import re

        from sqlalchemy import select

        from recruit.models import OutboxEmail

        with self.app.app_context():
            bodies = db.session.scalars(
                select(OutboxEmail.body_text).where(OutboxEmail.to_address == address).order_by(OutboxEmail.id.desc())
            ).all()
            db.session.remove()
        for body in bodies:
            found = re.search(r"https?://[^/\s]+(" + re.escape(path_start) + r"[^\s]*)", body)
            if found:
                return found.group(1)
        raise AssertionError(f"no e-mail to {address} has a link to {path_start}")


@contextmanager
def _seeding(app):
    with app.app_context():
        try:
            yield Factories(db.session)
            db.session.commit()
        finally:
            db.session.remove()


@pytest.fixture(scope="session")
def live_server(backend, tmp_path_factory):
    """The app with CSRF on, on its own committed database, served by a werkzeug server thread."""
    app = migrated_app(backend, "browser", tmp_path_factory.mktemp(f"browser-{backend}"), WTF_CSRF_ENABLED=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", app=app)
    server.shutdown()
    thread.join(timeout=10)
    dispose(app)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def page(browser, live_server, request):
    """A fresh browser context (no cookies) on the live server; a screenshot is kept when the test fails."""
    context = browser.new_context(base_url=live_server.url, locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def screenshot(page, name: str) -> Path:
    """Keep a picture of the page in test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def new_page(browser, live_server):
    """Open another, independent browser session (a second person) on the live server."""
    contexts = []

    def _open():
        context = browser.new_context(base_url=live_server.url, locale="en-US", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


def log_in(page, email: str, password: str = DEFAULT_PASSWORD) -> None:
    """Log in through the log-in page, as a person would."""
    page.goto("/auth/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
