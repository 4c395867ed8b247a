"""Money recovered after a write-off (rules §13): income, not a repayment.

A written-off loan has left the book (its principal and receivables were charged to the
allowance and the loss account, `corrections._write_off`); what collection still brings in
for it is `recovery_income`: debit the lender's funds, credit recovery income, one balanced
entry per receipt (kind "write_off_recovery"), never more in all than was written off.
"""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, func, select

from app import ledger
from app.config import ClosedAs
from app.errors import CorrectionRefused, LoanNotFound
from app.i18n import text
from app.money import format_cny, from_fen, parse_amount
from app.services.access import audit
from app.services.access.actor import ADMIN, RISK, Actor, require_role
from app.services.access.inputs import checked_id, clean_text
from app.services.store import postings
from app.services.store.correction_records import APPROVED, WRITE_OFF
from app.services.store.locks import hold_business_day, retry_on_conflict
from app.services.store.settings import business_date
from db.engine import session_scope
from db.models import Correction, Loan

KIND = "write_off_recovery"


@retry_on_conflict
def receive_after_write_off(actor: Actor, loan_id: int, amount: Decimal | str, reason: str) -> Decimal:
    """Book `amount` received for written-off loan `loan_id` as recovery income (risk or admin);
    returns what is left to recover."""
    require_role(actor, RISK, ADMIN)
    checked_id(loan_id, LoanNotFound, "loan.not_found", "loan_id")
    received = parse_amount(amount)
    reason = clean_text(reason, max_len=200)
    with session_scope() as session:
        hold_business_day(session)
        today = business_date(session)
        loan = session.exec(select(Loan).where(Loan.id == loan_id).with_for_update()).first()
        if loan is None:
            raise LoanNotFound(text("loan.not_found", loan_id=loan_id))
        if loan.closed_as != ClosedAs.WRITTEN_OFF:
            raise CorrectionRefused(text("recovery_income.refused.not_written_off", loan_id=loan_id))
        left = _left_to_recover(session, loan_id)
        if received > left:
            raise CorrectionRefused(text("recovery_income.refused.too_much", amount=format_cny(received),
                                         loan_id=loan_id, left=format_cny(left)))
        postings.post_entry(session, business_date=today, kind=KIND, loan_id=loan_id,
                            memo=f"recovered after write-off: {reason}",
                            lines=[ledger.debit(ledger.LENDER_FUNDS, received),
                                   ledger.credit(ledger.RECOVERY_INCOME, received, loan_id=loan_id)])
        audit.record(session, actor, "write_off_recovery", f"loan {loan_id}", amount=str(received))
        return left - received


def _left_to_recover(session: Session, loan_id: int) -> Decimal:
    written_off = session.exec(select(func.coalesce(func.sum(Correction.amount_fen), 0)).where(
        Correction.loan_id == loan_id, Correction.kind == WRITE_OFF, Correction.status == APPROVED)).one()
    recovered = -postings.balance_fen(session, ledger.RECOVERY_INCOME, loan_id=loan_id)
    return from_fen(int(written_off) - recovered)
