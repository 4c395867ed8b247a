"""The append-only logs refuse change at the database itself, whoever connects (issue #19
item 6; rules §11: the journal is never updated or deleted): journal entries and lines, the
audit log and the settings trail refuse UPDATE, DELETE, an upsert and — SQLite — INSERT OR
REPLACE / REPLACE, which would delete the row it replaces without firing a delete trigger;
PostgreSQL refuses TRUNCATE too. Raw SQL, on both databases (migration 0014)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError

from app.demo import seed_safety
from app.services.end_of_day.reconcile import reconcile
from app.services.lending.draws import draw_credit_loan
from app.services.lending.repayment import repay
from app.services.store.product_settings import change_settings
from db.engine import get_engine, session_scope
from tests.services.test_risk_ops import staff

# each log, and a column an attacker would like to change
LOGS = {"journal_entries": "memo", "journal_lines": "debit_fen", "audit_events": "action",
        "settings_changes": "new_value"}


@pytest.fixture
def logs(book):
    """A loan drawn and part repaid, a settings change: a row in every log."""
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="5000.00", months=3, method="bullet",
                            idempotency_key="draw")
    repay(book.seller, loan_id=loan.id, amount="100.00", idempotency_key="pay")
    change_settings(staff("admin1", "admin"), {"penalty_multiplier": "1.4"})
    yield loan
    assert reconcile().ok


def snapshot() -> dict[str, list[tuple]]:
    with session_scope() as session:
        return {table: [tuple(row) for row in session.execute(sql(f"SELECT * FROM {table} ORDER BY id"))]
                for table in LOGS}


def refused(statement: str) -> None:
    with pytest.raises(DBAPIError, match="append-only"), session_scope() as session:
        session.execute(sql(statement))


def sqlite() -> bool:
    return get_engine().dialect.name == "sqlite"


@pytest.mark.parametrize("table", LOGS)
def test_update_delete_and_an_upsert_are_refused(logs, table):
    before = snapshot()
    assert before[table], table
    column = LOGS[table]
    change = "debit_fen + 1" if column == "debit_fen" else "'changed'"
    refused(f"UPDATE {table} SET {column} = {change} WHERE id = (SELECT MIN(id) FROM {table})")
    refused(f"UPDATE {table} SET {column} = {column}")  # even to the same value
    refused(f"DELETE FROM {table} WHERE id = (SELECT MAX(id) FROM {table})")
    refused(f"DELETE FROM {table}")
    refused(f"""INSERT INTO {table} SELECT * FROM {table} WHERE id = (SELECT MIN(id) FROM {table})
               ON CONFLICT (id) DO UPDATE SET {column} = excluded.{column}""")
    assert snapshot() == before


@pytest.mark.parametrize("table", LOGS)
def test_sqlite_replace_cannot_overwrite_a_row(logs, table):
    if not sqlite():
        pytest.skip("REPLACE is SQLite's")
    before = snapshot()
    first = f"SELECT * FROM {table} WHERE id = (SELECT MIN(id) FROM {table})"
    refused(f"INSERT OR REPLACE INTO {table} {first}")
    refused(f"REPLACE INTO {table} {first}")
    assert snapshot() == before


@pytest.mark.parametrize("table", LOGS)
def test_postgresql_truncate_is_refused(logs, table):
    if sqlite():
        pytest.skip("SQLite has no TRUNCATE (a DELETE without WHERE is refused above)")
    before = snapshot()
    refused(f"TRUNCATE {table} CASCADE")
    assert snapshot() == before


def test_new_rows_still_go_in_and_the_books_stay_clean(logs, book):
    before = snapshot()
    repay(book.seller, loan_id=logs.id, amount="50.00", idempotency_key="after")
    after = snapshot()
    assert all(after[t][:len(before[t])] == before[t] for t in LOGS)  # appended to, nothing changed
    assert len(after["journal_entries"]) > len(before["journal_entries"])


def test_the_wipe_of_an_interrupted_seed_still_empties_them_and_leaves_the_guards_on(logs):
    seed_safety.wipe()
    counts = {table: len(rows) for table, rows in snapshot().items()}
    assert counts["journal_entries"] == counts["journal_lines"] == counts["settings_changes"] == 0
    assert counts["audit_events"] > 0  # kept: it records the seed too
    with session_scope() as session:
        session.execute(sql("INSERT INTO journal_entries (business_date, kind, memo, created_at) "
                            "VALUES (:d, 'test', 'x', :d)"), {"d": date(2026, 3, 2)})
    refused("DELETE FROM journal_entries")
    refused("UPDATE journal_entries SET memo = 'y'")
