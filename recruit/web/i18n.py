"""Language choice: the user's pick, else the browser's, else the configured default."""

from __future__ import annotations

from flask import Flask, has_request_context, request, session
from flask_babel import get_locale
from flask_login import current_user

from recruit import i18n
from recruit.extensions import babel

LANGUAGES = {"en": "English", "zh": "简体中文"}


def select_locale() -> str:
    """Return the locale for this request (the default one outside requests, e.g. in the CLI)."""
    from flask import current_app

    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    return request.accept_languages.best_match(LANGUAGES) or current_app.config["BABEL_DEFAULT_LOCALE"]


def _request_locale() -> str | None:
    return str(get_locale()) if has_request_context() else None


def init_i18n(app: Flask) -> None:
    """Bind Flask-Babel with our locale selector; messages of services (recruit.i18n) follow the same choice."""
    babel.init_app(app, locale_selector=select_locale)
    i18n.configure(app.config["BABEL_DEFAULT_LOCALE"], provider=_request_locale)
    app.jinja_env.globals["LANGUAGES"] = LANGUAGES
    app.jinja_env.globals["get_locale"] = get_locale
