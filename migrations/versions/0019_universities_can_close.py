"""universities can be closed (merged or shut) by the operator

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 22:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("universities") as batch:
        batch.add_column(sa.Column("closed_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("universities") as batch:
        batch.drop_column("closed_on")
