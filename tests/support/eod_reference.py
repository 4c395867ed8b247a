"""End of day's per-row reference: settlement and auto-debit one transaction per order or loan.

Production collects through `app.services.end_of_day.collect` (set-based where the
allocation is simple, the per-loan engine in batches of sellers for the rest). These loops
are what it must equal: `tests/services/test_eod_oracle.py` plays the same random book
through both and compares every row; `bench` times them beside it. They offer the same two
steps as `collect`, and `per_row()` puts them in its place for the nights run inside it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from unittest import mock

from sqlmodel import Session, col, select

from app.services.access.actor import SYSTEM_ACTOR
from app.services.end_of_day import run
from app.services.lending.orders import confirmed_order, settle_order_in
from app.services.lending.repayment import auto_debit
from app.services.store import loan_store
from app.services.store.arrears import due_installment
from app.services.store.locks import hold_business_day, lock_seller, retry_on_conflict
from db.engine import session_scope
from db.models import Loan, LoanInstallment, Order, Payment, Seller


@contextmanager
def per_row() -> Iterator[None]:
    """`run_end_of_day` settles and auto-debits through these loops within the block."""
    with mock.patch.object(run, "eod_collect", sys.modules[__name__]):
        yield


def settle_confirmed_orders(today: date) -> int:
    """One transaction per confirmed order, in id order; the number settled."""
    with session_scope() as session:
        ids = session.exec(select(Order.id).where(confirmed_order(today)).order_by(col(Order.id))).all()
    for order_id in ids:
        _settle_one(order_id, today)
    return len(ids)


@retry_on_conflict
def _settle_one(order_id: int, today: date) -> None:
    with session_scope() as session:
        settle_order_in(session, SYSTEM_ACTOR, order_id, today)


def auto_debit_due(today: date) -> int:
    """One transaction per loan with something due by today whose seller has a platform
    balance, in id order; the loans debited."""
    with session_scope() as session:
        ids = session.exec(
            select(Loan.id).distinct().join(LoanInstallment, col(LoanInstallment.loan_id) == Loan.id)
            .join(Seller, col(Seller.id) == Loan.seller_id)
            .where(Seller.platform_balance_fen > 0, due_installment(today))
            .order_by(Loan.id)).all()
    return sum(_debit_one(loan_id, today) for loan_id in ids)


@retry_on_conflict
def _debit_one(loan_id: int, today: date) -> bool:
    with session_scope() as session:
        return auto_debit_loan(session, loan_id, today) is not None


def auto_debit_loan(session: Session, loan_id: int, today: date) -> Payment | None:
    """`auto_debit` for one loan, taking the business day's, the seller's and the loan's
    locks in the order of `app.services.store.locks`."""
    hold_business_day(session)
    lock_seller(session, session.exec(select(Loan.seller_id).where(Loan.id == loan_id)).one())
    return auto_debit(session, loan_store.get(session, loan_id, for_update=True), today)
