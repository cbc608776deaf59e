"""outbox: a message being sent is claimed (status "sending" until its claim runs out)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 11:00:00

"""
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

CONSTRAINT = 'ck_outbox_emails_outbox_status'


def upgrade():
    with op.batch_alter_table('outbox_emails', schema=None) as batch_op:
        batch_op.drop_constraint(op.f(CONSTRAINT), type_='check')
        batch_op.create_check_constraint(op.f(CONSTRAINT), "status IN ('pending', 'sending', 'sent', 'failed')")


def downgrade():
    op.execute("UPDATE outbox_emails SET status = 'pending' WHERE status = 'sending'")
    with op.batch_alter_table('outbox_emails', schema=None) as batch_op:
        batch_op.drop_constraint(op.f(CONSTRAINT), type_='check')
        batch_op.create_check_constraint(op.f(CONSTRAINT), "status IN ('pending', 'sent', 'failed')")
