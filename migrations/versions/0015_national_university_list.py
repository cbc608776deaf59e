"""universities: the national list of 2,631 institutions (code, authority, level, ownership) as reference data

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 13:00:00

Rows are matched by code: a university already present gets the list's name, city, province, authority, level and
ownership; a new one is added. A list name already taken by another code (a university made by hand) is left
to the operator.
"""
import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('universities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('authority', sa.String(length=100), server_default='', nullable=False))
        batch_op.add_column(sa.Column('level', sa.String(length=20), server_default='', nullable=False))
        batch_op.add_column(sa.Column('ownership', sa.String(length=30), server_default='', nullable=False))
        # Six colleges upgraded from secondary schools keep codes beginning with 36 in the ministry's list.
        batch_op.drop_constraint(op.f('ck_universities_code_format'), type_='check')
        batch_op.create_check_constraint(op.f('ck_universities_code_format'),
                                         "length(code) = 10 AND (code LIKE '4%' OR code LIKE '36%')")
    from recruit.reference.universities import load_national_list

    load_national_list(op.get_bind())


def downgrade():
    op.execute("DELETE FROM universities WHERE code LIKE '36%' AND id NOT IN "
               "(SELECT university_id FROM graduate_profiles WHERE university_id IS NOT NULL) AND id NOT IN "
               "(SELECT university_id FROM users WHERE university_id IS NOT NULL)")
    with op.batch_alter_table('universities', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_universities_code_format'), type_='check')
        batch_op.create_check_constraint(op.f('ck_universities_code_format'), "length(code) = 10 AND code LIKE '4%'")
        batch_op.drop_column('ownership')
        batch_op.drop_column('level')
        batch_op.drop_column('authority')
