"""Corrections under maker-checker (rules §9, §11): one officer proposes, a different
one approves; the maker never approves their own.

Each approved correction is its own balanced journal entry, never an edit of an old one:

* `payment_reversal` — the loan's latest payment not yet reversed: the loan stands as a
  twin that never received it (rules §5; `app.services.risk_ops.reversal`), the money
  goes back where it came from (the lender's funds for a manual payment, the seller's
  platform balance for auto-debit and order proceeds); a loan closed by its payments
  reopens. A loan written off or moved onto a recovery plan is refused: its receivables
  left it (for the loss account, or the plan's loan), so reopening it would count them
  twice — the write-off would have to be reversed first (issue #19);
* `penalty_waiver` — an amount up to the penalty owed: penalty receivable reversed
  against penalty income (kind "penalty_waiver");
* `write_off` 核销 — an open non-performing loan: its principal, interest and penalty
  receivable leave the book, charged to the loan-loss allowance first and the rest to the
  loss account (rules §13); the loan closes as written off.

Two reasons travel with a correction (issue #16 item 8): the officers' `reason`, a free-text
note that stays internal (the queue, the journal memo), and the `seller_reason`, chosen from the
kind's catalogue list (`SELLER_REASONS`), which is all the seller's notice says — in the seller's
language.

A loan has at most one proposal pending (the database's partial unique index
`uq_corrections_one_pending`; a twin proposed at the same moment is refused like one
proposed later). A decision takes the locks of `app.services.store.locks` in their one
order — business day, seller, loan, then the correction row — and checks the proposal
again under them: the payment still the latest not reversed, the waiver still at most the
penalty owed, the loan still open and non-performing for a write-off.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app import ledger
from app.config import ClosedAs, LoanStatus
from app.errors import CorrectionRefused, LoanNotFound, UnbalancedEntry
from app.i18n import text
from app.loans.risk import total_penalty_owed, waive_penalty
from app.loans.state import days_past_due
from app.money import ZERO, format_cny, from_fen, parse_amount, to_fen
from app.services.access.actor import ADMIN, RISK, Actor, require_role
from app.services.access.inputs import checked_id, clean_text
from app.services.lending.repayment import recognise_to_date
from app.services.risk_ops.recovery import post_penalty_waiver
from app.services.risk_ops.reversal import save_twin, twin_without
from app.services.store import loan_store, postings
from app.services.store.correction_records import (
    APPROVED,
    KINDS,
    OTHER,
    PAYMENT_REVERSAL,
    PENALTY_WAIVER,
    PROPOSED,
    REJECTED,
    SELLER_REASONS,
    WRITE_OFF,
    CorrectionView,
    correction_view,
    seller_reason_text,
)
from app.services.store.loan_store import LoanRecord
from app.services.store.locks import hold_business_day, lock_seller, retry_on_conflict
from app.services.store.risk_records import record_event
from app.services.store.settings import business_date, move_book_outstanding
from db.engine import read_scope, session_scope
from db.models import Correction, JournalEntry, JournalLine, Loan, Payment, Seller

ONE_PENDING = "uq_corrections_one_pending"  # the index; SQLite names its column instead




@retry_on_conflict
def propose_correction(actor: Actor, *, kind: str, loan_id: int, reason: str, payment_id: int | None = None,
                       amount: Decimal | str | None = None, seller_reason: str = OTHER) -> CorrectionView:
    """The maker's half: checked now, applied only when another officer approves. `reason` is the
    officers' internal note; `seller_reason` one of `SELLER_REASONS[kind]`, what the seller reads."""
    require_role(actor, RISK, ADMIN)
    checked_id(loan_id, LoanNotFound, "loan.not_found", "loan_id")
    if kind not in KINDS:
        raise CorrectionRefused(text("correction.kind", kind=str(kind)[:40], kinds=", ".join(KINDS)))
    reason = clean_text(reason, max_len=500).strip()
    if not reason:
        raise CorrectionRefused(text("correction.reason_required"))
    if not isinstance(seller_reason, str) or seller_reason not in SELLER_REASONS[kind]:
        raise CorrectionRefused(text("correction.seller_reason", kind=text(f"correction.kind.{kind}")))
    wanted = None if amount in (None, "") else parse_amount(amount)
    with session_scope() as session:
        hold_business_day(session)
        today = business_date(session)
        record = _loan(session, loan_id)
        if session.exec(select(Correction.id).where(Correction.loan_id == loan_id,
                                                    Correction.status == PROPOSED)).first():
            raise CorrectionRefused(text("correction.already_pending", loan_id=loan_id))
        payment_id, figure = _check(session, kind, record, today, payment_id, wanted)
        row = Correction(kind=kind, loan_id=loan_id, payment_id=payment_id, amount_fen=to_fen(figure),
                         reason=reason, seller_reason=seller_reason, status=PROPOSED,
                         proposed_by=actor.user_id, proposed_on=today)
        session.add(row)
        _insert_pending(session, loan_id)
        return correction_view(session, row)


