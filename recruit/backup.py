"""Backups a public authority can rely on: the database (SQLite's online backup API, or pg_dump) and every
uploaded file, with a manifest of row counts and file checksums that a restore is checked against.

A backup is a folder: `manifest.json`, `database.sqlite3` or `database.dump`, and `uploads/` as it was.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, func, inspect, select, table, text
from sqlalchemy.engine import make_url

from recruit import clock

MANIFEST = "manifest.json"


class BackupError(RuntimeError):
    """A backup or restore could not be made, or a restore does not match its backup."""


@dataclass
class Manifest:
    """What a backup holds, to check a restore against."""

    created_at: str
    database: str  # "sqlite" or "postgresql"
    row_counts: dict[str, int] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # path under uploads/ → sha256
    schema: str | None = None  # PostgreSQL: the schema dumped (None: the whole database)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_checksums(upload_dir: Path) -> dict[str, str]:
    """Every file under `upload_dir` with its SHA-256."""
    if not upload_dir.is_dir():
        return {}
    return {str(p.relative_to(upload_dir)): _sha256(p) for p in sorted(upload_dir.rglob("*")) if p.is_file()}


def row_counts(url: str) -> dict[str, int]:
    """Rows in every table of the database at `url`."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            names = [n for n in inspect(connection).get_table_names() if not n.startswith("vacancy_fts")]
            return {n: connection.execute(select(func.count()).select_from(table(n))).scalar_one() for n in names}
    finally:
        engine.dispose()


def _postgres_target(url: str) -> tuple[str, str | None]:
    """A libpq connection string for pg_dump/pg_restore, and the schema named by the URL's search_path."""
    parsed = make_url(url)
    options = parsed.query.get("options", "")
    schema = options.split("search_path=", 1)[1].split()[0] if "search_path=" in options else None
    plain = parsed.set(drivername="postgresql", query={}).render_as_string(hide_password=False)
    return plain, schema


def backup(url: str, upload_dir: Path, destination: Path) -> Manifest:
    """Write a backup of the database at `url` and of `upload_dir` into the new folder `destination`."""
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty")
    destination.mkdir(parents=True, exist_ok=True)
    kind = make_url(url).get_backend_name()
    counts = row_counts(url)
    schema = None
    if kind == "sqlite":
        source = sqlite3.connect(make_url(url).database)
        target = sqlite3.connect(destination / "database.sqlite3")
        try:
            source.backup(target)  # a consistent copy while the app keeps writing
        finally:
            target.close()
            source.close()
    else:
        connection, schema = _postgres_target(url)
        command = ["pg_dump", "--format=custom", "--no-owner", f"--file={destination / 'database.dump'}"]
        command += [f"--schema={schema}"] if schema else []
        _run([*command, connection])
    if upload_dir.is_dir():
        shutil.copytree(upload_dir, destination / "uploads")
    manifest = Manifest(clock.now().isoformat(), kind, counts, file_checksums(upload_dir), schema)
    (destination / MANIFEST).write_text(json.dumps(asdict(manifest), indent=2, ensure_ascii=False))
    return manifest


def _run(command: list[str]) -> None:
    completed = subprocess.run(command, capture_output=True, text=True)  # nosec B603: our own fixed arguments
    if completed.returncode != 0:
        raise BackupError(f"{command[0]} failed: {completed.stderr.strip()[:2000]}")


def read_manifest(source: Path) -> Manifest:
    """The manifest of the backup in `source`."""
    path = source / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} holds no {MANIFEST}: not a recruit backup")
    return Manifest(**json.loads(path.read_text()))


def restore(source: Path, url: str, upload_dir: Path) -> Manifest:
    """Restore the backup in `source` into the empty database at `url` and the empty `upload_dir`, then check it."""
    manifest = read_manifest(source)
    kind = make_url(url).get_backend_name()
    if kind != manifest.database:
        raise BackupError(f"this backup is of {manifest.database}, not {kind}")
    if any(row_counts(url).values()):
        raise BackupError("the target database is not empty")
    if upload_dir.exists() and any(upload_dir.iterdir()):
        raise BackupError(f"{upload_dir} is not empty")
    if kind == "sqlite":
        path = Path(make_url(url).database)
        path.unlink(missing_ok=True)
        source_db = sqlite3.connect(source / "database.sqlite3")
        target = sqlite3.connect(path)
        try:
            source_db.backup(target)
        finally:
            target.close()
            source_db.close()
    else:
        connection, schema = _postgres_target(url)
        if schema != manifest.schema:
            raise BackupError(f"restore into the schema it was taken from ({manifest.schema}), not {schema}")
        if schema:
            _drop_schema(url, schema)  # empty (checked above); pg_restore makes it again, as it was
        _run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={connection}", str(source / "database.dump")])
    if (source / "uploads").is_dir():
        shutil.copytree(source / "uploads", upload_dir, dirs_exist_ok=True)
    check_restore(manifest, url, upload_dir)
    return manifest


def _drop_schema(url: str, schema: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))  # the URL's own, empty schema
    finally:
        engine.dispose()


def check_restore(manifest: Manifest, url: str, upload_dir: Path) -> None:
    """Raise unless the database passes its integrity check and holds the manifest's rows and files."""
    if manifest.database == "sqlite":
        connection = sqlite3.connect(make_url(url).database)
        try:
            verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            connection.close()
        if verdict != "ok":
            raise BackupError(f"integrity check: {verdict}")
    counts = row_counts(url)
    differing = {name: (n, counts.get(name)) for name, n in manifest.row_counts.items() if counts.get(name) != n}
    if differing:
        raise BackupError(f"row counts differ (backup, restored): {differing}")
    files = file_checksums(upload_dir)
    if files != manifest.files:
        missing = sorted(set(manifest.files) - set(files))
        changed = sorted(p for p in manifest.files if p in files and files[p] != manifest.files[p])
        raise BackupError(f"uploads differ: missing {missing[:5]}, changed {changed[:5]}")
