"""the platform feed: platform ids mapped to ours, the imports, their applied events and rejects;
the payment instructions' outbox

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 19:42:25

app/services/feed/ (issue 17, rules §14); the contract is app/feed/contract.py. Payment
instructions: app/services/store/outbox.py (written with each draw and repayment) and
app/services/payouts/ (export, confirm).
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate refers to sqlmodel.sql.sqltypes)
from alembic import op

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('feed_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('started_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('finished_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('read', sa.Integer(), nullable=False),
    sa.Column('imported', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('rejected', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('feed_imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feed_imports_started_at'), ['started_at'], unique=False)

    op.create_table('feed_events',
    sa.Column('event_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('type', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.ForeignKeyConstraint(['import_id'], ['feed_imports.id'], ),
    sa.PrimaryKeyConstraint('event_id')
    )
    with op.batch_alter_table('feed_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feed_events_import_id'), ['import_id'], unique=False)

    op.create_table('feed_rejects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('file', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('line', sa.Integer(), nullable=False),
    sa.Column('event_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.ForeignKeyConstraint(['import_id'], ['feed_imports.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('feed_rejects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feed_rejects_import_id'), ['import_id'], unique=False)

    op.create_table('platform_sellers',
    sa.Column('platform_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('seller_id', sa.Integer(), nullable=False),
    sa.Column('payment_account', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], ),
    sa.PrimaryKeyConstraint('platform_id'),
    sa.UniqueConstraint('seller_id')
    )
    op.create_table('platform_shops',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('shop_id', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.ForeignKeyConstraint(['shop_id'], ['shops.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('platform_id'),
    sa.UniqueConstraint('shop_id')
    )
    op.create_table('platform_orders',
    sa.Column('platform_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('refunded_fen', sa.BigInteger(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], ),
    sa.PrimaryKeyConstraint('platform_id'),
    sa.UniqueConstraint('order_id')
    )

    op.create_table('payment_instructions',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('seller_id', sa.Integer(), nullable=False),
    sa.Column('loan_id', sa.Integer(), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=True),
    sa.Column('amount_fen', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('account', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('batch', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('resolved_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('failure_reason', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.ForeignKeyConstraint(['loan_id'], ['loans.id'], ),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], ),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('payment_instructions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_instructions_loan_id'), ['loan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payment_instructions_seller_id'), ['seller_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payment_instructions_status'), ['status'], unique=False)

def downgrade() -> None:
    with op.batch_alter_table('payment_instructions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_instructions_status'))
        batch_op.drop_index(batch_op.f('ix_payment_instructions_seller_id'))
        batch_op.drop_index(batch_op.f('ix_payment_instructions_loan_id'))

    op.drop_table('payment_instructions')
    op.drop_table('platform_orders')
    op.drop_table('platform_shops')
    op.drop_table('platform_sellers')
    with op.batch_alter_table('feed_rejects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feed_rejects_import_id'))

    op.drop_table('feed_rejects')
    with op.batch_alter_table('feed_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feed_events_import_id'))

    op.drop_table('feed_events')
    with op.batch_alter_table('feed_imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feed_imports_started_at'))

    op.drop_table('feed_imports')
