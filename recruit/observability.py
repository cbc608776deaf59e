"""Logging: one line per request, and every error with its traceback; never form contents."""

from __future__ import annotations

import logging
import sys
import time

from flask import Flask, g, request
from flask_login import current_user

REQUEST_LOGGER = "recruit.requests"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def configure_root_logging(level: str) -> None:
    """Log to stderr with timestamps, unless the host process (gunicorn, pytest) already set logging up."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        root.addHandler(handler)
        root.setLevel(logging.WARNING)
    logging.getLogger("recruit").setLevel(level)
    logging.getLogger("alembic").setLevel(logging.INFO)


def init_logging(app: Flask) -> None:
    """Log each request's user, endpoint, status and duration; errors go to the app logger."""
    configure_root_logging(app.config["LOG_LEVEL"])
    # Flask logs unhandled exceptions with their traceback through app.logger; route it to the same place.
    app.logger.setLevel(app.config["LOG_LEVEL"])
    request_log = logging.getLogger(REQUEST_LOGGER)

    @app.before_request
    def _start_timer():
        g.request_started = time.perf_counter()

    @app.after_request
    def _log_request(response):
        if app.config["LOG_REQUESTS"] and request.endpoint != "static":
            started = g.get("request_started", time.perf_counter())
            user_id = current_user.get_id() if current_user and current_user.is_authenticated else "-"
            # The endpoint, not the URL: query strings can carry tokens.
            request_log.info(
                "user=%s method=%s endpoint=%s status=%s duration_ms=%.1f",
                user_id,
                request.method,
                request.endpoint or "-",
                response.status_code,
                (time.perf_counter() - started) * 1000,
            )
        return response
