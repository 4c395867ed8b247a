"""Choosing the payment to reverse and seeing its effect first (issue 16 item 12): the loan's
payments with what may be done with each, and the effect shown before proposing equals what
the approval then posts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from app.errors import CorrectionRefused, LoanNotFound, PermissionDenied
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.loan_views import loan_detail
from app.services.lending.repayment import payoff_quote, repay
from app.services.risk_ops.corrections import approve_correction, propose_correction
from app.services.risk_ops.reversal_preview import (
    LATER_FIRST,
    LENDER_FUNDS,
    REVERSED,
    REVERSIBLE,
    LoanFigures,
    reversal_choice,
)
from app.services.store.settings import set_business_date
from db.engine import session_scope
from tests.services.test_risk_ops import ADMIN, assert_reconciled, draw, staff


def on(day: date) -> None:
    with session_scope() as session:
        set_business_date(session, day)


def test_the_effect_of_reversing_a_payoff_is_shown_and_is_what_the_approval_posts(book):
    loan = draw(book)
    on(date(2026, 3, 12))
    payment = repay(book.seller, loan_id=loan.id, amount=payoff_quote(book.seller, loan.id).payoff,
                    idempotency_key="payoff")
    maker, checker = staff("risk1"), staff("admin1", ADMIN)
    choice = reversal_choice(maker, loan.id)
    assert [(p.id, p.status) for p in choice.payments] == [(payment.id, REVERSIBLE)]
    assert (choice.seller_id, choice.seller_name, choice.blocked) == (book.seller_id, "Seller 1", None)
    effect = choice.effect
    assert (effect.payment_id, effect.amount, effect.reopens, effect.refund_to) == (
        payment.id, payment.amount, True, LENDER_FUNDS)  # paid from the seller's own account
    assert (effect.penalty, effect.interest, effect.principal) == (D("0.00"), D("60.00"), D("10000.00"))
    assert effect.before == LoanFigures(D("0"), D("0"), D("0"), 0)  # closed
    assert (effect.after.outstanding, effect.after.payoff) == (D("10000.00"), D("10060.00"))

    proposed = propose_correction(maker, kind="payment_reversal", loan_id=loan.id, payment_id=payment.id,
                                  reason="bank returned the transfer")
    assert reversal_choice(checker, loan.id).blocked is not None  # waiting: nothing else may be proposed
    approve_correction(checker, proposed.id)
    detail = loan_detail(book.seller, loan.id)
    assert (detail.loan.outstanding, detail.payoff_today, detail.loan.due_now, detail.loan.days_past_due) == (
        effect.after.outstanding, effect.after.payoff, effect.after.due_now, effect.after.days_past_due)
    assert [(p.id, p.status) for p in reversal_choice(maker, loan.id).payments] == [(payment.id, REVERSED)]
    assert reversal_choice(maker, loan.id).effect is None
    run_end_of_day(book.system)
    assert_reconciled()


def test_an_earlier_payment_is_reversed_after_the_later_ones_and_the_officer_sees_why(book):
    loan = draw(book)
    on(date(2026, 3, 10))
    first = repay(book.seller, loan_id=loan.id, amount="1000", idempotency_key="p1")
    on(date(2026, 3, 20))
    second = repay(book.seller, loan_id=loan.id, amount="2000", idempotency_key="p2")
    maker, checker = staff("risk1"), staff("risk2")
    choice = reversal_choice(maker, loan.id)
    assert [(p.id, p.status) for p in choice.payments] == [(second.id, REVERSIBLE), (first.id, LATER_FIRST)]
    assert choice.effect.payment_id == second.id and not choice.effect.reopens
    before = loan_detail(book.seller, loan.id)
    assert (choice.effect.before.outstanding, choice.effect.before.payoff) == (before.loan.outstanding,
                                                                             before.payoff_today)
    with pytest.raises(CorrectionRefused):  # the service keeps the order whatever a page sends
        propose_correction(maker, kind="payment_reversal", loan_id=loan.id, payment_id=first.id, reason="x")
    approve_correction(checker, propose_correction(maker, kind="payment_reversal", loan_id=loan.id,
                                                   payment_id=second.id, reason="posted twice").id)
    choice = reversal_choice(maker, loan.id)
    assert [(p.id, p.status) for p in choice.payments] == [(second.id, REVERSED), (first.id, REVERSIBLE)]
    effect = choice.effect
    approve_correction(checker, propose_correction(maker, kind="payment_reversal", loan_id=loan.id,
                                                   payment_id=first.id, reason="posted twice").id)
    after = loan_detail(book.seller, loan.id)
    assert (after.loan.outstanding, after.payoff_today) == (effect.after.outstanding, effect.after.payoff)
    assert after.loan.outstanding == D("10000.00")
    assert_reconciled()


def test_a_loan_without_payments_has_nothing_to_choose(book):
    loan = draw(book)
    choice = reversal_choice(staff("risk1"), loan.id)
    assert choice.payments == () and choice.effect is None


def test_only_staff_read_it_and_an_unknown_loan_is_not_found(book):
    loan = draw(book)
    with pytest.raises(PermissionDenied):
        reversal_choice(book.seller, loan.id)
    with pytest.raises(LoanNotFound):
        reversal_choice(staff("risk1"), loan.id + 1000)
