"""The back office's money paths against misuse and in their lock order (issue #19), one test
at a time; tests/services/test_concurrency_processes.py (h-l) runs the same paths in 32
processes at once.

1. a payment of a loan written off, or moved onto a recovery plan, is never reversed (at the
   proposal, and again at the approval);
2. and 4. every money path of the back office takes the business day first, reads the date
   after it, then the seller, the loans, the proposal and the lender book in that order —
   traced statement by statement on PostgreSQL (SQLite runs writers one at a time);
3. one pending correction per loan, kept by the database, and every kind checked again at
   approval;
5. settings changes take the settings lock before reading a setting;
7. malformed actors, a date-and-time promise, a staff withdrawal, another seller's orders.

Every test that moves money ends with a clean `reconcile()`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal as D

import pytest
from sqlalchemy import event, insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from app.errors import ContactRefused, CorrectionRefused, PermissionDenied
from app.services.access.actor import ADMIN, RISK, SELLER, SYSTEM, Actor
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.balance import withdraw_balance
from app.services.lending.draws import draw_order_loan
from app.services.lending.orders import settle_order
from app.services.lending.repayment import payoff_quote, repay
from app.services.lending.seller_orders import order_backing
from app.services.risk_ops import corrections
from app.services.risk_ops.collections import log_contact
from app.services.risk_ops.corrections import approve_correction, propose_correction, reject_correction
from app.services.risk_ops.recovery import create_recovery_plan
from app.services.store.locks import BUSINESS_DAY_LOCK, SETTINGS_LOCK
from app.services.store.product_settings import change_settings
from app.services.store.settings import set_business_date
from db.engine import get_engine, session_scope
from db.models import Correction, Loan, Payment
from tests.services.conftest import add_orders, table_digests
from tests.services.test_risk_ops import assert_reconciled, default, draw, staff


def payment_ids(loan_id: int) -> list[int]:
    with session_scope() as session:
        return list(session.exec(select(Payment.id).where(Payment.loan_id == loan_id)
                                 .order_by(Payment.id)).all())


# --- 1. no reversal after a write-off or a recovery plan -----------------------------------------


def test_a_payment_of_a_written_off_loan_is_never_reversed(book):
    loan = draw(book, months=1, method="bullet")
    paid = repay(book.seller, loan_id=loan.id, amount="1000.00", idempotency_key="part")
    default_from_paid(book)
    maker, checker = staff("risk1"), staff("risk2")
    write_off = propose_correction(maker, kind="write_off", loan_id=loan.id, reason="uncollectable")
    approve_correction(checker, write_off.id)
    before = table_digests()
    with pytest.raises(CorrectionRefused, match="written off") as refused:
        propose_correction(maker, kind="payment_reversal", loan_id=loan.id, payment_id=paid.payment_id,
                           reason="the bank returned the transfer")
    assert "核销" in refused.value.render("zh")
    assert table_digests() == before
    with session_scope() as session:
        row = session.get(Loan, loan.id)
        assert (row.status, row.closed_as, row.outstanding_fen) == ("closed", "written_off", 0)
    assert_reconciled()


def default_from_paid(book) -> None:
    """The book's loan (drawn 03-02, due 04-02) is non-performing on 07-02 (as `default`)."""
    with session_scope() as session:
        set_business_date(session, date(2026, 6, 29))
    run_end_of_day(book.system, until=date(2026, 7, 1))


def test_a_reversal_pending_when_its_loan_moves_onto_a_recovery_plan_is_refused_at_approval(book):
    loan = draw(book, months=1, method="bullet")
    paid = repay(book.seller, loan_id=loan.id, amount="1000.00", idempotency_key="part")
    default_from_paid(book)
    maker, checker = staff("risk1"), staff("risk2")
    proposed = propose_correction(maker, kind="payment_reversal", loan_id=loan.id,
                                  payment_id=paid.payment_id, reason="the bank returned the transfer")
    create_recovery_plan(maker, book.seller_id, 6, "not malicious")  # closes the loan onto the plan
    before = table_digests()
    with pytest.raises(CorrectionRefused, match="recovery plan"):
        approve_correction(checker, proposed.id)
    assert table_digests() == before
    assert reject_correction(checker, proposed.id, "moved onto a plan").status == "rejected"
    assert_reconciled()


