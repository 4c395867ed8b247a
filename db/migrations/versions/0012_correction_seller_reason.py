"""corrections.seller_reason: the catalogue reason a seller reads, apart from the officers' note

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 09:00:00.000000

Written by hand (issue #16 item 8). A correction's `reason` is the officers' free-text note and
stays internal; what the seller's notice says is a catalogue reason (`correction.seller_reason.*`,
chosen from the kind's list in `risk_ops.corrections.SELLER_REASONS`). Existing rows read "other".
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate refers to sqlmodel.sql.sqltypes)
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('corrections') as batch:
        batch.add_column(sa.Column('seller_reason', sqlmodel.sql.sqltypes.AutoString(length=40),
                                   server_default='other', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('corrections') as batch:
        batch.drop_column('seller_reason')
