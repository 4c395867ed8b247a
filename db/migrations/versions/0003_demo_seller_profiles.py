"""demo seller profiles: the demo-only profile and quality leave sellers

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate refers to sqlmodel.sql.sqltypes)
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('demo_seller_profiles',
    sa.Column('seller_id', sa.Integer(), nullable=False),
    sa.Column('profile', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('quality', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], ),
    sa.PrimaryKeyConstraint('seller_id')
    )
    op.execute("INSERT INTO demo_seller_profiles (seller_id, profile, quality) "
               "SELECT id, profile, quality FROM sellers")
    with op.batch_alter_table('sellers', schema=None) as batch_op:
        batch_op.drop_column('quality')
        batch_op.drop_column('profile')


def downgrade() -> None:
    with op.batch_alter_table('sellers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('profile', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False,
                                      server_default='ordinary'))
        batch_op.add_column(sa.Column('quality', sa.Integer(), nullable=False, server_default='0'))
    op.execute("UPDATE sellers SET "
               "profile = (SELECT d.profile FROM demo_seller_profiles d WHERE d.seller_id = sellers.id), "
               "quality = (SELECT d.quality FROM demo_seller_profiles d WHERE d.seller_id = sellers.id) "
               "WHERE id IN (SELECT seller_id FROM demo_seller_profiles)")
    with op.batch_alter_table('sellers', schema=None) as batch_op:
        batch_op.alter_column('profile', server_default=None)
        batch_op.alter_column('quality', server_default=None)
    op.drop_table('demo_seller_profiles')
