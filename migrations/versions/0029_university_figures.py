"""university figures: a large university's career-office dashboard, computed by the worker

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-07 06:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0029'
down_revision = '0028'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('university_figures',
    sa.Column('university_id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=True),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_university_figures_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['university_id'], ['universities.id'], name=op.f('fk_university_figures_university_id_universities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('university_id', name=op.f('pk_university_figures'))
    )


def downgrade():
    op.drop_table('university_figures')
