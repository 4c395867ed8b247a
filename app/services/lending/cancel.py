"""A draw cancelled because its disbursement failed (rules §14): as if it never happened.

One entry reverses everything the loan ever booked — the disbursement and the interest end of
day accrued on it since — so every account of the loan stands at zero and the lender's funds
have the principal back; the loan is closed as `cancelled`, its pledged orders are free again,
its principal leaves the lender book (capacity and the seller's limits come back) and the
seller is told. A loan that has taken payments is not cancelled here: the payments must be
reversed first (a correction), so the caller reports it instead."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from app import ledger
from app.config import ClosedAs, LoanStatus
from app.errors import DrawNotCancellable
from app.i18n import text
from app.money import format_cny, from_fen
from app.services.store import loan_store, postings
from app.services.store.locks import lock_seller
from app.services.store.risk_records import record_event
from app.services.store.settings import move_book_outstanding
from db.models import JournalLine, Loan, Order, Payment


def cancel_draw_in(session: Session, loan_id: int, today: date) -> None:
    """Cancel the draw of `loan_id` in the caller's transaction (which holds the business day):
    the seller's lock, then the loan's, then the rest."""
    seller_id = session.exec(select(Loan.seller_id).where(Loan.id == loan_id)).one()
    lock_seller(session, seller_id)
    record = loan_store.get(session, loan_id, for_update=True)
    loan = record.loan
    if loan.closed_as == ClosedAs.CANCELLED:
        return
    if session.exec(select(Payment.id).where(Payment.loan_id == loan_id)).first() is not None:
        raise DrawNotCancellable(text("payout.cancel.has_payments", loan_id=loan_id))
    net_fen = func.sum(JournalLine.debit_fen - JournalLine.credit_fen)
    balances = session.exec(select(JournalLine.account, net_fen)
                            .where(JournalLine.loan_id == loan_id).group_by(JournalLine.account)).all()
    principal = from_fen(loan.principal_fen)
    lines = [ledger.debit(ledger.LENDER_FUNDS, principal)]
    for account, net in balances:
        if net > 0:
            lines.append(ledger.credit(account, from_fen(net), loan_id=loan_id))
        elif net < 0:
            lines.append(ledger.debit(account, from_fen(-net), loan_id=loan_id))
    postings.post_entry(session, business_date=today, kind="disbursement_failed", loan_id=loan_id,
                        memo=f"loan {loan_id} cancelled: its disbursement failed", lines=lines)
    outstanding = loan.outstanding_fen
    loan.status, loan.closed_on, loan.closed_as = LoanStatus.CLOSED, today, ClosedAs.CANCELLED.value
    loan.outstanding_fen, loan.dpd = 0, 0
    session.add(loan)
    session.execute(update(Order).where(col(Order.pledged_loan_id) == loan_id).values(pledged_loan_id=None)
                    .execution_options(synchronize_session="evaluate"))
    record_event(session, seller_id, today, "draw_cancelled",
                 text("payout.draw_cancelled", loan_id=loan_id, amount=format_cny(principal)),
                 loan_id=loan_id)
    move_book_outstanding(session, -outstanding)  # the lender book last (`app.services.store.locks`)
