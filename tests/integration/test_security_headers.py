"""Every route answers with the browser protections: a script policy without inline scripts, no framing, no content
sniffing, a referrer policy; signed-in pages are never stored; HSTS in production; unknown hosts refused."""

import re
from pathlib import Path

import pytest

from recruit import PROJECT_ROOT
from recruit.models import Role
from tests.integration.test_access import routes
from tests.support.apps import migrated_app

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


ASSETS = {"public.favicon"}  # the site's icon: a file like the static ones, holding nothing of anyone


def _check(response, where):
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (where, name)
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy, where
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0], where


def test_every_route_carries_the_headers_for_anonymous_visitors(app, client):
    for endpoint, method, url in routes(app):
        _check(client.open(url, method=method), endpoint)
    _check(client.get("/static/css/app.css"), "static")
    _check(client.get("/no-such-page"), "404")


@pytest.mark.parametrize("role", list(Role))
def test_signed_in_pages_are_never_stored(app, client, login_as, role):
    login_as(role)
    for endpoint, method, url in routes(app):
        if method != "GET":
            continue
        response = client.get(url)
        _check(response, endpoint)
        if endpoint in ASSETS:
            continue
        assert response.headers.get("Cache-Control") == "no-store", endpoint
    for path in ("/static/css/app.css", "/favicon.ico"):  # files for everyone, the same for everyone: cached
        assert client.get(path).headers.get("Cache-Control") != "no-store", path


def test_no_template_holds_an_inline_script_or_handler():
    offenders = []
    for path in Path(PROJECT_ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        if (
            re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text)
            or re.search(r"\son[a-z]+\s*=", text)
            or "javascript:" in text
        ):
            offenders.append(path.name)
    assert offenders == []


def test_production_adds_hsts_and_refuses_unknown_hosts(backend, tmp_path, monkeypatch):
    monkeypatch.setenv("RECRUIT_ENV", "production")
    monkeypatch.setenv("RECRUIT_SECRET_KEY", "x" * 32)
    app = migrated_app(
        backend,
        "hosts",
        tmp_path,
        RECRUIT_ENV="production",
        TESTING=False,
        DEBUG=False,
        TRUSTED_HOSTS=["recruit.example.cn"],
    )
    client = app.test_client()
    good = client.get("/", base_url="https://recruit.example.cn")
    assert good.status_code == 200
    assert good.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert client.get("/", base_url="https://evil.example.com").status_code == 400


def test_debug_is_never_on_in_production(monkeypatch):
    from recruit import create_app
    from recruit.config import ConfigError

    monkeypatch.setenv("RECRUIT_ENV", "production")
    monkeypatch.setenv("RECRUIT_SECRET_KEY", "x" * 32)
    with pytest.raises(ConfigError):
        create_app({"DEBUG": True})
