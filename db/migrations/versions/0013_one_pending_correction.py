"""one pending correction per loan, kept by the database (issue #19 item 3)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08 09:00:00.000000

Written by hand. A partial unique index on corrections(loan_id) over the rows still
waiting for a checker (status 'proposed'): two proposals for one loan made at once can
no longer both be inserted, whatever the service checked before its INSERT. Partial
indexes are the same statement on PostgreSQL and SQLite (≥ 3.8). A database that
already holds two pending proposals for a loan keeps the older one pending and the
newer ones are rejected first, with a note saying why.
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "uq_corrections_one_pending"


def upgrade() -> None:
    op.execute("""UPDATE corrections SET status = 'rejected',
        decision_note = 'rejected by migration 0012: another correction of this loan was already pending'
        WHERE status = 'proposed' AND id > (SELECT MIN(c.id) FROM corrections c
                                            WHERE c.loan_id = corrections.loan_id AND c.status = 'proposed')""")
    op.execute(f"CREATE UNIQUE INDEX {INDEX} ON corrections (loan_id) WHERE status = 'proposed'")


def downgrade() -> None:
    op.execute(f"DROP INDEX {INDEX}")
