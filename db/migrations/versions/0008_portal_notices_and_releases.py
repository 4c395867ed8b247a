"""portal: notifications seen per user; orders released from a closed loan keep their link

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate refers to sqlmodel.sql.sqltypes)
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('order_releases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('loan_id', sa.Integer(), nullable=False),
    sa.Column('released_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['loan_id'], ['loans.id'], ),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('order_releases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_releases_loan_id'), ['loan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_order_releases_order_id'), ['order_id'], unique=False)
    op.create_table('notification_seen',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('seen_on', sa.Date(), nullable=False),
    sa.Column('seen_keys', sa.Text(), server_default='[]', nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('user_id')
    )


def downgrade() -> None:
    op.drop_table('notification_seen')
    with op.batch_alter_table('order_releases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_releases_order_id'))
        batch_op.drop_index(batch_op.f('ix_order_releases_loan_id'))
    op.drop_table('order_releases')
