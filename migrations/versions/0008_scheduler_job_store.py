"""scheduler job store

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 17:05:00

APScheduler's SQLAlchemy job store, in the layout APScheduler 3 expects, so the worker's schedule survives
restarts and hand-overs (a missed run is still known, and runs once).
"""
from alembic import op
import sqlalchemy as sa

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'scheduler_jobs',
        sa.Column('id', sa.Unicode(191), nullable=False),
        sa.Column('next_run_time', sa.Float(25), nullable=True),
        sa.Column('job_state', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_scheduler_jobs')),
    )
    op.create_index('ix_scheduler_jobs_next_run_time', 'scheduler_jobs', ['next_run_time'])


def downgrade():
    op.drop_index('ix_scheduler_jobs_next_run_time', table_name='scheduler_jobs')
    op.drop_table('scheduler_jobs')
