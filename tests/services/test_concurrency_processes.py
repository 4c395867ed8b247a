"""Many PROCESSES at once against one database: limits, caps, capacity, idempotency,
lock order and end of day hold (rules §2, §5, §8, §10, §11; issue #8).

Each scenario releases 32 worker processes together (tests/support/concurrency.py),
then checks the books: every journal entry balances, `reconcile()` is clean, and
no limit, cap or capacity is exceeded. Runs on SQLite and on PostgreSQL
(`-m db --db=postgres`); locking is only really tested on PostgreSQL.
"""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from sqlalchemy import func
from sqlmodel import select

from app.config import DEFAULT_CONFIG
from app.money import from_fen
from app.services.access.actor import SYSTEM_ACTOR
from app.services.end_of_day.reconcile import reconcile
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.availability import outstanding_by_product
from app.services.lending.draws import draw_credit_loan, draw_order_loan
from app.services.lending.orders import settle_order
from app.services.lending.repayment import repay
from app.services.store.product_settings import loanable_funds
from app.services.store.settings import book_outstanding, business_date, set_lender_funds
from db.engine import engine_for, session_scope
from db.models import JournalLine, Loan, Order, Payment, Seller
from tests.services.conftest import START, add_orders, add_seller
from tests.support.concurrency import kinds, run_together

# `processes`: scripts/test.sh runs these in a pytest process of their own (no xdist), so the
# 32 workers start from a clean interpreter whatever ran before them in the same session.
pytestmark = [pytest.mark.slow, pytest.mark.processes]
WORKERS = 32


# --- what a worker process runs (module level: picklable by reference) -----------------------

def credit_draw(actor, shop_id, amount, key, months=3, method="equal_principal") -> int:
    return draw_credit_loan(actor, shop_id=shop_id, amount=amount, months=months, method=method,
                            idempotency_key=key).id


def order_draw(actor, shop_id, order_ids, amount, key) -> int:
    return draw_order_loan(actor, shop_id=shop_id, order_ids=order_ids, amount=amount, idempotency_key=key).id


def repayment(actor, loan_id, amount, key) -> int:
    return repay(actor, loan_id=loan_id, amount=amount, idempotency_key=key).payment_id


def settlement(order_id) -> str:
    return str(settle_order(SYSTEM_ACTOR, order_id).to_loan)


def end_of_day() -> int:
    return len(run_end_of_day(SYSTEM_ACTOR))


def after(seconds, call, **kwargs):
    time.sleep(seconds)
    return call(**kwargs)


# --- set-up and checks ------------------------------------------------------------------------

@pytest.fixture
def market(db_url):
    """A fresh database on START, nightly re-rating off; yields `sellers(n, limit_fen, advance)`."""
    from app.services.store.settings import set_business_date, set_nightly_pre_approval

    with session_scope() as session:
        set_business_date(session, START)
        set_nightly_pre_approval(session, False)
    numbers = iter(range(1, 1000))

    def sellers(count: int, credit_limit_fen: int, advance: str = "0.9") -> list[tuple]:
        with session_scope() as session:
            return [add_seller(session, next(numbers), credit_limit_fen, advance) for _ in range(count)]

    yield sellers
    engine_for(db_url).dispose()


def assert_books_clean() -> None:
    report = reconcile()
    assert report.ok, report.problems[:10]
    with session_scope() as session:
        unbalanced = session.exec(select(JournalLine.entry_id).group_by(JournalLine.entry_id).having(
            func.sum(JournalLine.debit_fen) != func.sum(JournalLine.credit_fen))).all()
        assert unbalanced == []
        assert book_outstanding(session) <= loanable_funds(session)
        for seller in session.exec(select(Seller)).all():
            totals = outstanding_by_product(session, seller.id)
            assert sum(totals.values()) <= DEFAULT_CONFIG.max_principal
            assert all(t <= DEFAULT_CONFIG.product_limit_cap for t in totals.values())


def no_errors(outcomes) -> None:
    errors = [o.value for o in outcomes if o.kind == "error"]
    assert errors == [], errors[:3]


def count(model) -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(model)).one()


# --- scenarios --------------------------------------------------------------------------------

def test_a_lender_capacity_holds_across_32_sellers_drawing_at_once(market):
    people = market(WORKERS, 10_000_000)  # credit limit 100,000.00 each
    with session_scope() as session:
        set_lender_funds(session, registered_capital=Decimal("300000.00"), bank_credit_lines=Decimal("0"))
    outcomes = run_together(_url(), [(credit_draw, {"actor": a, "shop_id": s, "amount": "50000.00",
                                                            "key": f"cap-{n}"}) for a, s, n in people])
    no_errors(outcomes)
    assert kinds(outcomes) == {"ok": 6, "LenderCapacityExceeded": WORKERS - 6}
    with session_scope() as session:
        assert book_outstanding(session) == Decimal("300000.00")
    assert_books_clean()


def test_b_one_sellers_credit_limit_holds_against_32_draws(market):
    [(actor, shop, seller_id)] = market(1, 5_000_000)  # 50,000.00
    outcomes = run_together(_url(), [(credit_draw, {"actor": actor, "shop_id": shop, "amount": "5000.00",
                                                    "key": f"lim-{k}"}) for k in range(WORKERS)])
    no_errors(outcomes)
    assert kinds(outcomes) == {"ok": 10, "LimitExceeded": WORKERS - 10}
    with session_scope() as session:
        assert sum(outstanding_by_product(session, seller_id).values()) == Decimal("50000.00")
    assert_books_clean()


