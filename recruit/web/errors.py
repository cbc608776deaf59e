"""Error pages inside the layout; a CSRF failure is a 400 with a message that says what to do."""

from __future__ import annotations

from flask import Flask, g, jsonify, render_template, request, session
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Go back and try again.")),
    403: (_l("Not allowed"), _l("Your account may not see this page.")),
    404: (_l("Not found"), _l("There is no page at this address.")),
    405: (_l("Not allowed"), _l("This page cannot be used that way.")),
    413: (_l("Too large"), _l("What you sent is too large. A resume may be at most 5 MB.")),
    429: (_l("Too many attempts"), _l("Too many attempts in a short time. Wait a minute and try again.")),
    500: (_l("Something went wrong"), _l("An error on our side stopped this page. It has been logged.")),
    503: (
        _l("Busy for a moment"),
        _l("The database could not be reached just now, and nothing was changed. Try again in a few seconds."),
    ),
}
RETRY_AFTER_SECONDS = 5


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def render_error(code: int, detail=None):
    """Render the error page for `code` (JSON under /api/)."""
    title, message = MESSAGES.get(code, MESSAGES[500])
    if _wants_json():
        return jsonify(error=str(title), message=str(detail or message)), code
    return render_template("errors/error.html", code=code, title=title, message=detail or message), code


def init_errors(app: Flask) -> None:
    """Register the handlers."""

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return render_error(400, _l("The form expired or was sent from elsewhere. Reload the page and send it again."))

    @app.errorhandler(SecurityError)
    def unknown_host(_error):
        # A Host header outside TRUSTED_HOSTS: no page of ours (its links would name that host), just the refusal.
        return "Unknown host.\n", 400, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        return render_error(error.code)

    @app.errorhandler(InternalServerError)
    def server_error(_error):
        return _without_database(app, 500)

    @app.errorhandler(OperationalError)
    def database_unavailable(error):
        # The database went away (a restart, a fail-over) or stayed locked past the busy timeout: the transaction
        # was rolled back, so nothing is half-done; the pool's pre-ping reconnects on the next request.
        app.logger.error("database unavailable: %s", error.orig if error.orig is not None else error)
        return _without_database(app, 503)


def _without_database(app: Flask, code: int):
    """An error page that needs nothing from the database: it may be what failed. The language comes from the
    session or the browser, not from the user's stored choice."""
    g.serving_server_error = True
    if "_login_user" not in g:  # the user could not be loaded (the database failed): the page shows nobody
        from recruit.extensions import login_manager

        g._login_user = login_manager.anonymous_user()
    title, message = MESSAGES[code]
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if code == 503 else {}
    with force_locale(_locale_without_database(app)):
        if _wants_json():
            return jsonify(error=str(title), message=str(message)), code, headers
        return render_template("errors/server_error.html", code=code, title=title, message=message), code, headers


def _locale_without_database(app: Flask) -> str:
    from recruit.web.i18n import LANGUAGES

    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or app.config["BABEL_DEFAULT_LOCALE"]
