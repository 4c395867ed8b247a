"""The lender book keeps the outstanding principal of all sellers on one row (rules §10)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import update

from app.errors import LenderCapacityExceeded
from app.services.end_of_day.reconcile import reconcile
from app.services.lending.draws import draw_credit_loan, draw_order_loan
from app.services.lending.orders import settle_order
from app.services.lending.repayment import repay
from app.services.store.settings import book_outstanding, set_lender_funds
from db.engine import engine_for, session_scope
from db.migrations_runner import alembic_config, upgrade
from db.models import LenderBook


def outstanding() -> Decimal:
    with session_scope() as session:
        return book_outstanding(session)


def test_draws_repayments_and_settlements_move_the_kept_figure(book):
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="10000.00", months=1, method="bullet",
                            idempotency_key="c")
    order_loan = draw_order_loan(book.seller, shop_id=book.shop_id, order_ids=book.order_ids[:1], amount=None,
                                 idempotency_key="o")
    assert outstanding() == Decimal("10900.00")
    repay(book.seller, loan_id=loan.id, amount="1006.00", idempotency_key="p")  # 6.00 interest + 1,000.00
    assert outstanding() == Decimal("9900.00")
    settle_order(book.system, book.order_ids[0])  # 1,000.00 pays the 900.00 + 0.45 order loan off
    assert outstanding() == Decimal("9000.00") and order_loan.id
    assert reconcile().ok


def test_a_draw_beyond_the_lenders_funds_is_refused(book):
    with session_scope() as session:
        set_lender_funds(session, registered_capital=Decimal("50000.00"), bank_credit_lines=Decimal("0"))
    draw_credit_loan(book.seller, shop_id=book.shop_id, amount="40000.00", months=1, method="bullet",
                     idempotency_key="a")
    with pytest.raises(LenderCapacityExceeded, match="10,000.00"):
        draw_credit_loan(book.other, shop_id=book.other_shop_id, amount="20000.00", months=1,
                         method="bullet", idempotency_key="b")
    assert outstanding() == Decimal("40000.00")


def test_reconcile_reports_a_kept_figure_that_drifted(book):
    draw_credit_loan(book.seller, shop_id=book.shop_id, amount="5000.00", months=1, method="bullet",
                     idempotency_key="a")
    with session_scope() as session:
        session.execute(update(LenderBook).values(outstanding_fen=1))
    assert any("lender book outstanding 1 ≠ open loans 500000" in p for p in reconcile().problems)


def test_the_migration_back_fills_the_figure_from_open_loans(book, db_url):
    draw_credit_loan(book.seller, shop_id=book.shop_id, amount="5000.00", months=1, method="bullet",
                     idempotency_key="a")
    draw_credit_loan(book.other, shop_id=book.other_shop_id, amount="1234.56", months=3,
                     method="equal_principal", idempotency_key="b")
    engine_for(db_url).dispose()
    command.downgrade(alembic_config(db_url), "0009-1")  # the revision before the lender book
    upgrade(db_url)
    assert outstanding() == Decimal("6234.56")
    assert reconcile().ok
