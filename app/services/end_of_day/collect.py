"""End of day's settlement and auto-debit over the whole book (rules §5, §8).

Each step runs in two parts:

1. set-based, in one transaction, where the allocation is simple
   (`app.services.end_of_day.collect_sql`): proceeds of orders backing no open loan go straight
   to the seller's balance; today's installment is collected in full where the seller's
   balance covers everything that seller owes today;
2. everything else through the per-loan engine (`settle_order_in`, `auto_debit`),
   `BATCH_SELLERS` sellers per transaction instead of one transaction per row: the batch
   takes the business day, then its sellers, loans and orders in id order, each kind by one
   statement for the whole batch
   (`app.services.store.locks`), and moves the lender book once, last.

The per-row loops of `tests/support/eod_reference.py` (one transaction per order or loan) are the
reference; `tests/services/test_eod_oracle.py` compares both on random books, line by line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from itertools import groupby, islice

from sqlmodel import Session, col, select

from app.config import OrderStatus
from app.crash_points import CrashPoint, crash_point
from app.services.end_of_day import collect_sql
from app.services.lending.orders import confirmed_order, settle_locked_order
from app.services.lending.repayment import auto_debit
from app.services.store import loan_store, postings
from app.services.store.arrears import due_installment
from app.services.store.locks import hold_business_day, lock_sellers, retry_on_conflict
from app.services.store.settings import deferred_book_moves
from db.engine import get_engine, session_scope
from db.models import Loan, LoanInstallment, Order, Seller, Shop, now_utc

BATCH_SELLERS = 200  # sellers per engine transaction: short enough not to hold draws up long
ENGINE_WORKERS = 2  # engine batches at once on PostgreSQL (docs/benchmarks.md)


def settle_confirmed_orders(today: date) -> int:
    """Settle every order whose buyer confirmed by today; the number settled."""
    settled = _settle_unbacked(today)
    crash_point(CrashPoint.EOD_BATCH_COMMITTED)  # tests only (app/crash_points.py)
    return settled + _in_parallel(_settle_batch, _batches(_confirmed_orders(today)), today)


def auto_debit_due(today: date) -> int:
    """Collect what is due or overdue today from the sellers' balances; the loans debited."""
    debited = _debit_covered(today)
    crash_point(CrashPoint.EOD_BATCH_COMMITTED)
    return debited + _in_parallel(_debit_batch, _batches(_due_loans(today)), today)


def _in_parallel(step: Callable[[list, date], int], batches: Iterator[list], today: date) -> int:
    """Run `step` over the batches, on PostgreSQL in `ENGINE_WORKERS` threads at once: the
    batches hold disjoint sellers (and so disjoint loans and orders) and take their locks in
    the one order, so they never wait on each other but for the lender book's last UPDATE;
    while one thread waits for the database, another computes. SQLite has one writer at a
    time, so its batches run one after another."""
    def committed(batch: list) -> int:
        done = step(batch, today)
        crash_point(CrashPoint.EOD_BATCH_COMMITTED)  # tests only (app/crash_points.py)
        return done

    if get_engine().dialect.name != "postgresql":
        return sum(committed(batch) for batch in batches)
    with ThreadPoolExecutor(ENGINE_WORKERS, thread_name_prefix="eod-engine") as pool:
        return sum(pool.map(committed, batches))


@retry_on_conflict
def _settle_unbacked(today: date) -> int:
    with session_scope() as session:
        hold_business_day(session)
        return collect_sql.settle_to_balance(session.connection(), today, now_utc())


@retry_on_conflict
def _debit_covered(today: date) -> int:
    with session_scope() as session:
        hold_business_day(session)
        return collect_sql.debit_covered(session.connection(), today, now_utc())


def _confirmed_orders(today: date) -> list[tuple[int, int]]:
    """(seller, order) of the orders still to settle, by seller."""
    with session_scope() as session:
        return list(session.exec(
            select(Shop.seller_id, Order.id).join(Shop, col(Shop.id) == Order.shop_id)
            .where(confirmed_order(today))
            .order_by(Shop.seller_id, col(Order.id))).all())


def _due_loans(today: date) -> list[tuple[int, int]]:
    """(seller, loan) of the open loans with something due by today whose seller has a balance."""
    with session_scope() as session:
        return list(session.exec(
            select(Loan.seller_id, Loan.id).distinct()
            .join(LoanInstallment, col(LoanInstallment.loan_id) == Loan.id)
            .join(Seller, col(Seller.id) == Loan.seller_id)
            .where(Seller.platform_balance_fen > 0, due_installment(today))
            .order_by(Loan.seller_id, Loan.id)).all())


def _batches(rows: list[tuple[int, int]]) -> Iterator[list[tuple[int, int]]]:
    """The (seller, id) rows, `BATCH_SELLERS` whole sellers at a time."""
    sellers = (list(group) for _seller, group in groupby(rows, key=lambda row: row[0]))
    while chunk := list(islice(sellers, BATCH_SELLERS)):
        yield [row for group in chunk for row in group]


def _locked_records(session: Session, loan_ids: Iterable[int]) -> dict[int, loan_store.LoanRecord]:
    """The loans, locked (lock 2) in id order, with their installments: two statements."""
    query = (select(Loan).where(col(Loan.id).in_(sorted(set(loan_ids)))).order_by(col(Loan.id))
             .with_for_update().execution_options(populate_existing=True))
    return {record.loan.id: record for record in loan_store.records(session, session.exec(query).all())}


@retry_on_conflict
def _settle_batch(rows: list[tuple[int, int]], today: date) -> int:
    """Settle a batch of orders through the engine (`settle_locked_order`), in one
    transaction that takes each kind of lock for the whole batch at once."""
    order_ids = sorted(order_id for _, order_id in rows)
    with session_scope() as session:
        hold_business_day(session)
        sellers = lock_sellers(session, (seller_id for seller_id, _ in rows))
        records = _locked_records(session, session.exec(
            select(Order.pledged_loan_id).distinct()
            .where(col(Order.id).in_(order_ids), col(Order.pledged_loan_id).is_not(None))).all())
        orders = session.exec(select(Order).where(col(Order.id).in_(order_ids),
                                                  Order.status == OrderStatus.SHIPPED)
                              .order_by(col(Order.id)).with_for_update()
                              .execution_options(populate_existing=True)).all()
        seller_of = {order_id: seller_id for seller_id, order_id in rows}
        with deferred_book_moves(session), postings.held_postings(session):
            for order in orders:  # a loan closed by an earlier order has released this one
                settle_locked_order(session, sellers[seller_of[order.id]], order,
                                    records.get(order.pledged_loan_id), today)
        return len(orders)


@retry_on_conflict
def _debit_batch(rows: list[tuple[int, int]], today: date) -> int:
    """Auto-debit a batch of loans through `auto_debit`, in one transaction."""
    debited = 0
    with session_scope() as session:
        hold_business_day(session)
        lock_sellers(session, (seller_id for seller_id, _ in rows))
        records = _locked_records(session, (loan_id for _, loan_id in rows))
        with deferred_book_moves(session), postings.held_postings(session):
            for loan_id in sorted(records):
                debited += auto_debit(session, records[loan_id], today) is not None
    return debited
