"""search: English words are stemmed and each Chinese run ends with its last character; every row rewritten

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 12:00:00

The tokenizer changed (recruit.services.discovery.search_index), so every vacancy's search row is written again here.
It reads the vacancies with plain SQL, so later changes to the models do not break it; `recruit reindex-search`
does the same from the application.
"""
import json

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

BATCH = 2000


def _rewrite_search_rows():
    from recruit.services.discovery.search_index import document_for

    connection = op.get_bind()
    uses_tsvector = connection.dialect.name == "postgresql"
    last_id = 0
    while True:
        rows = connection.execute(sa.text(
            "SELECT j.id, j.title, j.description, j.requirements, j.skills, j.city, c.name "
            "FROM jobs j JOIN companies c ON c.id = j.company_id WHERE j.id > :last ORDER BY j.id LIMIT :n"),
            {"last": last_id, "n": BATCH}).all()
        if not rows:
            return
        for job_id, title, description, requirements, skills, city, company in rows:
            skills = json.loads(skills) if isinstance(skills, str) else (skills or [])
            values = document_for(title, description, requirements, skills, company, city, uses_tsvector)
            if uses_tsvector:
                connection.execute(sa.text("UPDATE job_search SET title = '', body = '', "
                                           "vector = CAST(:vector AS tsvector) WHERE job_id = :id"),
                                   {"vector": values["vector"], "id": job_id})
            else:
                connection.execute(sa.text("UPDATE job_search SET title = :title, body = :body WHERE job_id = :id"),
                                   {"title": values["title"], "body": values["body"], "id": job_id})
        last_id = rows[-1][0]


def upgrade():
    _rewrite_search_rows()


def downgrade():
    pass  # the older tokenizer reads the newer rows well enough; `recruit reindex-search` rewrites them
