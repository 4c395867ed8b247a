"""The seeded demo shows the lender's books (issue #18 §6): after `seed-demo` every category but
损失 holds loans as of the last end of day, the allowance is posted at the required amount, and
last month is closed with its statements stored."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import PeriodClosed
from app.services.access.actor import SYSTEM_ACTOR
from app.services.back_office.statements import classification_table, trial_balance
from app.services.end_of_day.close import closed_months, stored_statement
from app.services.end_of_day.reconcile import reconcile
from app.services.store import postings
from db.engine import read_scope
from tests.demo.conftest import TODAY


def test_the_demo_classifies_its_loans_and_posts_the_allowance(demo_db):
    table = classification_table(SYSTEM_ACTOR, TODAY)
    assert table.night == date(2026, 11, 27)  # the last end of day before the demo's today
    held = {row.category: row.loans for row in table.rows}
    assert all(held[c] > 0 for c in ("pass", "special_mention", "substandard", "doubtful")), held
    assert table.point.allowance == sum(row.allowance for row in table.rows) > 0
    report = reconcile()  # the allowance account equals the required amount of that night
    assert report.ok, report.problems[:5]


def test_the_demo_has_last_month_closed(demo_db):
    assert [m.month for m in closed_months(SYSTEM_ACTOR)] == ["2026-10"]
    stored = {b.account: b.closing for b in stored_statement(SYSTEM_ACTOR, "2026-10")}
    october = trial_balance(SYSTEM_ACTOR, date(2026, 10, 31))
    assert stored == {r.account: r.debit - r.credit for r in october.rows}
    with read_scope() as session, pytest.raises(PeriodClosed):  # the writer refuses October
        postings.ensure_open(session, date(2026, 10, 31))
    with read_scope() as session:
        postings.ensure_open(session, date(2026, 11, 1))  # November is open
