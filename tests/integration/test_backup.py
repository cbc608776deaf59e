"""recruit backup and recruit restore: the database and every uploaded file into a folder with a manifest; a restore
into a new, empty database passes the integrity check and matches the row counts and file checksums — on both
databases. A restore that does not match, or into a database that is not empty, is refused."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from recruit import create_app
from recruit.backup import file_checksums, row_counts
from recruit.extensions import db
from recruit.seeding.loader import SeedSizes, seed_database
from tests.support.apps import POSTGRES_ENV, app_config, dispose, migrated_app


@pytest.fixture
def source(backend, tmp_path):
    """A migrated database with a seeded campaign, and an upload folder holding two files."""
    (tmp_path / "source").mkdir()
    app = migrated_app(backend, "backup-source", tmp_path / "source", RECRUIT_UPLOAD_DIR=str(tmp_path / "uploads"))
    with app.app_context():
        seed_database(db.session, SeedSizes(universities=5, graduates=60, companies=6, vacancies=20, applications=80))
        db.session.commit()
        url = db.engine.url.render_as_string(hide_password=False)
        db.session.remove()
    resumes = tmp_path / "uploads" / "resumes"
    resumes.mkdir(parents=True)
    (resumes / "a.pdf").write_bytes(b"%PDF-1.4 first resume")
    (resumes / "b.pdf").write_bytes(b"%PDF-1.4 second resume \x00\xff")
    yield app, url
    dispose(app)


@pytest.fixture
def empty_target(backend, tmp_path, source):
    """The URL of a new, empty database to restore into (PostgreSQL: a new database, the source's schema name)."""
    _app, source_url = source
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    name = f"recruit_restore_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    server = create_engine(
        make_url(os.environ[POSTGRES_ENV]).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    target = make_url(source_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield target
    finally:
        create_engine(target).dispose()
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def test_a_backup_restores_into_a_new_database_with_every_row_and_file(source, empty_target, tmp_path):
    app, source_url = source
    backup_dir = tmp_path / "backup"
    result = app.test_cli_runner().invoke(args=["backup", str(backup_dir)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert manifest["row_counts"]["applications"] == 80 and len(manifest["files"]) == 2

    restored_uploads = tmp_path / "restored-uploads"
    target_app = create_app(app_config(empty_target, tmp_path / "target", RECRUIT_UPLOAD_DIR=str(restored_uploads)))
    restored = target_app.test_cli_runner().invoke(args=["restore", str(backup_dir)])
    assert restored.exit_code == 0, restored.output
    assert "integrity, row counts and checksums match" in restored.output
    assert row_counts(empty_target) == row_counts(source_url)
    assert file_checksums(restored_uploads) == file_checksums(tmp_path / "uploads")
    assert (restored_uploads / "resumes" / "b.pdf").read_bytes() == b"%PDF-1.4 second resume \x00\xff"
    with target_app.app_context():  # the restored database serves the app
        assert target_app.test_client().get("/vacancies").status_code == 200
        db.session.remove()
    dispose(target_app)

    again = create_app(app_config(empty_target, tmp_path / "again", RECRUIT_UPLOAD_DIR=str(tmp_path / "other")))
    refused = again.test_cli_runner().invoke(args=["restore", str(backup_dir)])
    assert refused.exit_code != 0 and "not empty" in refused.output
    dispose(again)


def test_a_restore_that_does_not_match_its_backup_is_refused(source, empty_target, tmp_path):
    app, _url = source
    backup_dir = tmp_path / "backup"
    assert app.test_cli_runner().invoke(args=["backup", str(backup_dir)]).exit_code == 0
    (backup_dir / "uploads" / "resumes" / "a.pdf").write_bytes(b"tampered")
    target_app = create_app(app_config(empty_target, tmp_path / "target", RECRUIT_UPLOAD_DIR=str(tmp_path / "r")))
    result = target_app.test_cli_runner().invoke(args=["restore", str(backup_dir)])
    assert result.exit_code != 0 and "uploads differ" in result.output and "a.pdf" in result.output
    dispose(target_app)
    assert app.test_cli_runner().invoke(args=["restore", str(Path(tmp_path / "nothing"))]).exit_code != 0
