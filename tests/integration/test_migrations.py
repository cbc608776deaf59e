"""The migrations are the only way the schema is made: they agree with the models and run both ways."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from recruit import create_app
from recruit.database import include_in_autogenerate
from recruit.extensions import db
from recruit.models import Base
from tests.support.apps import app_config, fresh_database_url

EXPECTED_TABLES = {
    "users",
    "user_sessions",
    "universities",
    "graduate_profiles",
    "companies",
    "company_members",
    "vacancies",
    "saved_vacancies",
    "applications",
    "application_events",
    "interviews",
    "campaigns",
    "campaign_phases",
    "notifications",
    "outbox_emails",
    "announcements",
    "embeddings",
    "audit_log",
    "leases",
    "company_invitations",
    "vacancy_search",
}


def test_models_and_migrations_agree(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_in_autogenerate}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_upgrade_from_empty_downgrade_to_base_and_upgrade_again(backend, tmp_path):
    url = fresh_database_url(backend, "migrations", tmp_path)
    app = create_app(app_config(url, tmp_path))
    with app.app_context():
        upgrade()
        assert EXPECTED_TABLES <= set(inspect(db.engine).get_table_names())
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert EXPECTED_TABLES <= set(inspect(db.engine).get_table_names())
        db.session.remove()
        db.engine.dispose()
