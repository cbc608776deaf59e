"""one word for a posting: jobs become vacancies (tables, columns, indexes, constraints, stored values)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 21:10:00

Tables and columns are renamed in place (no copy of the data on PostgreSQL). SQLite renames tables and
columns in place too, and rewrites the foreign keys, triggers and CHECK constraints that name them; its
indexes are made again under their new names, and the tables whose unique constraints are renamed are
copied once (batch mode). The full-text table of SQLite is made again and rebuilt from the search rows.
Stored values that said "job" (embedding owners, audit actions and targets, the placeholders of stored
notification messages) are rewritten; the scheduler's stored tasks are removed, and the next worker
puts them back under their new names.
"""

import json
import re

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

TABLES = (("jobs", "vacancies"), ("saved_jobs", "saved_vacancies"), ("dismissed_jobs", "dismissed_vacancies"),
          ("job_search", "vacancy_search"))
COLUMNS = ("applications", "apply_invitations", "saved_jobs", "dismissed_jobs", "job_search")  # job_id → vacancy_id

# (table as renamed, old name, new name, columns as renamed, options)
INDEXES = (
    ("vacancies", "ix_jobs_campaign_id", "ix_vacancies_campaign_id", ["campaign_id"], {}),
    ("vacancies", "ix_jobs_company_id", "ix_vacancies_company_id", ["company_id"], {}),
    ("vacancies", "ix_jobs_province_code", "ix_vacancies_province_code", ["province_code"], {}),
    ("vacancies", "ix_jobs_status_published_at", "ix_vacancies_status_published_at", ["status", "published_at"], {}),
    ("vacancies", "ix_jobs_text_changed_at", "ix_vacancies_text_changed_at", ["text_changed_at"], {}),
    ("vacancies", "ix_jobs_search_filters", "ix_vacancies_search_filters",
     ["id", "status", "province_code", "city", "salary_max", "published_at", "min_degree", "deadline", "company_id"],
     {}),
    ("applications", "ix_applications_job_id_status", "ix_applications_vacancy_id_status", ["vacancy_id", "status"],
     {}),
    ("saved_vacancies", "ix_saved_jobs_job_id", "ix_saved_vacancies_vacancy_id", ["vacancy_id"], {}),
    ("dismissed_vacancies", "ix_dismissed_jobs_job_id", "ix_dismissed_vacancies_vacancy_id", ["vacancy_id"], {}),
    ("vacancy_search", "ix_job_search_vector", "ix_vacancy_search_vector", ["vector"],
     {"postgresql_using": "gin", "sqlite_where": sa.text("vector IS NOT NULL")}),
)
# (table as renamed, old name, new name, columns as renamed)
UNIQUES = (
    ("applications", "uq_applications_job_id_graduate_id", "uq_applications_vacancy_id_graduate_id",
     ["vacancy_id", "graduate_id"]),
    ("apply_invitations", "uq_apply_invitations_job_id_graduate_id", "uq_apply_invitations_vacancy_id_graduate_id",
     ["vacancy_id", "graduate_id"]),
    ("saved_vacancies", "uq_saved_jobs_graduate_id_job_id", "uq_saved_vacancies_graduate_id_vacancy_id",
     ["graduate_id", "vacancy_id"]),
    ("dismissed_vacancies", "uq_dismissed_jobs_graduate_id_job_id", "uq_dismissed_vacancies_graduate_id_vacancy_id",
     ["graduate_id", "vacancy_id"]),
)
# Names PostgreSQL keeps and reports (SQLite keeps them inside the table's text, where nothing compares them).
PG_CONSTRAINTS = (
    ("vacancies", "pk_jobs", "pk_vacancies"),
    ("vacancies", "fk_jobs_campaign_id_campaigns", "fk_vacancies_campaign_id_campaigns"),
    ("vacancies", "fk_jobs_company_id_companies", "fk_vacancies_company_id_companies"),
    ("vacancies", "ck_jobs_employment_type", "ck_vacancies_employment_type"),
    ("vacancies", "ck_jobs_headcount_positive", "ck_vacancies_headcount_positive"),
    ("vacancies", "ck_jobs_hired_nonnegative", "ck_vacancies_hired_nonnegative"),
    ("vacancies", "ck_jobs_job_status", "ck_vacancies_vacancy_status"),
    ("vacancies", "ck_jobs_min_degree", "ck_vacancies_min_degree"),
    ("vacancies", "ck_jobs_salary_nonnegative", "ck_vacancies_salary_nonnegative"),
    ("vacancies", "ck_jobs_salary_range", "ck_vacancies_salary_range"),
    ("applications", "fk_applications_job_id_jobs", "fk_applications_vacancy_id_vacancies"),
    ("apply_invitations", "fk_apply_invitations_job_id_jobs", "fk_apply_invitations_vacancy_id_vacancies"),
    ("saved_vacancies", "pk_saved_jobs", "pk_saved_vacancies"),
    ("saved_vacancies", "fk_saved_jobs_graduate_id_graduate_profiles",
     "fk_saved_vacancies_graduate_id_graduate_profiles"),
    ("saved_vacancies", "fk_saved_jobs_job_id_jobs", "fk_saved_vacancies_vacancy_id_vacancies"),
    ("dismissed_vacancies", "pk_dismissed_jobs", "pk_dismissed_vacancies"),
    ("dismissed_vacancies", "fk_dismissed_jobs_graduate_id_graduate_profiles",
     "fk_dismissed_vacancies_graduate_id_graduate_profiles"),
    ("dismissed_vacancies", "fk_dismissed_jobs_job_id_jobs", "fk_dismissed_vacancies_vacancy_id_vacancies"),
    ("vacancy_search", "pk_job_search", "pk_vacancy_search"),
    ("vacancy_search", "fk_job_search_job_id_jobs", "fk_vacancy_search_vacancy_id_vacancies"),
)
# SQLite's full-text index over the search rows (external content), kept in step by triggers.
FTS = {
    True: ("vacancy_fts", "vacancy_search", "vacancy_id"),
    False: ("job_fts", "job_search", "job_id"),
}
OWNER_CHECK = "ck_embeddings_owner_type"