def _insert_pending(session: Session, loan_id: int) -> None:
    """Write the new proposal; a twin proposed for the loan at the same moment, which
    committed first, is the database's refusal (`ONE_PENDING`), told as the service's."""
    try:
        session.flush()
    except IntegrityError as error:
        if ONE_PENDING not in str(error.orig) and "corrections.loan_id" not in str(error.orig):
            raise
        raise CorrectionRefused(text("correction.already_pending", loan_id=loan_id)) from None


@retry_on_conflict
def approve_correction(actor: Actor, correction_id: int, note: str = "") -> CorrectionView:
    """The checker's half: a different officer approves; the correction is posted now."""
    with _deciding(actor, correction_id, note) as (session, decision):
        row, record, today = decision.row, decision.record, decision.today
        if row.proposed_by == actor.user_id:
            raise CorrectionRefused(text("correction.own", correction_id=correction_id))
        _, figure = _check(session, row.kind, record, today, row.payment_id, from_fen(row.amount_fen))
        entry = APPLY[row.kind](session, decision, figure)
        row.status, row.decided_by, row.decided_on = APPROVED, actor.user_id, today
        row.decision_note = decision.note
        row.amount_fen, row.entry_id = to_fen(figure), entry.id if entry else None
        session.add(row)
        record_event(session, record.loan.seller_id, today, "correction", text(  # never the internal note
            f"risk.event.correction.{row.kind}", loan_id=row.loan_id, payment_id=row.payment_id or "",
            amount=format_cny(figure), reason=seller_reason_text(row.seller_reason)), loan_id=row.loan_id)
        return correction_view(session, row)


@retry_on_conflict
def reject_correction(actor: Actor, correction_id: int, note: str = "") -> CorrectionView:
    """Either officer (or another) turns a proposal down; nothing is posted."""
    with _deciding(actor, correction_id, note) as (session, decision):
        row = decision.row
        row.status, row.decided_by, row.decided_on = REJECTED, actor.user_id, decision.today
        row.decision_note = decision.note
        session.add(row)
        return correction_view(session, row)


@dataclass(frozen=True)
class _Decision:
    """A pending proposal under its locks (the seller's, the loan's and its own), and the
    checker's note, cleaned."""

    row: Correction
    seller: Seller
    record: LoanRecord
    today: date
    note: str


@contextmanager
def _deciding(actor: Actor, correction_id: int, note: str) -> Iterator[tuple[Session, _Decision]]:
    """A checker's transaction over a pending proposal, after the checks every decision makes
    (an officer, a well-formed id, a clean note). Takes the locks in the order of
    `app.services.store.locks` — the business day, the loan's seller, the loan, then the
    proposal — and reads the date and the proposal under them."""
    require_role(actor, RISK, ADMIN)
    checked_id(correction_id, CorrectionRefused, "correction.not_pending", "correction_id")
    note = clean_text(note, max_len=500).strip()
    with session_scope() as session:
        hold_business_day(session)
        found = session.exec(select(Correction.loan_id, Loan.seller_id)
                             .join(Loan, col(Loan.id) == Correction.loan_id)
                             .where(Correction.id == correction_id)).first()
        if found is None:
            raise CorrectionRefused(text("correction.not_pending", correction_id=correction_id))
        loan_id, seller_id = found
        seller = lock_seller(session, seller_id)
        record = _loan(session, loan_id, for_update=True)
        row = _pending(session, correction_id)
        yield session, _Decision(row, seller, record, business_date(session), note)


