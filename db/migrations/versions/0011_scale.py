"""scale: orders by (pledged loan, status), installments by (status, due date); rating input fingerprints

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 09:00:00.000000

Written by hand (issue #11). SQLite planned `_release_pledged_orders` on ix_orders_status
(every shipped order); the composite index serves `pledged_loan_id = ? AND status = ?`
directly. End of day finds the installments turning overdue, and the loans with one, on
(status, due_date) instead of every past due date. On PostgreSQL loans keep half of each
page free (fillfactor 50) so the nightly update of every open loan stays HOT. `rating_inputs` keeps each seller's last rating fingerprint so the nightly
pre-approval re-scores only sellers whose inputs changed.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate refers to sqlmodel.sql.sqltypes)
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_orders_pledged_loan_id_status', 'orders', ['pledged_loan_id', 'status'])
    op.create_index('ix_installments_status_due_date', 'installments', ['status', 'due_date'])
    if op.get_bind().dialect.name == 'postgresql':
        # end of day updates every open loan each night: room on each page keeps those
        # updates HOT (no new index entries); the table is rewritten only for new pages
        op.execute('ALTER TABLE loans SET (fillfactor = 50)')
    op.create_table('rating_inputs',
    sa.Column('seller_id', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('rated_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], ),
    sa.PrimaryKeyConstraint('seller_id')
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE loans RESET (fillfactor)')
    op.drop_table('rating_inputs')
    op.drop_index('ix_installments_status_due_date', table_name='installments')
    op.drop_index('ix_orders_pledged_loan_id_status', table_name='orders')