# --- 2 and 4. the business day first, then one lock order -----------------------------------------

LOCK_ORDER = ("business day", "settings lock", "seller", "loans", "correction", "orders", "lender book")
LOCKED_TABLES = {"sellers": "seller", "loans": "loans", "corrections": "correction", "orders": "orders",
                 "lender_book": "lender book"}
SETTINGS_READ = "settings read"


def _lock_of(statement: str, parameters) -> str | None:
    """What a statement locks (or a read of the settings, where the business date is), or None."""
    flat = " ".join(statement.split())
    if "pg_advisory_xact_lock" in flat:
        key = parameters["key"] if isinstance(parameters, dict) else None
        return {BUSINESS_DAY_LOCK: "business day", SETTINGS_LOCK: "settings lock"}.get(key, "advisory ?")
    if flat.startswith("UPDATE lender_book"):
        return "lender book"
    if (locked := re.search(r"\bFROM (\w+)\b.* FOR (NO KEY )?UPDATE", flat)) is not None:
        return LOCKED_TABLES.get(locked.group(1), f"{locked.group(1)} ?")
    if re.search(r"\bFROM settings\b", flat):
        return SETTINGS_READ
    return None


@contextmanager
def lock_trace() -> Iterator[list[str]]:
    """The locks taken and the settings read, in the order the database saw them (PostgreSQL:
    SQLite takes no row or advisory locks; its writers run one at a time, BEGIN IMMEDIATE)."""
    engine = get_engine()
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers (BEGIN IMMEDIATE): there is no lock order to trace")
    seen: list[str] = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        if (lock := _lock_of(statement, parameters)) is not None:
            seen.append(lock)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def assert_in_lock_order(trace: list[str], *needed: str) -> None:
    """The business day before anything else (the date is read after it), then every lock in
    LOCK_ORDER's order, never back to an earlier kind; `needed` are all taken."""
    assert trace and trace[0] == "business day", trace
    locks = [lock for lock in trace if lock != SETTINGS_READ]
    assert all(lock in LOCK_ORDER for lock in locks), trace
    ranks = [LOCK_ORDER.index(lock) for lock in locks]
    assert ranks == sorted(ranks), trace
    assert set(needed) <= set(locks), trace


def order_loan_paid_from_proceeds(book) -> tuple[int, int]:
    """An order loan on two orders (1,800.00), 1,000.00 of it paid by one order's proceeds:
    reversing that payment puts the money back on the seller's platform balance."""
    loan = draw_order_loan(book.seller, shop_id=book.shop_id, order_ids=book.order_ids[:2], amount=None,
                           idempotency_key="order")
    settle_order(book.system, book.order_ids[0])
    return loan.id, payment_ids(loan.id)[-1]


def test_approving_a_reversal_locks_the_business_day_seller_loan_proposal_then_the_book(book):
    loan_id, payment_id = order_loan_paid_from_proceeds(book)
    maker, checker = staff("risk1"), staff("risk2")
    with lock_trace() as trace:
        proposed = propose_correction(maker, kind="payment_reversal", loan_id=loan_id, payment_id=payment_id,
                                      reason="the buyer's payment was charged back")
    assert_in_lock_order(trace)
    with lock_trace() as trace:
        approve_correction(checker, proposed.id)
    assert_in_lock_order(trace, "seller", "loans", "correction", "lender book")
    assert_reconciled()


def test_approving_a_waiver_or_a_write_off_and_rejecting_keep_the_same_order(book):
    loan_id = default(book)
    run_end_of_day(book.system)  # non-performing, penalty owed
    maker, checker = staff("risk1"), staff("risk2")
    waiver = propose_correction(maker, kind="penalty_waiver", loan_id=loan_id, amount="10.00",
                                reason="goodwill")
    with lock_trace() as trace:
        approve_correction(checker, waiver.id)
    assert_in_lock_order(trace, "seller", "loans", "correction")
    first = propose_correction(maker, kind="write_off", loan_id=loan_id, reason="uncollectable")
    with lock_trace() as trace:
        reject_correction(checker, first.id)
    assert_in_lock_order(trace, "seller", "loans", "correction")
    second = propose_correction(maker, kind="write_off", loan_id=loan_id, reason="uncollectable")
    with lock_trace() as trace:
        approve_correction(checker, second.id)
    assert_in_lock_order(trace, "seller", "loans", "correction", "lender book")
    assert_reconciled()


