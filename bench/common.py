"""What every benchmark shares: printing figures, and an app on a fresh database."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

from recruit.database import empty_postgres_schema_url


def emit(bench: str, metric: str, value: float, unit: str, **extra) -> None:
    """Print one figure as a JSON line."""
    print(
        json.dumps(
            {"bench": bench, "metric": metric, "value": round(value, 3), "unit": unit, **extra}, ensure_ascii=False
        ),
        flush=True,
    )


def fresh_database(db: str, name: str) -> str:
    """Return the URL of an empty database: a new SQLite file, or a new schema on the PostgreSQL at `db`."""
    if db == "sqlite":
        path = Path(tempfile.mkdtemp(prefix=f"bench-{name}-")) / "bench.db"
        return f"sqlite:///{path}"
    return empty_postgres_schema_url(db, f"bench_{name}")


def backend_name(url: str) -> str:
    """'sqlite' or 'postgresql', for the figures' "db" field."""
    return make_url(url).get_backend_name()


def bench_app(url: str):
    """An app on `url` with its schema migrated."""
    from flask_migrate import upgrade

    from recruit import create_app
    from recruit.extensions import db

    tmp = Path(tempfile.mkdtemp(prefix="bench-app-"))
    app = create_app(
        {
            "RECRUIT_ENV": "testing",
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": url,
            "RECRUIT_UPLOAD_DIR": str(tmp / "uploads"),
            "LOG_REQUESTS": False,
            "RECRUIT_CACHE_SECONDS": 0,
        }
    )
    with app.app_context():
        upgrade()
        db.session.remove()
    return app
