"""the lender's books: loan classification per night, the allowance's totals, month-end close

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 20:00:00

loan_classifications and classification_totals: written by end of day
(app/services/end_of_day/classify_sql.py, rules §13); period_closes and period_close_balances:
app/services/end_of_day/close.py (issue #18 §5).
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate refers to sqlmodel.sql.sqltypes)
from alembic import op

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('loan_classifications',
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('loan_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.Integer(), nullable=False),
    sa.Column('dpd', sa.Integer(), nullable=False),
    sa.Column('balance_fen', sa.BigInteger(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('business_date', 'loan_id')
    )
    op.create_table('classification_totals',
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('category', sa.Integer(), nullable=False),
    sa.Column('loans', sa.Integer(), nullable=False),
    sa.Column('balance_fen', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('rate_bp', sa.Integer(), nullable=False),
    sa.Column('required_fen', sa.BigInteger(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('business_date', 'category')
    )
    op.create_table('period_closes',
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('closed_through', sa.Date(), nullable=False),
    sa.Column('closed_by', sa.Integer(), nullable=True),
    sa.Column('closed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['closed_by'], ['users.id'], ),
    sa.PrimaryKeyConstraint('month')
    )
    op.create_table('period_close_balances',
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('account', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('movement_fen', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('closing_fen', sa.BigInteger(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['month'], ['period_closes.month'], ),
    sa.PrimaryKeyConstraint('month', 'account')
    )


def downgrade() -> None:
    op.drop_table('period_close_balances')
    op.drop_table('period_closes')
    op.drop_table('classification_totals')
    op.drop_table('loan_classifications')