def _fts_create(forward: bool) -> list[str]:
    fts, content, key = FTS[forward]
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5(title, body, content='{content}', content_rowid='{key}', "
        "tokenize='unicode61')",
        f"CREATE TRIGGER {content}_after_insert AFTER INSERT ON {content} BEGIN "
        f"INSERT INTO {fts}(rowid, title, body) VALUES (new.{key}, new.title, new.body); END",
        f"CREATE TRIGGER {content}_after_delete AFTER DELETE ON {content} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, title, body) VALUES ('delete', old.{key}, old.title, old.body); END",
        f"CREATE TRIGGER {content}_after_update AFTER UPDATE ON {content} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, title, body) VALUES ('delete', old.{key}, old.title, old.body); "
        f"INSERT INTO {fts}(rowid, title, body) VALUES (new.{key}, new.title, new.body); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _fts_drop(forward: bool) -> list[str]:
    fts, content, _ = FTS[forward]
    return [f"DROP TRIGGER IF EXISTS {content}_after_{event}" for event in ("update", "delete", "insert")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def _swap(pair, forward: bool):
    return pair if forward else (pair[1], pair[0])


def _rename_word(text: str, forward: bool) -> str:
    old, new = ("job", "vacancy") if forward else ("vacancy", "job")
    return re.sub(rf"%\({old}\)", f"%({new})", text)


def _rename_message(spec, forward: bool):
    """A stored notification message with its placeholders and values renamed."""
    if not isinstance(spec, dict):
        return spec
    old, new = ("job", "vacancy") if forward else ("vacancy", "job")
    result = dict(spec)
    for key in ("msgid", "plural"):
        if isinstance(result.get(key), str):
            result[key] = _rename_word(result[key], forward)
    if isinstance(result.get("values"), dict):
        result["values"] = {(new if k == old else k): _rename_message(v, forward) for k, v in result["values"].items()}
    for part in ("title", "body"):
        if part in result:
            result[part] = _rename_message(result[part], forward)
    return result


def _rewrite_messages(bind, forward: bool) -> None:
    marker = "%(job)" if forward else "%(vacancy)"
    notifications = sa.table("notifications", sa.column("id", sa.Integer), sa.column("message", sa.JSON))
    last = 0
    while True:
        rows = bind.execute(
            sa.select(notifications.c.id, notifications.c.message)
            .where(notifications.c.id > last, notifications.c.message.is_not(None))
            .order_by(notifications.c.id)
            .limit(5000)
        ).all()
        if not rows:
            return
        for row_id, message in rows:
            if marker in json.dumps(message, ensure_ascii=False):
                bind.execute(
                    notifications.update()
                    .where(notifications.c.id == row_id)
                    .values(message=_rename_message(message, forward))
                )
        last = rows[-1][0]


def _owner_check(values: tuple[str, str]) -> str:
    return "owner_type IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _migrate(forward: bool) -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    old_word, new_word = ("job", "vacancy") if forward else ("vacancy", "job")
    if sqlite:
        for statement in _fts_drop(not forward):
            op.execute(statement)

    tables = TABLES if forward else tuple((new, old) for old, new in TABLES)
    if forward:
        for table in COLUMNS:
            op.execute(f"ALTER TABLE {table} RENAME COLUMN job_id TO vacancy_id")
        for old, new in tables:
            op.execute(f"ALTER TABLE {old} RENAME TO {new}")
    else:
        for old, new in tables:
            op.execute(f"ALTER TABLE {old} RENAME TO {new}")
        for table in COLUMNS:
            op.execute(f"ALTER TABLE {table} RENAME COLUMN vacancy_id TO job_id")

    def as_table(name):  # the table's name after this step
        return name if forward else dict((new, old) for old, new in TABLES).get(name, name)

    def as_columns(names):
        return [("job_id" if n == "vacancy_id" else n) if not forward else n for n in names]

    for table, old, new, cols, options in INDEXES:
        old, new = _swap((old, new), forward)
        if sqlite:
            op.execute(f"DROP INDEX {old}")
            op.create_index(new, as_table(table), as_columns(cols), **options)
        else:
            op.execute(f"ALTER INDEX {old} RENAME TO {new}")
    for table, old, new, cols in UNIQUES:
        old, new = _swap((old, new), forward)
        if sqlite:
            with op.batch_alter_table(as_table(table), recreate="always") as batch:
                batch.drop_constraint(old, type_="unique")
                batch.create_unique_constraint(new, as_columns(cols))
        else:
            op.execute(f"ALTER TABLE {as_table(table)} RENAME CONSTRAINT {old} TO {new}")
    if not sqlite:
        for table, old, new in PG_CONSTRAINTS:
            old, new = _swap((old, new), forward)
            op.execute(f"ALTER TABLE {as_table(table)} RENAME CONSTRAINT {old} TO {new}")

    # Stored values.
    with op.batch_alter_table("embeddings") as batch:
        batch.drop_constraint(op.f(OWNER_CHECK), type_="check")
    op.execute(f"UPDATE embeddings SET owner_type = '{new_word}' WHERE owner_type = '{old_word}'")
    with op.batch_alter_table("embeddings") as batch:
        batch.create_check_constraint(op.f(OWNER_CHECK), _owner_check(("graduate", new_word)))
    audit = sa.table("audit_log", sa.column("action", sa.String), sa.column("target_type", sa.String))
    for action in ("create", "update", "publish", "close", "expire"):
        op.execute(audit.update().where(audit.c.action == f"{old_word}.{action}").values(action=f"{new_word}.{action}"))
    old_target, new_target = _swap(("jobs", "vacancies"), forward)
    op.execute(audit.update().where(audit.c.target_type == old_target).values(target_type=new_target))
    _rewrite_messages(bind, forward)
    op.execute("DELETE FROM scheduler_jobs")  # APScheduler's table: the worker adds its tasks again at start

    if sqlite:
        for statement in _fts_create(forward):
            op.execute(statement)


def upgrade():
    _migrate(forward=True)


def downgrade():
    _migrate(forward=False)
