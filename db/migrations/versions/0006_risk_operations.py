"""risk operations: monitoring events, recovery plans, corrections, how a loan closed

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fen(name: str) -> sa.Column:
    return sa.Column(name, sa.BigInteger(), nullable=False, server_default='0')


def upgrade() -> None:
    with op.batch_alter_table('loans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_as', sa.String(length=16), nullable=True))
    op.create_table(
        'risk_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('seller_id', sa.Integer(), sa.ForeignKey('sellers.id'), nullable=False),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('opened_on', sa.Date(), nullable=False),
        sa.Column('cure_until', sa.Date(), nullable=True),
        sa.Column('due_on', sa.Date(), nullable=True),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('reasons_json', sa.Text(), nullable=False),
        sa.Column('closed_on', sa.Date(), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_risk_events_seller_id', 'risk_events', ['seller_id'])
    op.create_index('ix_risk_events_status', 'risk_events', ['status'])
    op.create_table(
        'recovery_plans',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('seller_id', sa.Integer(), sa.ForeignKey('sellers.id'), nullable=False),
        sa.Column('loan_id', sa.Integer(), sa.ForeignKey('loans.id'), nullable=False),
        sa.Column('created_on', sa.Date(), nullable=False),
        sa.Column('created_by', sa.Integer(), sa.ForeignKey('users.id'), nullable=True),
        sa.Column('note', sa.String(length=500), nullable=False),
        sa.Column('months', sa.Integer(), nullable=False),
        _fen('balance_fen'), _fen('penalty_waived_fen'),
        sa.Column('on_time_streak', sa.Integer(), nullable=False),
        sa.Column('counted_through', sa.Integer(), nullable=False),
        sa.Column('lifted_on', sa.Date(), nullable=True),
        sa.Column('cap_pct', sa.Integer(), nullable=False),
        sa.Column('cap_until', sa.Date(), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_recovery_plans_seller_id', 'recovery_plans', ['seller_id'])
    op.create_table(
        'corrections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('loan_id', sa.Integer(), sa.ForeignKey('loans.id'), nullable=False),
        sa.Column('payment_id', sa.Integer(), sa.ForeignKey('payments.id'), nullable=True),
        _fen('amount_fen'),
        sa.Column('reason', sa.String(length=500), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('proposed_by', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('proposed_on', sa.Date(), nullable=False),
        sa.Column('decided_by', sa.Integer(), sa.ForeignKey('users.id'), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('decision_note', sa.String(length=500), nullable=False),
        sa.Column('entry_id', sa.Integer(), sa.ForeignKey('journal_entries.id'), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_corrections_loan_id', 'corrections', ['loan_id'])
    op.create_index('ix_corrections_status', 'corrections', ['status'])


def downgrade() -> None:
    op.drop_table('corrections')
    op.drop_table('recovery_plans')
    op.drop_table('risk_events')
    with op.batch_alter_table('loans', schema=None) as batch_op:
        batch_op.drop_column('closed_as')
