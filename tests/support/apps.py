"""Test plumbing shared by the suites: database back-ends and apps under test."""

from __future__ import annotations

import atexit
import os

from flask_migrate import upgrade

from recruit import create_app
from recruit.database import empty_postgres_schema_url
from recruit.extensions import db

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
    # In CI a PostgreSQL that cannot be reached is a failure, never a skip: this raises. The schema name
    # carries the process id, so two test runs on one server (a developer's and CI's) never collide.
    schema = f"recruit_{name}_{os.getpid()}"
    url = empty_postgres_schema_url(os.environ[POSTGRES_ENV], schema)
    _created_schemas.add(schema)
    return url


_created_schemas: set[str] = set()


@atexit.register
def _drop_created_schemas() -> None:
    if not _created_schemas:
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(os.environ[POSTGRES_ENV])
    engine = create_engine(
        base.set(drivername="postgresql+psycopg") if base.drivername == "postgresql" else base,
        isolation_level="AUTOCOMMIT",
    )
    try:
        with engine.connect() as connection:
            for schema in _created_schemas:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    except Exception:  # noqa: BLE001  (a leftover schema is harmless; the next run makes its own)
        pass
    finally:
        engine.dispose()


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
        "RECRUIT_CACHE_SECONDS": 0,  # tests change vacancies and search again at once
        "RECRUIT_TRAINED_MODEL_DIR": str(tmp_dir / "no-trained-model"),  # a developer's instance/ never leaks in
    }
    config.update(overrides)
    return config


def migrated_app(backend: str, name: str, tmp_dir, **overrides):
    """An app on a fresh database of its own, its schema made by the migrations."""
    app = create_app(app_config(fresh_database_url(backend, name, tmp_dir), tmp_dir, **overrides))
    with app.app_context():
        upgrade()
        db.session.remove()
    return app


def dispose(app) -> None:
    """Close the app's database connections."""
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
