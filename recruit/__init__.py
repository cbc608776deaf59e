"""recruit: the platform of the national 100-day online recruitment campaign for graduates and SMEs."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def instance_path() -> str:
    """The instance folder: RECRUIT_INSTANCE_PATH, else instance/ in the project."""
    import os

    return os.environ.get("RECRUIT_INSTANCE_PATH") or str(PROJECT_ROOT / "instance")


def create_app(config: dict | None = None) -> Flask:
    """Build the web application; `config` overrides settings read from the environment."""
    app = Flask(
        __name__,
        instance_path=instance_path(),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    register_config(app, config or {})
    register_proxy(app)
    register_extensions(app)
    register_derived_data()
    register_auth(app)
    register_i18n(app)
    register_url_converters(app)
    register_blueprints(app)
    register_errors(app)
    register_security_headers(app)
    register_logging(app)
    register_template_context(app)
    register_cli(app)
    return app


def register_config(app: Flask, overrides: dict) -> None:
    """Load settings from the environment, then `overrides`, and check them."""
    from recruit.config import check_production, ensure_secret_key, load_settings, trusted_hosts

    app.config.update(load_settings(app.instance_path))
    app.config.update(overrides)
    check_production(app.config)
    if "TRUSTED_HOSTS" not in overrides:
        app.config["TRUSTED_HOSTS"] = trusted_hosts(
            app.config["RECRUIT_ENV"], app.config["RECRUIT_TRUSTED_HOSTS"], app.config["RECRUIT_BASE_URL"]
        )
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["RECRUIT_TIMEZONE"]
    ensure_secret_key(app.config, app.instance_path)
    from recruit import clock, runtime

    clock.configure(app.config["RECRUIT_TIMEZONE"])
    runtime.configure(app.config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)


def register_proxy(app: Flask) -> None:
    """Behind N trusted reverse proxies, take the client's address from X-Forwarded-For (rate limits, logs)."""
    hops = app.config["RECRUIT_TRUSTED_PROXIES"]
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def register_derived_data() -> None:
    """Keep search rows, the matching texts' change marks and the graduates' standing in step with every edit."""
    from recruit.services.discovery.derived import follow_edits
    from recruit.services.universities.standing import keep_standing

    follow_edits()
    keep_standing()


def register_extensions(app: Flask) -> None:
    """Bind the database, migrations, CSRF protection and the rate limiter."""
    from recruit.database import configure_engine, engine_options
    from recruit.extensions import csrf, db, limiter, migrate

    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        **engine_options(app.config["SQLALCHEMY_DATABASE_URI"]),
        **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}),
    }
    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    from recruit.services.discovery.search import configure_cache

    configure_cache(app.config["RECRUIT_CACHE_SECONDS"])
    from recruit.matching import store

    store.REFRESH_SECONDS = min(1.0, app.config["RECRUIT_CACHE_SECONDS"])
    register_write_intent(app)
    register_session_end(app)


def register_session_end(app: Flask) -> None:
    """End each request's session even when its connection died (a database restart): rolling back on a dead
    connection raises, and the answer (a 503 page) is already made. Runs before Flask-SQLAlchemy's own teardown."""
    from sqlalchemy.exc import DBAPIError

    from recruit.extensions import db

    @app.teardown_appcontext
    def _end_session(_error=None):
        try:
            db.session.remove()
        except DBAPIError as error:  # the pool has invalidated the connection; nothing was committed
            app.logger.warning("closing a session whose connection died: %s", error.orig)


def register_write_intent(app: Flask) -> None:
    """A request's transactions may write unless its method only reads (GET, HEAD, OPTIONS): see database.py."""
    from flask import request

    from recruit.database import set_write_intent

    @app.before_request
    def _declare_write_intent():
        view = app.view_functions.get(request.endpoint)
        # A page that shows personal data writes its read to the audit log (web.helpers.audited_read).
        set_write_intent(request.method not in ("GET", "HEAD", "OPTIONS") or getattr(view, "records_reads", False))

    @app.teardown_request
    def _restore_write_intent(_error=None):
        set_write_intent(True)


def register_auth(app: Flask) -> None:
    """Load the logged-in user from the server-side session on each request; then the gates (privacy notice, an
    operator's second step)."""
    from recruit.web.access import init_login
    from recruit.web.gates import init_gates

    init_login(app)
    init_gates(app)


def register_i18n(app: Flask) -> None:
    """Choose each request's language (English or Simplified Chinese)."""
    from recruit.web.i18n import init_i18n

    init_i18n(app)


def register_url_converters(app: Flask) -> None:
    """Ids in URLs are row ids: a number too large for one does not match the route (a 404)."""
    from recruit.web.converters import RowIdConverter

    app.url_map.converters["int"] = RowIdConverter


def register_blueprints(app: Flask) -> None:
    """Mount one blueprint per audience."""
    from recruit.web import admin, api, auth, career, conversations, employer, graduate, inbox, public
    from recruit.web.api import probes

    for module in (public, auth, inbox, conversations, graduate, employer, career, admin, api, probes):
        app.register_blueprint(module.bp)
    if app.config["RECRUIT_ENV"] == "development":
        from recruit.web import devmail

        app.register_blueprint(devmail.bp)


def register_security_headers(app: Flask) -> None:
    """Content-Security-Policy, no framing, no sniffing, HSTS in production, no caching of signed-in pages."""
    from recruit.web.security_headers import init_security_headers

    init_security_headers(app)


def register_errors(app: Flask) -> None:
    """Render 400, 403, 404, 413, 429 and 500 inside the layout."""
    from recruit.web.errors import init_errors

    init_errors(app)


def register_logging(app: Flask) -> None:
    """Log one line per request and every error with its traceback."""
    from recruit.observability import init_logging

    init_logging(app)


def register_template_context(app: Flask) -> None:
    """Give every template the running campaign and the user's unread count."""
    from recruit.web.context import init_template_context

    init_template_context(app)


def register_cli(app: Flask) -> None:
    """Add the `recruit` commands to `flask --app recruit`."""
    from recruit.cli import register_commands

    register_commands(app)
