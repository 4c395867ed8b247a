"""Order settlement, refunds, auto-debit and the end-of-day run (rules §5, §8)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from app import ledger
from app.errors import EndOfDayError, PermissionDenied
from app.services.end_of_day import run as eod
from app.services.end_of_day.reconcile import reconcile
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.draws import draw_credit_loan, draw_order_loan
from app.services.lending.orders import refund_order, settle_order
from app.services.lending.repayment import payoff_quote
from app.services.store import postings
from app.services.store.settings import business_date
from db.engine import session_scope
from db.models import EodRun, Loan, Order, Payment, Seller
from tests.services.conftest import START, add_orders, table_digests


def balance(book) -> Decimal:
    with session_scope() as s:
        return Decimal(s.get(Seller, book.seller_id).platform_balance_fen) / 100


def test_settled_orders_repay_their_order_loan_first_and_the_rest_goes_to_the_seller(book):
    with session_scope() as s:
        ids = add_orders(s, book.shop_id, 3, confirm_in=12)
    loan = draw_order_loan(book.seller, shop_id=book.shop_id, order_ids=ids, amount=None, idempotency_key="o")
    assert loan.principal == Decimal("2700.00")
    run_end_of_day(book.system, until=START + timedelta(days=12))
    # day 12: payoff = 2,700 + 2,700 × 0.0005 × 12 = 2,716.20; proceeds 3,000.00
    with session_scope() as s:
        payments = s.exec(select(Payment).where(Payment.loan_id == loan.id).order_by(Payment.id)).all()
        assert [p.amount_fen for p in payments] == [100_000, 100_000, 71_620]
        assert s.get(Loan, loan.id).status == "closed"
        assert s.get(Loan, loan.id).closed_on == START + timedelta(days=12)
    assert balance(book) == Decimal("3000.00") - Decimal("2716.20")
    assert reconcile().ok


def test_a_refunded_pledged_order_pays_nothing_and_the_loan_stays_due(book):
    loan = draw_order_loan(book.seller, shop_id=book.shop_id, order_ids=book.order_ids[:1], amount=None,
                           idempotency_key="o")
    refund_order(book.seller, book.order_ids[0])
    with session_scope() as s:
        assert s.get(Order, book.order_ids[0]).status == "refunded"
        assert s.exec(select(Payment)).all() == []
    assert payoff_quote(book.seller, loan.id).payoff == Decimal("900.45")  # 900 + 900 × 0.0005 × 1


def test_only_the_platform_settles_orders_and_a_seller_cannot_refund_anothers(book):
    before = table_digests()
    with pytest.raises(PermissionDenied):
        settle_order(book.seller, book.order_ids[0])
    with pytest.raises(PermissionDenied):
        refund_order(book.other, book.order_ids[0])
    assert table_digests() == before


def test_auto_debit_collects_the_installment_due_from_the_platform_balance(book):
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="3000.00", months=3,
                            method="equal_principal", idempotency_key="c")
    with session_scope() as s:
        seller = s.get(Seller, book.seller_id)
        seller.platform_balance_fen = 500_000  # 5,000.00 from earlier sales
        s.add(seller)
        postings.post_entry(s, business_date=START, kind="settlement", lines=[
            ledger.debit(ledger.ORDER_PROCEEDS, Decimal("5000.00")),
            ledger.credit(ledger.SELLER_BALANCE, Decimal("5000.00"), seller_id=book.seller_id)])
    run_end_of_day(book.system, until=START + timedelta(days=31))
    # installment 1 due 2026-04-02: 1,000.00 + 3,000 × 0.0006 × 31 = 55.80
    assert balance(book) == Decimal("5000.00") - Decimal("1055.80")
    with session_scope() as s:
        assert s.get(Loan, loan.id).dpd == 0
    assert reconcile().ok


def test_end_of_day_runs_each_date_once_and_in_order(book):
    run_end_of_day(book.system)
    with session_scope() as s:
        assert business_date(s) == START + timedelta(days=1)
        assert s.get(EodRun, START).status == "completed"
    before = table_digests()
    assert run_end_of_day(book.system, until=START) == []
    assert table_digests() == before


def test_a_crashed_end_of_day_can_be_rerun_without_settling_or_debiting_twice(book, monkeypatch):
    with session_scope() as s:
        ids = add_orders(s, book.shop_id, 2, confirm_in=0)
    draw_order_loan(book.seller, shop_id=book.shop_id, order_ids=ids, amount=None, idempotency_key="o")

    def crash(session, today):
        raise RuntimeError("power cut")

    with monkeypatch.context() as patched:
        patched.setattr(eod, "_close_book", crash)
        with pytest.raises(RuntimeError):
            run_end_of_day(book.system)
    with session_scope() as s:
        assert business_date(s) == START and s.get(EodRun, START).status == "started"
    run_end_of_day(book.system)
    with session_scope() as s:
        # two orders of 1,000.00 paid the 1,800.90 payoff (1,800 + one day's 0.90) once, not twice
        assert sorted(p.amount_fen for p in s.exec(select(Payment)).all()) == [80_090, 100_000]
        assert business_date(s) == START + timedelta(days=1)
    assert balance(book) == Decimal("2000.00") - Decimal("1800.90")
    assert reconcile().ok


def test_daily_accruals_sum_to_the_interest_charged(book):
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="7777.77", months=1, method="bullet",
                            idempotency_key="c")
    run_end_of_day(book.system, until=START + timedelta(days=30))  # due 2026-04-02 = day 31
    with session_scope() as s:
        accrued = -postings.balance_fen(s, ledger.INTEREST_INCOME, loan_id=loan.id)
    assert accrued == 14_467  # 7,777.77 × 0.0006 × 31 = 144.6665 → 144.67
    assert reconcile().ok


def test_only_the_system_or_an_admin_runs_end_of_day(book):
    before = table_digests()
    with pytest.raises(PermissionDenied):
        run_end_of_day(book.seller)
    assert table_digests() == before


def test_a_completed_date_is_never_run_again(book):
    run_end_of_day(book.system)
    with pytest.raises(EndOfDayError, match="already run"):
        eod._run_date(START)


def test_a_loan_found_past_90_days_after_a_jump_is_charged_nothing_beyond_its_non_performing_day(book):
    from app.services.lending.orders import settle_order_in
    from app.services.store.settings import set_business_date

    with session_scope() as s:
        ids = add_orders(s, book.shop_id, 1, amount_fen=50_000)
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="10000.00", months=1, method="bullet",
                            idempotency_key="c")  # due 2026-04-02
    jump_to = START + timedelta(days=150)  # 119 days past due, never marked by end of day
    with session_scope() as s:
        set_business_date(s, jump_to)
        settle_order_in(s, book.system, ids[0], jump_to)  # 500.00 onto the platform balance
    run_end_of_day(book.system)  # auto-debits, then closes the book without refusing
    with session_scope() as s:
        stored = s.get(Loan, loan.id)
        assert stored.non_performing_since == stored.maturity_date + timedelta(days=91)
        # penalty stops after 91 days: 10,000 × 0.0009 × 91 = 819.00 (not × 119)
        assert stored.penalty_recognised_fen == 81_900
    assert reconcile().ok
