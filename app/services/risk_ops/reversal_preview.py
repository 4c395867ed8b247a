"""What a payment reversal would do, before it is proposed (issue 16 item 12): read only.

The officer picks the payment from the loan's list (`reversal_choice`): each payment with what
may be done with it — the latest one not yet reversed can be reversed (reversals unwind
payments newest first, `corrections.last_reversible_payment`); an earlier one only after the
later ones; a reversed one is done. For the payment that can be reversed the effect is worked
out as the approval would post it (the same twin, `reversal.twin_without`, of the loan as it
stands today): what is owed again, the payoff, outstanding principal, days past due and amount
due before and after, where the money goes back to, and whether a closed loan reopens.
Proposing stays `corrections.propose_correction`; a second officer still approves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from app import ledger
from app.errors import LoanNotFound
from app.i18n import Text, text
from app.loans.allocation import amount_due, payoff_amount
from app.loans.state import LoanState, days_past_due, outstanding_principal
from app.money import ZERO, from_fen
from app.services.access.actor import ADMIN, RISK, Actor, require_role
from app.services.access.inputs import checked_id
from app.services.risk_ops.corrections import PAYMENT_REVERSAL, last_reversible_payment
from app.services.risk_ops.reversal import twin_without
from app.services.store import loan_store
from app.services.store.correction_records import APPROVED, PROPOSED
from app.services.store.settings import business_date
from db.engine import read_scope
from db.models import Correction, JournalEntry, JournalLine, Payment, Seller

REVERSIBLE, LATER_FIRST, REVERSED = "reversible", "later_first", "reversed"  # ReversiblePayment.status
LENDER_FUNDS, SELLER_BALANCE = "lender_funds", "seller_balance"  # where the money goes back


@dataclass(frozen=True)
class ReversiblePayment:
    """A payment of the loan as the officer chooses among them."""

    id: int
    paid_on: date
    source: str  # manual / auto_debit / settlement
    amount: Decimal
    penalty: Decimal
    interest: Decimal
    principal: Decimal
    status: str  # reversible / later_first / reversed


@dataclass(frozen=True)
class LoanFigures:
    """A loan's figures on the business date."""

    outstanding: Decimal
    payoff: Decimal
    due_now: Decimal
    days_past_due: int


@dataclass(frozen=True)
class ReversalEffect:
    """What approving the reversal of `payment_id` would do today."""

    payment_id: int
    penalty: Decimal  # owed again
    interest: Decimal
    principal: Decimal
    amount: Decimal  # the money that goes back
    refund_to: str  # lender_funds (back to the seller's own account) / seller_balance (platform balance)
    reopens: bool  # the loan was closed (the payment paid it off) and opens again
    before: LoanFigures
    after: LoanFigures


@dataclass(frozen=True)
class ReversalChoice:
    loan_id: int
    seller_id: int
    seller_name: str
    today: date
    payments: tuple[ReversiblePayment, ...]  # newest first
    effect: ReversalEffect | None  # of the one payment that can be reversed now, if any
    blocked: Text | None  # why nothing can be proposed on the loan now (a correction is waiting)

    def payment(self, payment_id: int | None) -> ReversiblePayment | None:
        return next((p for p in self.payments if p.id == payment_id), None)


def reversal_choice(actor: Actor, loan_id: int) -> ReversalChoice:
    """The loan's payments, newest first, each with what may be done with it, and the effect of
    reversing the one that can be (risk officers and admins)."""
    require_role(actor, RISK, ADMIN)
    checked_id(loan_id, LoanNotFound, "loan.not_found", "loan_id")
    with read_scope() as session:
        record = loan_store.get(session, loan_id)
        if record is None:
            raise LoanNotFound(text("loan.not_found", loan_id=loan_id))
        today = business_date(session)
        payments = session.exec(select(Payment).where(Payment.loan_id == loan_id)
                                .order_by(col(Payment.id).desc())).all()
        reversed_ids = set(session.exec(select(Correction.payment_id).where(
            Correction.loan_id == loan_id, Correction.kind == PAYMENT_REVERSAL,
            Correction.status == APPROVED)).all())
        latest = last_reversible_payment(session, loan_id)
        pending = session.exec(select(Correction.id).where(Correction.loan_id == loan_id,
                                                           Correction.status == PROPOSED)).first()
        rows = tuple(ReversiblePayment(
            p.id, p.paid_on, p.source, from_fen(p.amount_fen), from_fen(p.penalty_fen),
            from_fen(p.interest_fen), from_fen(p.principal_fen), REVERSED if p.id in reversed_ids
            else REVERSIBLE if latest is not None and p.id == latest.id else LATER_FIRST) for p in payments)
        effect = None if latest is None else _effect(session, record, today, latest)
        seller = session.get(Seller, record.loan.seller_id)
        blocked = text("correction.already_pending", loan_id=loan_id) if pending else None
        return ReversalChoice(loan_id, record.loan.seller_id, seller.name if seller else "", today, rows,
                              effect, blocked)


def _figures(state: LoanState, today: date, *, is_open: bool) -> LoanFigures:
    if not is_open:
        return LoanFigures(ZERO, ZERO, ZERO, 0)
    return LoanFigures(outstanding_principal(state), payoff_amount(state, today), amount_due(state, today),
                       days_past_due(state, today))


def _effect(session: Session, record: loan_store.LoanRecord, today: date, payment: Payment) -> ReversalEffect:
    penalty, interest = from_fen(payment.penalty_fen), from_fen(payment.interest_fen)
    principal = from_fen(payment.principal_fen)
    state = record.state(today)
    after = twin_without(session, record, payment, today)
    return ReversalEffect(payment.id, penalty, interest, principal, from_fen(payment.amount_fen),
                          _refund_to(session, payment), not record.is_open,
                          _figures(state, today, is_open=record.is_open),
                          _figures(after, today, is_open=True))


def _refund_to(session: Session, payment: Payment) -> str:
    """Where the approval sends the money back: the account the repayment was paid from (the
    lender's funds for a manual payment from the seller's own account; the platform balance for
    auto-debit and order proceeds), as `corrections` posts it."""
    paid_with = (select(JournalLine.account).join(JournalEntry, col(JournalEntry.id) == JournalLine.entry_id)
                 .where(JournalEntry.payment_id == payment.id, JournalLine.debit_fen > 0,
                        col(JournalEntry.kind).startswith("repayment")))
    return LENDER_FUNDS if session.exec(paid_with).first() == ledger.LENDER_FUNDS else SELLER_BALANCE