def corrections_queue(actor: Actor) -> list[CorrectionView]:
    """Proposals waiting for a checker, oldest first."""
    require_role(actor, RISK, ADMIN)
    with read_scope() as session:
        rows = session.exec(select(Correction).where(Correction.status == PROPOSED)
                            .order_by(col(Correction.id))).all()
        return [correction_view(session, row) for row in rows]


# --- checks -----------------------------------------------------------------------------------------


def _loan(session: Session, loan_id: int, *, for_update: bool = False) -> LoanRecord:
    record = loan_store.get(session, loan_id, for_update=for_update) if isinstance(loan_id, int) else None
    if record is None:
        raise LoanNotFound(text("loan.not_found", loan_id=loan_id))
    return record


def _pending(session: Session, correction_id: int) -> Correction:
    row = session.exec(select(Correction).where(Correction.id == correction_id).with_for_update()).first()
    if row is None or row.status != PROPOSED:
        raise CorrectionRefused(text("correction.not_pending", correction_id=correction_id))
    return row


def _check(session: Session, kind: str, record: LoanRecord, today: date, payment_id: int | None,
           amount: Decimal | None) -> tuple[int | None, Decimal]:
    """What the correction is about (payment) and its amount; refuses what cannot be done."""
    loan = record.loan
    if kind == PAYMENT_REVERSAL:
        if loan.closed_as is not None:  # written off, or moved onto a recovery plan
            raise CorrectionRefused(text(f"correction.reversal_closed_as.{ClosedAs(loan.closed_as).value}",
                                         loan_id=loan.id))
        payment = last_reversible_payment(session, loan.id)
        if payment is None or payment.id != payment_id:
            raise CorrectionRefused(text("correction.payment", loan_id=loan.id))
        twin_without(session, record, payment, today)  # refuses a loan its life does not rebuild
        return payment.id, from_fen(payment.amount_fen)
    if not record.is_open:
        refusal = text("correction.not_non_performing") if kind == WRITE_OFF else text(
            "correction.amount", owed=format_cny(ZERO), amount=format_cny(amount or ZERO))
        raise CorrectionRefused(refusal)
    if kind == PENALTY_WAIVER:
        owed = total_penalty_owed(record.state(today), today)
        if amount is None or not ZERO < amount <= owed:
            raise CorrectionRefused(text("correction.amount", owed=format_cny(owed),
                                         amount=format_cny(amount or ZERO)))
        return None, amount
    if record.state(today).non_performing_since is None:
        raise CorrectionRefused(text("correction.not_non_performing"))
    return None, sum((from_fen(v) for v in _receivables(session, loan.id).values()), ZERO)


def reversible_payment_id(actor: Actor, loan_id: int) -> int | None:
    """The payment a reversal of the loan would undo (its latest not yet reversed), for the page."""
    require_role(actor, RISK, ADMIN)
    checked_id(loan_id, LoanNotFound, "loan.not_found", "loan_id")
    with read_scope() as session:
        payment = last_reversible_payment(session, loan_id)
        return None if payment is None else payment.id


def last_reversible_payment(session: Session, loan_id: int) -> Payment | None:
    """The loan's latest payment not yet reversed: reversals unwind payments newest first."""
    reversed_ids = select(Correction.payment_id).where(Correction.kind == PAYMENT_REVERSAL,
                                                       Correction.status == APPROVED,
                                                       col(Correction.payment_id).is_not(None))
    query = select(Payment).where(Payment.loan_id == loan_id, col(Payment.id).not_in(reversed_ids))
    return session.exec(query.order_by(col(Payment.id).desc()).limit(1)).first()


def _receivables(session: Session, loan_id: int) -> dict[str, int]:
    return {account: postings.balance_fen(session, account, loan_id=loan_id)
            for account in (ledger.LOAN_PRINCIPAL, ledger.INTEREST_RECEIVABLE, ledger.PENALTY_RECEIVABLE)}


