"""profiles and vacancies keep the digest of their matching text

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 21:50:00

A flush that leaves the digest unchanged no longer marks the text changed, so no field list decides what
re-embedding needs. Rows from before have no digest: their first edit records it (and marks the text changed
once; the embedder then finds the same text hash and only marks its row current).
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    for table in ("graduate_profiles", "vacancies"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("text_digest", sa.String(length=64), nullable=True))


def downgrade():
    for table in ("graduate_profiles", "vacancies"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("text_digest")
