"""Settings, each read from a RECRUIT_* environment variable (see README, "Configuration")."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

ENVIRONMENTS = ("production", "development", "testing")
DEFAULT_TIMEZONE = "Asia/Shanghai"  # the campaign's time zone unless RECRUIT_TIMEZONE says otherwise


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the app refuses to start."""


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(f"RECRUIT_{name}")
    return value if value not in (None, "") else default


def _env_bool(name: str, default: bool) -> bool:
    value = _env(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def trusted_hosts(env: str, listed: str | None, base_url: str) -> list[str] | None:
    """The hosts a request may name: RECRUIT_TRUSTED_HOSTS (comma-separated), else in production the host of
    RECRUIT_BASE_URL; None (any host) in development and tests unless listed."""
    if listed:
        return [host.strip() for host in listed.split(",") if host.strip()]
    if env != "production":
        return None
    from urllib.parse import urlsplit

    return [urlsplit(base_url).hostname or "localhost"]


def check_production(config: dict) -> None:
    """Refuse settings a public deployment must never run with (debug on)."""
    if config.get("RECRUIT_ENV") == "production" and (config.get("DEBUG") or config.get("TESTING")):
        raise ConfigError("debug and testing modes are never on in production")


def load_settings(instance_path: str) -> dict:
    """Build the Flask config mapping from the environment."""
    env = _env("ENV", "production")
    if env not in ENVIRONMENTS:
        raise ConfigError(f"RECRUIT_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}")
    instance = Path(instance_path)
    timezone = _env("TIMEZONE", DEFAULT_TIMEZONE)
    return {
        "RECRUIT_ENV": env,
        "DEBUG": env == "development",
        "TESTING": env == "testing",
        "SECRET_KEY": _env("SECRET_KEY"),
        "SQLALCHEMY_DATABASE_URI": _env("DATABASE_URL", f"sqlite:///{instance / 'recruit.db'}"),
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        # Development delivers into a folder the demo's mailbox page shows (/dev/mailbox), not to a relay.
        "RECRUIT_SMTP_URL": _env(
            "SMTP_URL", f"file://{(instance / 'mailbox').resolve()}" if env == "development" else "smtp://127.0.0.1:25"
        ),
        "RECRUIT_MAIL_FROM": _env("MAIL_FROM", "recruit <no-reply@recruit.localhost>"),
        "RECRUIT_BASE_URL": _env("BASE_URL", "http://127.0.0.1:5000"),
        # Host headers the app answers (others get a 400): see trusted_hosts().
        "RECRUIT_TRUSTED_HOSTS": _env("TRUSTED_HOSTS"),
        "RECRUIT_TIMEZONE": timezone,
        "RECRUIT_EMBEDDING_MODEL": _env("EMBEDDING_MODEL", ""),
        # Where `recruit train-encoder` writes the trained encoder; with no RECRUIT_EMBEDDING_MODEL set, the model in
        # this folder is the one used (the bundled English one while there is none).
        "RECRUIT_TRAINED_MODEL_DIR": _env("TRAINED_MODEL_DIR", str(instance / "models" / "recruit-encoder")),
        "RECRUIT_EMBEDDING_QUANTIZE": _env_bool("EMBEDDING_QUANTIZE", True),
        # Search fills a first page keywords cannot fill with vacancies close in meaning (a torch-free model only).
        "RECRUIT_SEARCH_BY_MEANING": _env_bool("SEARCH_BY_MEANING", True),
        "RECRUIT_EMBEDDING_QUERY_PREFIX": _env("EMBEDDING_QUERY_PREFIX"),
        "RECRUIT_EMBEDDING_PASSAGE_PREFIX": _env("EMBEDDING_PASSAGE_PREFIX"),
        "RECRUIT_EMBEDDING_MAX_TOKENS": int(_env("EMBEDDING_MAX_TOKENS", "128")),
        "RECRUIT_MODEL_CACHE_DIR": _env("MODEL_CACHE_DIR", str(instance / "models")),
        "RECRUIT_UPLOAD_DIR": _env("UPLOAD_DIR", str(instance / "uploads")),
        "RATELIMIT_STORAGE_URI": _env("RATELIMIT_STORAGE_URL", "memory://"),
        "RATELIMIT_ENABLED": _env_bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        "BABEL_DEFAULT_LOCALE": _env("DEFAULT_LOCALE", "zh"),
        "BABEL_DEFAULT_TIMEZONE": timezone,
        "RECRUIT_TRUSTED_PROXIES": int(_env("TRUSTED_PROXIES", "0")),
        "RECRUIT_CACHE_SECONDS": float(_env("CACHE_SECONDS", "30")),
        "LOG_LEVEL": _env("LOG_LEVEL", "INFO"),
        "RECRUIT_METRICS_TOKEN": _env("METRICS_TOKEN"),
        # Log-in sessions: idle time-outs, and how long "stay logged in on this device" lasts (never for operators).
        "RECRUIT_IDLE_MINUTES": int(_env("IDLE_MINUTES", "60")),
        "RECRUIT_OPERATOR_IDLE_MINUTES": int(_env("OPERATOR_IDLE_MINUTES", "15")),
        "RECRUIT_REMEMBER_DAYS": int(_env("REMEMBER_DAYS", "7")),
        # Graduates inactive since the last campaign ended are erased this many days after its end, having been
        # told RETENTION_NOTICE_DAYS before (services.people.retention).
        "RECRUIT_RETENTION_DAYS": int(_env("RETENTION_DAYS", "180")),
        "RECRUIT_RETENTION_NOTICE_DAYS": int(_env("RETENTION_NOTICE_DAYS", "30")),
        # Universities with at least this many registered graduates see their career dashboard as the worker last
        # counted it (every five minutes); smaller ones are counted at each page view (services.universities.dashboard).
        "RECRUIT_CAREER_SNAPSHOT_FROM": int(_env("CAREER_SNAPSHOT_FROM", "2000")),
        "LOG_FORMAT": _env("LOG_FORMAT"),  # default: observability.log_format()
        "LOG_REQUESTS": _env_bool("LOG_REQUESTS", True),
        # A resume is at most 5 MB; the form around it needs a little more.
        "MAX_CONTENT_LENGTH": 6 * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env == "production" and _env_bool("SECURE_COOKIES", True),
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=int(_env("SESSION_HOURS", "12"))),
        "WTF_CSRF_TIME_LIMIT": None,
        "SQLALCHEMY_RECORD_QUERIES": False,
    }


def ensure_secret_key(config: dict, instance_path: str) -> None:
    """Refuse to run production without a key; in development keep one in instance/secret_key."""
    if config.get("SECRET_KEY"):
        return
    if config["RECRUIT_ENV"] == "production":
        raise ConfigError(
            "RECRUIT_SECRET_KEY must be set in production (e.g. `python -c 'import secrets; "
            "print(secrets.token_hex(32))'`)"
        )
    key_file = Path(instance_path) / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    config["SECRET_KEY"] = key_file.read_text().strip()