def test_a_recovery_plan_locks_the_business_day_seller_loans_then_the_book_once(book):
    default(book)
    run_end_of_day(book.system)  # blacklisted
    with lock_trace() as trace:
        create_recovery_plan(staff("risk1"), book.seller_id, 6, "not malicious")
    assert_in_lock_order(trace, "seller", "loans", "lender book")
    assert trace.count("lender book") == 1
    assert_reconciled()


# --- 3. one pending correction per loan; every kind checked again at approval ------------------------


def test_the_database_keeps_one_pending_correction_per_loan(book):
    loan = draw(book)
    maker = staff("risk1")
    row = {"kind": "penalty_waiver", "loan_id": loan.id, "amount_fen": 100, "reason": "x",
           "proposed_by": maker.user_id, "proposed_on": date(2026, 3, 2), "created_at": datetime.now(UTC)}
    with session_scope() as session:  # decided ones do not count
        session.execute(insert(Correction), [{**row, "status": "rejected"}, {**row, "status": "approved"}])
        session.execute(insert(Correction), [{**row, "status": "proposed"}])
    with pytest.raises(IntegrityError), session_scope() as session:
        session.execute(insert(Correction), [{**row, "status": "proposed"}])


def test_a_twin_proposal_that_got_in_first_is_refused_as_already_pending(book, monkeypatch):
    """Two proposals for one loan at the same moment: both checked "nothing pending" before
    either wrote; the second INSERT is refused by the database, and told as a refusal."""
    loan = draw(book)
    maker = staff("risk1")
    checked = corrections._check

    def twin_slips_in(session, kind, record, *args):
        found = checked(session, kind, record, *args)
        session.execute(insert(Correction).values(
            kind="payment_reversal", loan_id=record.loan.id, amount_fen=1, reason="twin", status="proposed",
            proposed_by=maker.user_id, proposed_on=date(2026, 3, 2), created_at=datetime.now(UTC)))
        return found

    monkeypatch.setattr(corrections, "_check", twin_slips_in)
    paid = repay(book.seller, loan_id=loan.id, amount="100.00", idempotency_key="p")
    before = table_digests()
    with pytest.raises(CorrectionRefused, match="already has a correction waiting"):
        propose_correction(maker, kind="payment_reversal", loan_id=loan.id, payment_id=paid.payment_id,
                           reason="returned")
    assert table_digests() == before


def overdue_with_penalty(book):
    """A 1-month bullet of 10,000.00 ten days overdue: penalty 90.00 (as in test_risk_ops)."""
    loan = draw(book, months=1, method="bullet")
    with session_scope() as session:
        set_business_date(session, date(2026, 4, 11))
    run_end_of_day(book.system)
    return loan


def test_a_waiver_approved_after_the_penalty_was_paid_is_refused(book):
    loan = overdue_with_penalty(book)
    maker, checker = staff("risk1"), staff("risk2")
    waiver = propose_correction(maker, kind="penalty_waiver", loan_id=loan.id, amount="90.00",
                                reason="goodwill")
    repay(book.seller, loan_id=loan.id, amount="100.00", idempotency_key="penalty-first")  # 90.00 of penalty
    with pytest.raises(CorrectionRefused, match=r"at most the penalty owed, ¥0\.00"):
        approve_correction(checker, waiver.id)
    assert_reconciled()


def test_a_reversal_approved_after_a_later_payment_is_refused(book):
    loan = draw(book)
    first = repay(book.seller, loan_id=loan.id, amount="100.00", idempotency_key="first")
    maker, checker = staff("risk1"), staff("risk2")
    reversal = propose_correction(maker, kind="payment_reversal", loan_id=loan.id,
                                  payment_id=first.payment_id, reason="returned")
    repay(book.seller, loan_id=loan.id, amount="50.00", idempotency_key="second")
    with pytest.raises(CorrectionRefused, match="latest payment"):
        approve_correction(checker, reversal.id)
    assert_reconciled()


