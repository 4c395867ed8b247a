"""Property: after every operation of any sequence of draws, repayments (same-day ones
included), settlements, refunds and end-of-day runs the ledger balances, every loan
equals its ledger balances, nothing is negative and `reconcile` exits 0 (rules §11)."""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from app.cli import main as cli_main
from app.config import RepaymentMethod
from app.errors import LendingError
from app.services.access.actor import SYSTEM_ACTOR
from app.services.end_of_day.reconcile import reconcile
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.draws import draw_credit_loan, draw_order_loan
from app.services.lending.orders import refund_order
from app.services.lending.repayment import payoff_quote, repay
from app.services.store.settings import business_date, set_business_date, set_nightly_pre_approval
from db.engine import engine_for, session_scope
from db.models import Loan, Order, Seller
from tests.services.conftest import START, add_orders, add_seller, table_digests

methods = list(RepaymentMethod)
fen_amounts = st.integers(min_value=5_000, max_value=3_000_000)
operations = st.lists(st.one_of(
    st.tuples(st.just("credit"), fen_amounts, st.sampled_from([1, 3, 6, 12]), st.sampled_from(methods)),
    st.tuples(st.just("order"), st.integers(1, 3)),
    st.tuples(st.just("repay"), st.integers(0, 9), st.integers(1, 100)),
    st.tuples(st.just("repay_fen"), st.integers(0, 9), st.integers(1, 700)),  # tiny: below a day's interest
    st.tuples(st.just("refund"), st.integers(0, 30)),
    st.tuples(st.just("orders"), st.integers(1, 3), st.integers(0, 20)),
    st.tuples(st.just("eod"), st.integers(1, 45)),
), min_size=1, max_size=12)


@contextmanager
def fresh_database(template):
    url = template.clone()
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    try:
        yield url
    finally:
        engine_for(url).dispose()
        if previous is None:
            os.environ.pop("DATABASE_URL")
        else:
            os.environ["DATABASE_URL"] = previous
        template.drop(url)


def apply(step, seller, shop_id, n: int) -> None:
    kind = step[0]
    with session_scope() as s:
        today = business_date(s)
        loans = s.exec(select(Loan.id).where(Loan.status == "open").order_by(Loan.id)).all()
        orders = s.exec(select(Order.id).where(Order.shop_id == shop_id).order_by(Order.id)).all()
        eligible = s.exec(select(Order.id).where(Order.shop_id == shop_id, Order.status == "shipped",
                                                 Order.pledged_loan_id.is_(None))).all()
    key = f"k{n}"
    if kind == "credit":
        draw_credit_loan(seller, shop_id=shop_id, amount=Decimal(step[1]) / 100, months=step[2],
                         method=step[3], idempotency_key=key)
    elif kind == "order" and eligible:
        draw_order_loan(seller, shop_id=shop_id, order_ids=list(eligible[: step[1]]), amount=None,
                        idempotency_key=key)
    elif kind == "repay" and loans:
        loan_id = loans[step[1] % len(loans)]
        payoff = payoff_quote(seller, loan_id).payoff
        amount = max(Decimal("0.01"), (payoff * step[2] / 100).quantize(Decimal("0.01")))
        repay(seller, loan_id=loan_id, amount=amount, idempotency_key=key)
    elif kind == "repay_fen" and loans:
        loan_id = loans[step[1] % len(loans)]
        amount = min(payoff_quote(seller, loan_id).payoff, Decimal(step[2]) / 100)
        repay(seller, loan_id=loan_id, amount=amount, idempotency_key=key)
    elif kind == "refund" and orders:
        refund_order(seller, orders[step[1] % len(orders)])
    elif kind == "orders":
        with session_scope() as s:
            add_orders(s, shop_id, step[1], amount_fen=73_311, confirm_in=step[2], shipped_on=today)
    elif kind == "eod":
        run_end_of_day(SYSTEM_ACTOR, until=today + timedelta(days=step[1] - 1))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=operations)
def test_any_sequence_of_operations_keeps_the_ledger_whole(database_template, steps):
    with fresh_database(database_template):
        with session_scope() as s:
            set_business_date(s, START)
            set_nightly_pre_approval(s, False)  # keep the limits these tests set
            seller, shop_id, _ = add_seller(s, 1, 5_000_000, "0.95")
            add_orders(s, shop_id, 4, confirm_in=9)
        for n, step in enumerate(steps):
            before = table_digests()
            try:
                apply(step, seller, shop_id, n)
            except LendingError:
                assert table_digests() == before  # a refusal changes nothing
            report = reconcile()  # after every operation, not only at the end
            assert report.ok, (step, report.problems)
        with session_scope() as s:
            assert all(x.platform_balance_fen >= 0 for x in s.exec(select(Seller)).all())
            assert all(x.outstanding_fen >= 0 for x in s.exec(select(Loan)).all())
        assert cli_main(["reconcile"]) == 0
