"""A payment's reversal as the loan's life replayed without it (rules §5), for `corrections`.

The loan's life is read from what recorded it: the loan as drawn (its terms, or a recovery
plan's), its payments not reversed, the penalty waived on it (its "penalty_waiver" journal
entries: corrections and recovery plans) and the recalls of its seller after its draw.
Payments and waivers are taken in the order their journal entries were written, a recall
at the start of its day. `app.loans.history.reverse_payment` checks that this life
rebuilds the loan as it stands, then replays it without the payment: the twin that never
received it. A loan the life does not rebuild (changed by something else: closed onto a
recovery plan, say) is refused, never approximated.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from app import ledger
from app.config import RECOVERY_PRODUCT, InstallmentStatus
from app.errors import CorrectionRefused, LendingError
from app.i18n import text
from app.loans.history import Event, Paid, Recalled, Waived, reverse_payment
from app.loans.risk import recovery_loan
from app.loans.state import LoanState, new_loan
from app.loans.terms import LoanTerms
from app.money import from_fen
from app.services.risk_ops.recovery import PENALTY_WAIVER
from app.services.store.correction_records import reversed_payment_ids
from app.services.store.loan_store import LoanRecord
from app.services.store.risk_records import RECALL
from db.convert import rate_from_e8
from db.models import JournalEntry, JournalLine, Loan, Payment, RiskEvent


def drawn_state(loan: Loan) -> LoanState:
    """The loan as drawn: its schedule from its terms (a recovery plan's: interest-free)."""
    principal = from_fen(loan.principal_fen)
    if loan.product == RECOVERY_PRODUCT:
        return recovery_loan(principal, loan.start_date, loan.term_months)
    terms = LoanTerms(loan.product, loan.method, months=loan.term_months, days=loan.term_days)
    return new_loan(terms, principal, rate_from_e8(loan.daily_rate_e8), rate_from_e8(loan.penalty_rate_e8),
                    loan.start_date)


def loan_events(session: Session, loan: Loan) -> list[tuple[Event, int | None]]:
    """The loan's life after its draw, in order; each event with its payment's id (else None)."""
    reversed_ids = reversed_payment_ids()
    payments = session.exec(select(Payment.id, Payment.paid_on, Payment.amount_fen, JournalEntry.id)
                            .join(JournalEntry, col(JournalEntry.payment_id) == Payment.id)
                            .where(Payment.loan_id == loan.id, col(Payment.id).not_in(reversed_ids),
                                   col(JournalEntry.kind).startswith("repayment"))).all()
    waivers = session.exec(select(JournalEntry.id, JournalEntry.business_date, JournalLine.debit_fen)
                           .join(JournalLine, col(JournalLine.entry_id) == JournalEntry.id)
                           .where(JournalEntry.loan_id == loan.id, JournalEntry.kind == PENALTY_WAIVER,
                                  JournalLine.account == ledger.PENALTY_INCOME)).all()
    recalls = session.exec(select(RiskEvent.opened_on, RiskEvent.due_on).where(
        RiskEvent.seller_id == loan.seller_id, RiskEvent.kind == RECALL,
        col(RiskEvent.opened_on) > loan.start_date)).all()  # opened by the end of day before its date
    dated = [((paid_on, 1, entry_id), Paid(paid_on, from_fen(fen)), payment_id)
             for payment_id, paid_on, fen, entry_id in payments]
    dated += [((on, 1, entry_id), Waived(on, from_fen(fen)), None) for entry_id, on, fen in waivers]
    dated += [((on, 0, 0), Recalled(on, due_on), None) for on, due_on in recalls]
    return [(event, payment_id) for _, event, payment_id in sorted(dated, key=lambda item: item[0])]


def twin_without(session: Session, record: LoanRecord, payment: Payment, today: date) -> LoanState:
    """The loan today as a twin that never received `payment` (rules §5); refuses
    (`CorrectionRefused`) a loan its recorded life does not rebuild."""
    try:
        life = loan_events(session, record.loan)
        index = next(k for k, (_, payment_id) in enumerate(life) if payment_id == payment.id)
        twin = reverse_payment(drawn_state(record.loan), [event for event, _ in life], index, today,
                               record.state(today))
    except (LendingError, StopIteration, ValueError):
        raise CorrectionRefused(text("correction.not_replayable", loan_id=record.loan.id)) from None
    if {i.period for i in twin.installments} - {row.period for row in record.installments}:
        raise CorrectionRefused(text("correction.not_replayable", loan_id=record.loan.id))
    return twin


def save_twin(session: Session, record: LoanRecord, twin: LoanState, today: date) -> int:
    """Write the twin onto the loan's rows (`LoanRecord.save`): an installment a recall of the
    twin merged away is deleted, due dates and maturity follow the twin, and every installment
    left unpaid is overdue or scheduled again; returns the change of outstanding principal."""
    periods = {inst.period: inst for inst in twin.installments}
    for row in [r for r in record.installments if r.period not in periods]:
        record.installments.remove(row)
        session.delete(row)
    moved = record.save(twin)
    for row in record.installments:
        inst = periods[row.period]
        row.due_date = inst.due_date
        if inst.principal_unpaid > 0 or inst.interest_unpaid > 0:
            row.status = InstallmentStatus.OVERDUE if row.due_date < today else InstallmentStatus.SCHEDULED
    record.loan.maturity_date = twin.installments[-1].due_date
    return moved
