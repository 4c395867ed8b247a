"""Repaying through the services: allocation, payoff, refusals, idempotency (rules §2, §5, §11)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from app import ledger
from app.errors import (
    DrawBlocked,
    IdempotencyConflict,
    InvalidAmount,
    LoanClosed,
    LoanNotFound,
    PaymentExceedsPayoff,
)
from app.services.end_of_day.reconcile import reconcile
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.draws import draw_credit_loan, draw_order_loan
from app.services.lending.repayment import payoff_quote, preview_allocation, repay
from app.services.store import postings
from db.engine import session_scope
from db.models import Loan, Order
from tests.services.conftest import START, table_digests


def bullet_loan(book, amount="10000.00", months=1):
    return draw_credit_loan(book.seller, shop_id=book.shop_id, amount=amount, months=months, method="bullet",
                            idempotency_key="draw")


def advance_to(book, day: int) -> None:
    """Run end of day until the business date is START + day."""
    run_end_of_day(book.system, until=START + timedelta(days=day - 1))


def test_the_worked_example_of_rules_2_costs_72_in_all(book):
    loan = bullet_loan(book)
    receipts = []
    for day, amount in ((5, "2030.00"), (10, "2024.00"), (15, "6018.00")):
        advance_to(book, day)
        receipts.append(repay(book.seller, loan_id=loan.id, amount=amount, idempotency_key=f"pay-{day}"))
    assert [r.interest for r in receipts] == [Decimal("30.00"), Decimal("24.00"), Decimal("18.00")]
    assert [r.principal for r in receipts] == [Decimal("2000.00"), Decimal("2000.00"), Decimal("6000.00")]
    assert receipts[-1].loan_closed
    with session_scope() as s:
        assert postings.balance_fen(s, ledger.INTEREST_INCOME, loan_id=loan.id) == -7_200
        assert postings.balance_fen(s, ledger.LOAN_PRINCIPAL, loan_id=loan.id) == 0
        assert postings.balance_fen(s, ledger.INTEREST_RECEIVABLE, loan_id=loan.id) == 0
    assert reconcile().ok


def test_repaying_on_the_draw_date_costs_one_day(book):
    loan = bullet_loan(book)
    quote = payoff_quote(book.seller, loan.id)
    assert quote.payoff == Decimal("10006.00")  # 10,000 × 0.0006 × 1
    receipt = repay(book.seller, loan_id=loan.id, amount=quote.payoff, idempotency_key="p")
    assert receipt.interest == Decimal("6.00") and receipt.loan_closed
    assert reconcile().ok


def test_a_payoff_quote_is_exactly_what_a_payment_of_it_clears(book):
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="12345.67", months=6,
                            method="equal_principal", idempotency_key="d")
    advance_to(book, 47)
    quote = payoff_quote(book.seller, loan.id)
    assert preview_allocation(book.seller, loan.id, quote.payoff).total() == quote.payoff
    receipt = repay(book.seller, loan_id=loan.id, amount=quote.payoff, idempotency_key="p")
    assert receipt.loan_closed
    assert receipt.penalty + receipt.interest + receipt.principal == quote.payoff
    assert reconcile().ok


@pytest.mark.parametrize(("amount", "error"), [
    ("10006.01", PaymentExceedsPayoff), ("0", InvalidAmount), ("-1", InvalidAmount),
    ("1.001", InvalidAmount), ("abc", InvalidAmount),
])
def test_a_refused_repayment_says_why_and_changes_nothing(book, amount, error):
    loan = bullet_loan(book)
    before = table_digests()
    with pytest.raises(error) as refused:
        repay(book.seller, loan_id=loan.id, amount=amount, idempotency_key="p")
    if error is PaymentExceedsPayoff:
        assert "¥10,006.00" in str(refused.value)
    assert table_digests() == before


def test_the_same_repayment_repeated_with_its_key_pays_once(book):
    loan = bullet_loan(book)
    first = repay(book.seller, loan_id=loan.id, amount="500.00", idempotency_key="p")
    before = table_digests()
    again = repay(book.seller, loan_id=loan.id, amount="500.00", idempotency_key="p")
    assert again == first
    assert table_digests() == before
    with pytest.raises(IdempotencyConflict):
        repay(book.seller, loan_id=loan.id, amount="600.00", idempotency_key="p")
    assert table_digests() == before


def test_a_seller_cannot_see_or_repay_another_sellers_loan(book):
    loan = bullet_loan(book)
    before = table_digests()
    with pytest.raises(LoanNotFound):
        payoff_quote(book.other, loan.id)
    with pytest.raises(LoanNotFound):
        repay(book.other, loan_id=loan.id, amount="100", idempotency_key="p")
    assert table_digests() == before


def test_a_closed_loan_takes_no_more_payments(book):
    loan = bullet_loan(book)
    repay(book.seller, loan_id=loan.id, amount="10006.00", idempotency_key="p1")
    with pytest.raises(LoanClosed):
        repay(book.seller, loan_id=loan.id, amount="1.00", idempotency_key="p2")


def test_paying_off_an_order_loan_releases_its_pledged_orders(book):
    loan = draw_order_loan(book.seller, shop_id=book.shop_id, order_ids=book.order_ids[:2], amount=None,
                           idempotency_key="o")
    repay(book.seller, loan_id=loan.id, amount=payoff_quote(book.seller, loan.id).payoff, idempotency_key="p")
    with session_scope() as s:
        assert s.exec(select(Order).where(Order.pledged_loan_id == loan.id)).all() == []


def test_an_unpaid_installment_is_overdue_the_next_day_and_accrues_penalty(book):
    loan = bullet_loan(book)  # due 2026-04-02, 31 days: interest 10,000 × 0.0006 × 31 = 186.00
    advance_to(book, 31 + 10)
    quote = payoff_quote(book.seller, loan.id)
    # penalty 10,000 × 0.0009 × 10 = 90.00; no interest on the overdue interest
    assert quote.payoff == Decimal("10000.00") + Decimal("186.00") + Decimal("90.00")
    with session_scope() as s:
        stored = s.get(Loan, loan.id)
        assert stored.dpd == 10 and stored.max_dpd == 10
        assert postings.balance_fen(s, ledger.PENALTY_RECEIVABLE, loan_id=loan.id) == 9_000
    with pytest.raises(DrawBlocked, match="overdue"):
        draw_credit_loan(book.seller, shop_id=book.shop_id, amount="100", months=1, method="bullet",
                         idempotency_key="again")
    receipt = repay(book.seller, loan_id=loan.id, amount="100.00", idempotency_key="p")
    assert (receipt.penalty, receipt.interest, receipt.principal) == (Decimal("90.00"), Decimal("10.00"), 0)
    assert reconcile().ok


def test_a_loan_over_90_days_past_due_stops_accruing(book):
    loan = bullet_loan(book)
    advance_to(book, 31 + 91)
    with session_scope() as s:
        stored = s.get(Loan, loan.id)
        assert stored.non_performing_since == stored.maturity_date + timedelta(days=91)
    frozen = payoff_quote(book.seller, loan.id).payoff
    # penalty for the 91 days to non-performance: 10,000 × 0.0009 × 91 = 819.00
    assert frozen == Decimal("10000.00") + Decimal("186.00") + Decimal("819.00")
    advance_to(book, 31 + 120)
    assert payoff_quote(book.seller, loan.id).payoff == frozen
    assert reconcile().ok


def test_a_draw_day_payment_below_one_days_interest_keeps_the_receivable_whole(book):
    # 10,000.00 at 0.06 %/day: the draw day's minimum interest is 6.00; a payment of 1.00
    # that day collects 1.00 of it, so 5.00 is still receivable and nothing goes negative.
    loan = bullet_loan(book)
    repay(book.seller, loan_id=loan.id, amount="1.00", idempotency_key="tiny")
    with session_scope() as s:
        assert postings.balance_fen(s, ledger.INTEREST_RECEIVABLE, loan_id=loan.id) >= 0
    report = reconcile()
    assert report.ok, report.problems
    advance_to(book, 1)
    assert reconcile().ok
