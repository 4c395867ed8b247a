"""append-only logs in the database: the journal, the audit log and the settings trail
(issue #19 item 6)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08 10:00:00.000000

Written by hand. journal_entries and journal_lines (rules §11: never updated or deleted),
audit_events and settings_changes refuse UPDATE and DELETE of a row at the database, not
only in the ORM:

* PostgreSQL: a row trigger BEFORE UPDATE OR DELETE and a statement trigger BEFORE
  TRUNCATE on each table raise "<table> is append-only" (audit_events has had both since
  0005). INSERT … ON CONFLICT DO UPDATE is an UPDATE and is refused with it.
* SQLite: BEFORE UPDATE and BEFORE DELETE triggers (audit_events has had them since 0005),
  and a BEFORE INSERT trigger that refuses an INSERT naming the id of a row that exists:
  `INSERT OR REPLACE` / `REPLACE` would otherwise delete that row without firing a delete
  trigger (SQLite fires them on REPLACE only with `PRAGMA recursive_triggers`, a setting of
  each connection — any client that did not set it could overwrite the ledger). The
  trigger is in the schema, so it holds for every connection, ours or not. Its cost: a
  trigger run and a primary-key look-up per inserted row, about 2 µs (2,000,000 rows by
  INSERT … SELECT into a WAL file: 2.0-2.4 s without it, 5.4-6.4 s with it, on the 2-core
  development machine) — end of day's accrual lines pay it.

The one deliberate way round them is a schema change (dropping or disabling a trigger):
`app.demo.seed_safety.wipe` does that inside its own transaction to empty an interrupted
demo seed.
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_PG = ("journal_entries", "journal_lines", "settings_changes")  # audit_events: 0005
NEW_SQLITE_UPDATE_DELETE = NEW_PG
REPLACE_GUARDED = ("journal_entries", "journal_lines", "settings_changes", "audit_events")

POSTGRES_FUNCTION = """CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"""


def _postgres_up() -> list[str]:
    statements = [POSTGRES_FUNCTION]
    for table in NEW_PG:
        statements += [
            f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()""",
            f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
                FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()""",
        ]
    return statements


def _postgres_down() -> list[str]:
    statements = []
    for table in NEW_PG:
        statements += [f"DROP TRIGGER {table}_no_truncate ON {table}",
                       f"DROP TRIGGER {table}_append_only ON {table}"]
    return [*statements, "DROP FUNCTION refuse_append_only_change()"]


def _sqlite_up() -> list[str]:
    statements = [f"""CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}
                      BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"""
                  for table in NEW_SQLITE_UPDATE_DELETE for verb in ("UPDATE", "DELETE")]
    statements += [f"""CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table}
                       WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id)
                       BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"""
                   for table in REPLACE_GUARDED]
    return statements


def _sqlite_down() -> list[str]:
    return ([f"DROP TRIGGER {table}_no_replace" for table in REPLACE_GUARDED]
            + [f"DROP TRIGGER {table}_no_{verb}" for table in NEW_SQLITE_UPDATE_DELETE
               for verb in ("update", "delete")])


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in _postgres_up() if postgres else _sqlite_up():
        op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in _postgres_down() if postgres else _sqlite_down():
        op.execute(statement)
