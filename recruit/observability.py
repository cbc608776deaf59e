"""Logging: one line per request with its request id, and every error with its traceback; never form contents.
Production writes JSON lines (RECRUIT_LOG_FORMAT=json), one object a record, for a log collector."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, g, has_request_context, request
from sqlalchemy import inspect as sa_inspect

from recruit.metrics import LATENCY, REQUESTS

REQUEST_LOGGER = "recruit.requests"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
REQUEST_ID_HEADER = "X-Request-ID"
# A request id a proxy passes on is kept only when it looks like one (it ends up in logs and headers).
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
FIELDS = ("user", "method", "endpoint", "status", "duration_ms")


class RequestIdFilter(logging.Filter):
    """Give every record made while serving a request that request's id ("-" outside one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Attach the id; never drops a record."""
        record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return True


class JSONFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request id, the request's fields, any traceback."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        entry.update({name: getattr(record, name) for name in FIELDS if hasattr(record, name)})
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_root_logging(level: str, fmt: str = "text") -> None:
    """Log to stderr (text with timestamps, or JSON lines), unless the host process (gunicorn, pytest) already set
    logging up; every record carries its request id."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JSONFormatter() if fmt == "json" else logging.Formatter(LOG_FORMAT))
        root.addHandler(handler)
        root.setLevel(logging.WARNING)
    for handler in root.handlers:
        if not any(isinstance(f, RequestIdFilter) for f in handler.filters):
            handler.addFilter(RequestIdFilter())
    logging.getLogger("recruit").setLevel(level)
    logging.getLogger("alembic").setLevel(logging.INFO)


def log_format(config) -> str:
    """RECRUIT_LOG_FORMAT, else JSON lines in production and text elsewhere."""
    return config.get("LOG_FORMAT") or ("json" if config.get("RECRUIT_ENV") == "production" else "text")


def _logged_user_id() -> str:
    """The signed-in user's id as the log shows it, read without the database (it may be what just failed)."""
    user = g.get("_login_user")
    if user is None or not getattr(user, "is_authenticated", False):
        return "-"
    identity = sa_inspect(user).identity
    return str(identity[0]) if identity else "-"


def init_logging(app: Flask) -> None:
    """Log each request's id, user, endpoint, status and duration; errors go to the app logger."""
    configure_root_logging(app.config["LOG_LEVEL"], log_format(app.config))
    # Flask logs unhandled exceptions with their traceback through app.logger; route it to the same place.
    app.logger.setLevel(app.config["LOG_LEVEL"])
    request_log = logging.getLogger(REQUEST_LOGGER)

    @app.before_request
    def _start_request():
        g.request_started = time.perf_counter()
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = offered if REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex

    @app.after_request
    def _log_request(response):
        response.headers.setdefault(REQUEST_ID_HEADER, g.get("request_id", "-"))
        if app.config["LOG_REQUESTS"] and request.endpoint != "static":
            started = g.get("request_started", time.perf_counter())
            user_id = _logged_user_id()
            fields = {
                "user": user_id,
                "method": request.method,
                # The endpoint, not the URL: query strings can carry tokens.
                "endpoint": request.endpoint or "-",
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            }
            request_log.info(
                "user=%s method=%s endpoint=%s status=%s duration_ms=%.1f",
                *fields.values(),
                extra=fields,
            )
        if request.endpoint != "static":
            endpoint = request.endpoint or "unmatched"  # never the raw path: one series per route, not per URL
            REQUESTS.labels(endpoint, request.method, str(response.status_code)).inc()
            LATENCY.labels(endpoint).observe(time.perf_counter() - g.get("request_started", time.perf_counter()))
        return response