# --- postings ---------------------------------------------------------------------------------------


def _reverse(session: Session, decision: _Decision, _amount: Decimal):
    record, today, row = decision.record, decision.today, decision.row
    payment = session.get(Payment, row.payment_id)
    penalty, interest = from_fen(payment.penalty_fen), from_fen(payment.interest_fen)
    principal = from_fen(payment.principal_fen)
    loan = record.loan
    state = twin_without(session, record, payment, today)
    moved = save_twin(session, record, state, today)  # the reversed principal is lent out again: last
    if not record.is_open:
        loan.status, loan.closed_on, loan.closed_as = LoanStatus.OPEN, None, None
    loan.dpd = days_past_due(state, today)
    back_to = _refund_account(session, payment, decision.seller)
    entry = postings.post_entry(session, business_date=today, kind="payment_reversal", loan_id=loan.id,
                                payment_id=payment.id, memo=f"payment {payment.id} reversed: {row.reason}",
                                lines=[ledger.debit(ledger.PENALTY_RECEIVABLE, penalty, loan_id=loan.id),
                                       ledger.debit(ledger.INTEREST_RECEIVABLE, interest, loan_id=loan.id),
                                       ledger.debit(ledger.LOAN_PRINCIPAL, principal, loan_id=loan.id),
                                       ledger.credit(back_to[0], from_fen(payment.amount_fen), **back_to[1])])
    recognise_to_date(session, loan, state, today)
    session.add_all(record.rows())
    move_book_outstanding(session, moved)
    return entry


def _refund_account(session: Session, payment: Payment, seller: Seller) -> tuple[str, dict]:
    """Where a reversed payment's money goes: back to the lender's funds account it came
    from, or onto the platform balance of the seller (locked by the caller: auto-debit,
    order proceeds)."""
    paid_with = (select(JournalLine.account).join(JournalEntry, col(JournalEntry.id) == JournalLine.entry_id)
                 .where(JournalEntry.payment_id == payment.id, JournalLine.debit_fen > 0,
                        col(JournalEntry.kind).startswith("repayment")))
    source = session.exec(paid_with).first()
    if source == ledger.LENDER_FUNDS:
        return ledger.LENDER_FUNDS, {}
    seller.platform_balance_fen += payment.amount_fen
    session.add(seller)
    return ledger.SELLER_BALANCE, {"seller_id": seller.id}


def _waive(session: Session, decision: _Decision, amount: Decimal):
    record, today = decision.record, decision.today
    moved = record.save(waive_penalty(record.state(today), today, amount))  # 0: no principal moves
    session.add_all(record.rows())
    entry = post_penalty_waiver(session, record.loan, today, amount, f"penalty waived: {decision.row.reason}")
    move_book_outstanding(session, moved)
    return entry


def _write_off(session: Session, decision: _Decision, amount: Decimal):
    loan, today = decision.record.loan, decision.today
    parts = _receivables(session, loan.id)
    written_off = loan.outstanding_fen
    loan.status, loan.closed_on, loan.dpd, loan.outstanding_fen = LoanStatus.CLOSED, today, 0, 0
    loan.closed_as = ClosedAs.WRITTEN_OFF.value
    session.add(loan)
    move_book_outstanding(session, -written_off)  # the written-off principal leaves the book, last lock
    # the allowance first (rules §13), read under the lender book's lock: write-offs use it one at a time
    allowance = -from_fen(postings.balance_fen(session, ledger.LOAN_LOSS_ALLOWANCE))
    owed = {account: from_fen(fen) for account, fen in parts.items()}
    lines = ledger.write_off_lines(owed, allowance, loan.id)
    if sum(ln.credit for ln in lines) != amount:  # what was proposed is what leaves the book
        raise UnbalancedEntry(f"write-off of loan {loan.id}: {amount} proposed, the ledger holds {owed}")
    return postings.post_entry(session, business_date=today, kind="write_off", loan_id=loan.id,
                               memo=f"written off: {decision.row.reason}", lines=lines)


APPLY = {PAYMENT_REVERSAL: _reverse, PENALTY_WAIVER: _waive, WRITE_OFF: _write_off}
