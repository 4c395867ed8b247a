"""32 PROCESSES race the month-end close (issue #18 §5): one admin closes March while others post
back-dated entries into it through the one posting writer and sellers draw in the open April.

Every back-dated posting either committed before the close — and is in the trial balance the
close stored — or was refused (`PeriodClosed`); none is in March without being in the stored
statement; every draw in April goes through. Runs on SQLite and on PostgreSQL
(`-m db --db=postgres`), where the business-day lock really orders them.
"""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func
from sqlmodel import select

from app import ledger
from app.services.access.actor import ADMIN, SYSTEM_ACTOR
from app.services.back_office.statements import trial_balance
from app.services.end_of_day.close import close_month, stored_statement
from app.services.end_of_day.reconcile import reconcile
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.draws import draw_credit_loan
from app.services.store import postings
from app.services.store.locks import hold_business_day
from app.services.store.settings import set_business_date, set_nightly_pre_approval
from db.engine import engine_for, session_scope
from db.models import JournalEntry
from tests.services.conftest import START, add_seller, staff_login
from tests.support.concurrency import kinds, run_together

pytestmark = [pytest.mark.slow, pytest.mark.processes]
WORKERS = 32
MARCH_END = date(2026, 3, 31)
LATE = "late_correction"


def close_march(actor, delay: float) -> str:
    time.sleep(delay)
    return close_month(actor, "2026-03").month


def backdated_posting(delay: float) -> int:
    """A correction dated in March, as a transaction that moves money takes it: business day first."""
    time.sleep(delay)
    with session_scope() as session:
        hold_business_day(session)
        entry = postings.post_entry(session, business_date=MARCH_END, kind=LATE, memo="back-dated",
                                    lines=[ledger.debit(ledger.LENDER_FUNDS, Decimal("0.01")),
                                           ledger.credit(ledger.ORDER_PROCEEDS, Decimal("0.01"))])
        return entry.id


def april_draw(actor, shop_id: str, key: str, delay: float) -> int:
    time.sleep(delay)
    return draw_credit_loan(actor, shop_id=shop_id, amount="1000", months=1, method="bullet",
                            idempotency_key=key).id


@pytest.fixture
def march_done(db_url):
    with session_scope() as session:
        set_business_date(session, START)
        set_nightly_pre_approval(session, False)
        sellers = [add_seller(session, n, 5_000_000, "0.9") for n in range(1, 17)]
    actor, shop_id, _ = sellers[0]
    draw_credit_loan(actor, shop_id=shop_id, amount="10000", months=1, method="bullet",
                     idempotency_key="march")
    with session_scope() as session:
        set_business_date(session, MARCH_END)
    run_end_of_day(SYSTEM_ACTOR)  # 03-31 → 04-01
    yield sellers
    engine_for(db_url).dispose()


def test_postings_racing_the_close_are_either_in_its_statement_or_refused(db_url, march_done):
    admin = staff_login("admin1", ADMIN)
    calls = [(close_march, {"actor": admin, "delay": 0.15})]
    calls += [(backdated_posting, {"delay": 0.02 * k}) for k in range(15)]
    calls += [(april_draw, {"actor": actor, "shop_id": shop_id, "key": f"april{n}", "delay": 0.02 * n})
              for n, (actor, shop_id, _) in enumerate(march_done)]
    assert len(calls) == WORKERS
    outcomes = run_together(db_url, calls)
    assert outcomes[0].kind == "ok", outcomes[0]
    late = outcomes[1:16]
    assert set(kinds(late)) <= {"ok", "PeriodClosed"}, late
    assert all(o.kind == "ok" for o in outcomes[16:]), outcomes[16:]
    with session_scope() as session:
        posted = session.exec(select(func.count()).where(JournalEntry.kind == LATE)).one()
    assert posted == sum(o.kind == "ok" for o in late)
    stored = {b.account: b.closing for b in stored_statement(admin, "2026-03")}
    now = trial_balance(admin, MARCH_END)
    assert stored == {r.account: r.debit - r.credit for r in now.rows}  # nothing slipped in after it
    assert stored[ledger.ORDER_PROCEEDS] == Decimal("-0.01") * posted
    report = reconcile()
    assert report.ok, report.problems[:10]
