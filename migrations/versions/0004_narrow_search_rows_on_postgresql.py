"""narrow search rows on PostgreSQL

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 16:35:00

PostgreSQL reads a heap row for every full-text match it finds through the GIN index. Moving the vector
out of line (TOAST) whenever a row exceeds 128 bytes keeps those rows a few dozen bytes wide, so a common
word's thousands of matches cost a few pages instead of thousands. Run `recruit reindex-search` after
upgrading an existing database, so its documents gain the Chinese triples as well.
"""
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE job_search SET (toast_tuple_target = 128)")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE job_search RESET (toast_tuple_target)")