def test_a_write_off_approved_after_the_loan_was_repaid_is_refused(book):
    loan_id = default(book)
    run_end_of_day(book.system)
    maker, checker = staff("risk1"), staff("risk2")
    write_off = propose_correction(maker, kind="write_off", loan_id=loan_id, reason="uncollectable")
    payoff = payoff_quote(book.seller, loan_id).payoff
    repay(book.seller, loan_id=loan_id, amount=payoff, idempotency_key="all")
    with pytest.raises(CorrectionRefused, match="non-performing"):
        approve_correction(checker, write_off.id)
    assert_reconciled()


# --- 5. settings changes one at a time ---------------------------------------------------------------


def test_a_settings_change_reads_and_checks_the_settings_under_the_settings_lock(book):
    admin = staff("admin1", ADMIN)
    with lock_trace() as trace:
        change_settings(admin, {"registered_capital": "1000000", "bank_credit_lines": "500000"})
    assert_in_lock_order(trace, "settings lock")
    assert trace.index("settings lock") < trace.index(SETTINGS_READ)


# --- 7. smaller ones ------------------------------------------------------------------------------------


def forged(book) -> list[Actor]:
    """Actors sign-in never makes: staff without a login, a system with one, a seller without."""
    return [Actor(None, RISK), Actor(None, ADMIN), Actor(7, SYSTEM), Actor(None, SELLER, book.seller_id),
            Actor(book.seller.user_id, SELLER, None)]


def test_a_forged_actor_is_refused_by_the_back_office_and_changes_nothing(book):
    loan = overdue_with_penalty(book)
    waiver = propose_correction(staff("risk1"), kind="penalty_waiver", loan_id=loan.id, amount="10.00",
                                reason="goodwill")
    calls = [lambda a: approve_correction(a, waiver.id), lambda a: reject_correction(a, waiver.id),
             lambda a: propose_correction(a, kind="penalty_waiver", loan_id=loan.id, amount="1", reason="x"),
             lambda a: create_recovery_plan(a, book.seller_id, 6, "x"),
             lambda a: change_settings(a, {"penalty_multiplier": "1.4"}),
             lambda a: log_contact(a, loan.id, note="called"),
             lambda a: order_backing(a, book.seller_id, book.order_ids[:1]),
             lambda a: repay(a, loan_id=loan.id, amount="1.00", idempotency_key="forged")]
    before = table_digests()
    for actor in forged(book):
        for call in calls:
            with pytest.raises(PermissionDenied):
                call(actor)
    assert table_digests() == before


def test_a_promise_date_with_a_time_is_refused_not_a_crash(book):
    loan, officer = overdue_with_penalty(book), staff("risk1")
    before = table_digests()
    with pytest.raises(ContactRefused):
        log_contact(officer, loan.id, note="called", promise_date=datetime(2026, 4, 15, 10, 0))
    assert table_digests() == before
    log_contact(officer, loan.id, note="called", promise_date=date(2026, 4, 12) + timedelta(days=3))


def test_staff_trying_to_withdraw_are_told_only_the_seller_withdraws(book):
    for actor in (staff("admin1", ADMIN), staff("risk1")):
        with pytest.raises(PermissionDenied, match="Only the seller can withdraw") as refused:
            withdraw_balance(actor, amount="1.00", idempotency_key=f"w-{actor.user_id}")
        assert "提取" in refused.value.render("zh")


def test_a_seller_cannot_read_the_backing_of_another_sellers_orders(book):
    with session_scope() as session:
        theirs = add_orders(session, book.other_shop_id, 2)
    for order_ids, shop_id in ((theirs, None), (theirs, book.other_shop_id), ([book.order_ids[0]],
                                                                               book.other_shop_id)):
        with pytest.raises(PermissionDenied):
            order_backing(book.seller, book.seller_id, order_ids, shop_id)
    own = order_backing(book.seller, book.seller_id, book.order_ids[:2])
    assert (own.orders_value, own.backing) == (D("2000.00"), D("1800.00"))
    assert order_backing(book.other, book.other.seller_id, theirs).backing == D("1600.00")

