"""Test plumbing shared by the suites: database back-ends and the app configuration for tests."""

from __future__ import annotations

import os

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

TEST_SECRET_KEY = "test-secret-key-not-for-production"
POSTGRES_ENV = "RECRUIT_TEST_DATABASE_URL"


def backends() -> list[str]:
    """Back-ends every database test runs on: SQLite always, PostgreSQL when configured."""
    return ["sqlite", "postgresql"] if os.environ.get(POSTGRES_ENV) else ["sqlite"]


def fresh_database_url(backend: str, name: str, tmp_dir) -> str:
    """Return the URL of an empty database (a new SQLite file, or a new PostgreSQL schema)."""
    if backend == "sqlite":
        path = tmp_dir / f"{name}.db"
        for suffix in ("", "-wal", "-shm"):
            candidate = path.with_name(path.name + suffix)
            if candidate.exists():
                candidate.unlink()
        return f"sqlite:///{path}"
    base = make_url(os.environ[POSTGRES_ENV])
    if base.drivername == "postgresql":
        base = base.set(drivername="postgresql+psycopg")
    schema = f"recruit_{name}"
    # In CI a PostgreSQL that cannot be reached is a failure, never a skip: this raises.
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


def app_config(database_url: str, tmp_dir, **overrides) -> dict:
    """The configuration of an app under test."""
    config = {
        "RECRUIT_ENV": "testing",
        "TESTING": True,
        "DEBUG": False,
        "SECRET_KEY": TEST_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "BABEL_DEFAULT_LOCALE": "en",
        "SESSION_COOKIE_SECURE": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_ENABLED": True,
        "RECRUIT_UPLOAD_DIR": str(tmp_dir / "uploads"),
        "RECRUIT_SMTP_URL": "smtp://127.0.0.1:1",
    }
    config.update(overrides)
    return config
