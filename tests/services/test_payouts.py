"""Payment instructions (rules §14, issue 17 item 4): written with every draw and repayment, sent
in batches, confirmed or failed; a failed disbursement cancels its draw as if it never happened,
and a result applied twice changes nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlmodel import col, select

from app.errors import PayoutResultRefused, PermissionDenied
from app.services.end_of_day.reconcile import reconcile
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.availability import seller_limits
from app.services.lending.draws import draw_credit_loan, draw_order_loan
from app.services.lending.repayment import repay
from app.services.payouts.instructions import (
    ResultLine,
    apply_results,
    instructions,
    mark_sent,
    pending_instructions,
)
from app.services.store.settings import book_outstanding, business_date
from db.engine import session_scope
from db.models import Event, JournalLine, Loan, Order, PaymentInstruction
from tests.services.conftest import START, table_digests


def limits_and_book(book) -> tuple:
    with session_scope() as s:
        limits = seller_limits(s, book.seller_id, business_date(s))
        return limits.credit_available, limits.order_available, book_outstanding(s)


def test_a_draw_and_a_repayment_each_write_their_instruction(book):
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="3000.00", months=3,
                            method="equal_principal", idempotency_key="c")
    payment = repay(book.seller, loan_id=loan.id, amount="500.00", idempotency_key="r")
    rows = pending_instructions(book.system)
    assert [(r.id, r.kind, r.loan_id, r.payment_id, r.amount, r.status, r.created_on) for r in rows] == [
        (f"C-{payment.id}", "collection", loan.id, payment.id, Decimal("500.00"), "pending", START),
        (f"D-{loan.id}", "disbursement", loan.id, None, Decimal("3000.00"), "pending", START)]


def test_only_staff_of_the_system_or_admin_see_and_send_instructions(book):
    with pytest.raises(PermissionDenied):
        pending_instructions(book.seller)
    with pytest.raises(PermissionDenied):
        apply_results(book.seller, [])


def sent_order_loan(book):
    """An order loan on the first three orders, its disbursement sent."""
    before = limits_and_book(book)
    loan = draw_order_loan(book.seller, shop_id=book.shop_id, order_ids=book.order_ids[:3], amount=None,
                           idempotency_key="o")
    assert mark_sent(book.system, [f"D-{loan.id}"], "batch-1.csv") == 1
    assert mark_sent(book.system, [f"D-{loan.id}"], "batch-2.csv") == 0  # sent once
    return loan, before


def test_a_failed_disbursement_cancels_the_draw_as_if_it_never_happened(book):
    loan, before = sent_order_loan(book)
    run_end_of_day(book.system, until=START + timedelta(days=2))  # three nights of interest accrued
    summary = apply_results(book.system, [ResultLine(2, f"D-{loan.id}", "failed", "account closed")])
    assert (summary.failed, summary.cancelled_loans) == (1, (loan.id,))
    with session_scope() as s:
        row = s.get(Loan, loan.id)
        assert (row.status, row.closed_as, row.outstanding_fen) == ("closed", "cancelled", 0)
        lines = s.exec(select(JournalLine.account, JournalLine.debit_fen - JournalLine.credit_fen)
                       .where(JournalLine.loan_id == loan.id)).all()
        per_account: dict[str, int] = {}
        for account, net in lines:
            per_account[account] = per_account.get(account, 0) + net
        assert set(per_account.values()) == {0}  # principal, receivable and income all back to nothing
        lender = s.exec(select(JournalLine.debit_fen - JournalLine.credit_fen)
                        .where(JournalLine.account == "lender_funds")).all()
        assert sum(lender) == 0
        pledged = s.exec(select(Order.pledged_loan_id).where(col(Order.id).in_(book.order_ids[:3]))).all()
        assert pledged == [None] * 3  # pledgeable again
        [event] = s.exec(select(Event).where(Event.kind == "draw_cancelled")).all()
        assert (event.seller_id, event.loan_id) == (book.seller_id, loan.id)
        instruction = s.get(PaymentInstruction, f"D-{loan.id}")
        assert (instruction.status, instruction.failure_reason) == ("failed", "account closed")
    assert limits_and_book(book) == before
    assert reconcile().ok
    again = table_digests()
    twice = apply_results(book.system, [ResultLine(2, f"D-{loan.id}", "failed", "account closed")])
    assert (twice.failed, twice.unchanged, twice.cancelled_loans) == (0, 1, ())
    assert table_digests() == again
    run_end_of_day(book.system, until=START + timedelta(days=4))  # end of day leaves a cancelled loan alone
    assert reconcile().ok


def test_a_confirmed_instruction_changes_only_its_status_and_a_second_file_nothing(book):
    loan, _ = sent_order_loan(book)
    apply_results(book.system, [ResultLine(2, f"D-{loan.id}", "confirmed")])
    assert [r.status for r in instructions(book.system)] == ["confirmed"]
    before = table_digests()
    summary = apply_results(book.system, [ResultLine(2, f"D-{loan.id}", "confirmed")])
    assert (summary.confirmed, summary.unchanged) == (0, 1)
    assert table_digests() == before
    assert reconcile().ok


@pytest.mark.parametrize(("line", "message"), [
    (ResultLine(3, "D-999", "confirmed"), "Line 3: there is no payment instruction D-999."),
    (ResultLine(4, "D-1", "paid"), "Line 4: the result must be confirmed or failed, not “paid”."),
    (ResultLine(5, "D-1", "failed"), "Line 5: instruction D-1 is already confirmed; a result never changes."),
])
def test_a_result_file_with_a_line_that_cannot_apply_changes_nothing(book, line, message):
    loan, _ = sent_order_loan(book)
    apply_results(book.system, [ResultLine(2, f"D-{loan.id}", "confirmed")])
    before = table_digests()
    with pytest.raises(PayoutResultRefused) as refused:
        apply_results(book.system, [line])
    assert str(refused.value) == message
    assert table_digests() == before


def test_a_failed_payout_of_a_loan_already_repaid_in_part_is_flagged_not_cancelled(book):
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="3000.00", months=3,
                            method="equal_principal", idempotency_key="c")
    repay(book.seller, loan_id=loan.id, amount="100.00", idempotency_key="r")
    summary = apply_results(book.system, [ResultLine(2, f"D-{loan.id}", "failed", "no such account")])
    assert summary.cancelled_loans == ()
    assert "has payments" in summary.attention[0]
    with session_scope() as s:
        assert s.get(Loan, loan.id).status == "open"
        assert s.get(PaymentInstruction, f"D-{loan.id}").status == "failed"
    assert reconcile().ok
