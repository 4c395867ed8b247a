"""lender book: the book's outstanding principal kept on one row

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 09:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate refers to sqlmodel.sql.sqltypes)
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('lender_book',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('outstanding_fen', sa.BigInteger(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    # back-fill from the open loans (written by hand: the one row the services keep up to date)
    op.execute("INSERT INTO lender_book (id, outstanding_fen) "
               "SELECT 1, CAST(COALESCE(SUM(outstanding_fen), 0) AS BIGINT) FROM loans WHERE status = 'open'")


def downgrade() -> None:
    op.drop_table('lender_book')
