"""balance withdrawals: a seller's platform balance paid out to their settlement account

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 09:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate refers to sqlmodel.sql.sqltypes)
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('balance_withdrawals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seller_id', sa.Integer(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('request_key', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['journal_entries.id'], ),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('request_key')
    )
    with op.batch_alter_table('balance_withdrawals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_balance_withdrawals_seller_id'), ['seller_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('balance_withdrawals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_balance_withdrawals_seller_id'))
    op.drop_table('balance_withdrawals')