def test_c_the_combined_cap_holds_across_both_products(market):
    [(actor, shop, seller_id)] = market(1, 100_000_000, advance="1.0")  # credit limit 1,000,000.00
    with session_scope() as session:
        orders = add_orders(session, shop, WORKERS // 2, amount_fen=10_000_000)  # 100,000.00 each
    calls = [(credit_draw, {"actor": actor, "shop_id": shop, "amount": "100000.00", "key": f"c-{k}"})
             for k in range(WORKERS // 2)]
    calls += [(order_draw, {"actor": actor, "shop_id": shop, "order_ids": [o], "amount": "100000.00",
                            "key": f"o-{o}"}) for o in orders]
    outcomes = run_together(_url(), calls)
    no_errors(outcomes)
    outcome_kinds = kinds(outcomes)  # the product limit is named when it binds too (all 10 were credit)
    assert outcome_kinds["ok"] == 10 and set(outcome_kinds) <= {"ok", "CombinedCapExceeded", "LimitExceeded"}
    with session_scope() as session:
        assert sum(outstanding_by_product(session, seller_id).values()) == DEFAULT_CONFIG.max_principal
    assert_books_clean()


def test_d_32_partial_repayments_of_one_loan_never_pay_more_than_was_owed(market):
    [(actor, shop, _)] = market(1, 5_000_000)
    loan_id = credit_draw(actor, shop, "10000.00", "loan", months=1, method="bullet")
    # payoff today 10,006.00 (one day's interest); 32 × 500.00 = 16,000.00 is offered
    outcomes = run_together(_url(), [(repayment, {"actor": actor, "loan_id": loan_id, "amount": "500.00",
                                                  "key": f"pay-{k}"}) for k in range(WORKERS)])
    no_errors(outcomes)
    assert kinds(outcomes) == {"ok": 20, "PaymentExceedsPayoff": WORKERS - 20}
    with session_scope() as session:
        paid = sum(p.amount_fen for p in session.exec(select(Payment)).all())
        assert paid == 1_000_000 <= 1_000_600
        assert session.get(Loan, loan_id).outstanding_fen == 600  # interest left: no principal
    assert_books_clean()


def test_e_the_same_key_from_32_processes_draws_once_and_pays_once(market):
    [(actor, shop, _)] = market(1, 5_000_000)
    draws = run_together(_url(), [(credit_draw, {"actor": actor, "shop_id": shop, "amount": "30000.00",
                                                 "key": "same-draw"})] * WORKERS)
    no_errors(draws)
    assert len({o.value for o in draws}) == 1 and count(Loan) == 1
    loan_id = draws[0].value
    with session_scope() as session:
        payoff = from_fen(session.get(Loan, loan_id).outstanding_fen) + Decimal("18.00")  # one day at 0.06 %
    pays = run_together(_url(), [(repayment, {"actor": actor, "loan_id": loan_id, "amount": str(payoff),
                                              "key": "same-payoff"})] * WORKERS)
    no_errors(pays)
    assert len({o.value for o in pays}) == 1 and kinds(pays) == {"ok": WORKERS}
    assert count(Payment) == 1
    assert_books_clean()


def test_f_settlements_and_order_draws_of_one_seller_never_deadlock_out(market):
    [(actor, shop, _)] = market(1, 5_000_000)
    with session_scope() as session:
        contested = add_orders(session, shop, WORKERS // 2)
    calls = []
    for order_id in contested:  # one process settles the order, another pledges it
        calls.append((settlement, {"order_id": order_id}))
        calls.append((order_draw, {"actor": actor, "shop_id": shop, "order_ids": [order_id], "amount": None,
                                   "key": f"draw-{order_id}"}))
    outcomes = run_together(_url(), calls)
    no_errors(outcomes)
    assert set(kinds(outcomes)) <= {"ok", "OrderNotEligible"}
    with session_scope() as session:
        for order_id in contested:
            assert session.get(Order, order_id).status == "settled"
        for loan in session.exec(select(Loan)).all():  # drawn before its order settled: repaid by it
            assert loan.status == "closed" or loan.outstanding_fen == 0
    assert_books_clean()


def test_g_end_of_day_with_draws_and_repayments_committing_during_it(market):
    people = market(WORKERS // 2, 5_000_000)
    loans = [credit_draw(a, s, "20000.00", f"old-{n}") for a, s, n in people]
    calls = [(end_of_day, {})]
    for k, ((actor, shop, _), loan_id) in enumerate(zip(people, loans, strict=True)):
        delay = 0.02 * k
        calls.append((after, {"seconds": delay, "call": repayment, "actor": actor, "loan_id": loan_id,
                              "amount": "1000.00", "key": f"pay-{k}"}))
        if k < WORKERS // 2 - 1:
            calls.append((after, {"seconds": delay, "call": credit_draw, "actor": actor, "shop_id": shop,
                                  "amount": "1000.00", "key": f"new-{k}"}))
    outcomes = run_together(_url(), calls)
    no_errors(outcomes)
    assert kinds(outcomes) == {"ok": WORKERS}
    with session_scope() as session:
        assert business_date(session) == START.fromordinal(START.toordinal() + 1)
    assert_books_clean()
    run_end_of_day(SYSTEM_ACTOR)  # the next night accrues every loan on from where it stands
    assert_books_clean()


def _url() -> str:
    import os

    return os.environ["DATABASE_URL"]
