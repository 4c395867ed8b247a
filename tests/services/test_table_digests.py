"""`table_digests()`, the "changes nothing" check of the service and page tests, sees contents,
not only counts: an UPDATE that leaves every row count as it was must still show."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import text

from db.engine import session_scope
from tests.services.conftest import canonical, table_digests

# One stray UPDATE of each kind of column (integer money, boolean, date, timestamp, text), and one
# of the table the models do not name: each keeps every count and must change its table's digest.
STRAY_UPDATES = {
    "orders": "UPDATE orders SET amount_fen = amount_fen + 1 WHERE id = (SELECT MIN(id) FROM orders)",
    "sellers": "UPDATE sellers SET real_name_verified = NOT real_name_verified WHERE id = 1",
    "shops": "UPDATE shops SET member_since = :day WHERE id = 'SHOP0001'",
    "users": "UPDATE users SET created_at = :moment WHERE username = 'seller1'",
    "seller_limits": "UPDATE seller_limits SET rating = 'A' WHERE seller_id = 1",
    "alembic_version": "UPDATE alembic_version SET version_num = 'stray'",
}
VALUES = {"day": date(2020, 2, 29), "moment": datetime(2020, 2, 29, 12, tzinfo=UTC)}


@pytest.mark.parametrize("table", list(STRAY_UPDATES))
def test_an_update_that_keeps_every_count_changes_its_tables_digest(book, table):
    before = table_digests()
    with session_scope() as session:
        changed = session.execute(text(STRAY_UPDATES[table]), VALUES)
        assert changed.rowcount == 1
    after = table_digests()
    assert {name: digest.rows for name, digest in after.items()} == \
        {name: digest.rows for name, digest in before.items()}  # what row counts alone would see
    assert after != before
    assert [name for name in after if after[name] != before[name]] == [table]


def test_reading_twice_or_rewriting_the_same_values_changes_no_digest(book):
    before = table_digests()
    assert table_digests() == before
    with session_scope() as session:  # an UPDATE that writes what is there already changes nothing
        session.execute(text("UPDATE orders SET amount_fen = amount_fen, shipped_on = shipped_on"))
        session.execute(text("UPDATE sellers SET blacklisted = blacklisted"))
    assert table_digests() == before


def test_every_table_is_digested(book):
    digests = table_digests()
    assert {"orders", "sellers", "audit_events", "journal_lines", "alembic_version"} <= set(digests)
    assert digests["orders"].rows == len(book.order_ids) and digests["sellers"].rows == 2


def test_a_value_has_onecanonical_form_whatever_its_text():
    assert canonical(Decimal("1.10")) == canonical(Decimal("1.1")) == canonical(Decimal("1.100"))
    assert canonical(True) is True and canonical(1) == 1  # a bool never hashes as 1 (json: true, not 1)
    eight_in_shanghai = datetime(2026, 3, 2, 8, tzinfo=timezone(timedelta(hours=8)))
    assert canonical(eight_in_shanghai) == canonical(datetime(2026, 3, 2, 0, tzinfo=UTC))
    assert canonical(date(2026, 3, 2)) == "2026-03-02"
    with pytest.raises(TypeError):
        canonical(object())  # a type nobody chose a form for fails, rather than hashing some repr
