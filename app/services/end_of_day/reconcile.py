"""Reconciliation: every loan against the ledger (rules §11).

Checks that every journal entry balances; that each loan's principal,
interest and penalty balances in the ledger equal what its installments say
and what the engine recomputes for the business date; that nothing is
negative; that sellers' platform balances match the ledger; and that the
lender book's kept outstanding principal equals the sum over open loans; and that the
loan-loss allowance as of the last end of day equals the required amount of that night
(rules §13).

Risk operations (rules §9) reconcile the same way: a penalty waiver lowers both the
penalty recognised and the receivable; a reversed payment puts its parts back on
the installments and the receivables; a loan moved onto a recovery plan is closed
with every installment cleared (the recovery loan is an ordinary loan without
interest); a written-off loan (`closed_as` "written_off") has zero receivables and
what its rows leave unpaid in the loss account.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from app import ledger
from app.config import ClosedAs, LoanStatus
from app.loans.state import recognised_interest, recognised_penalty
from app.money import to_fen
from app.services.store import loan_store
from app.services.store.settings import business_date
from db.engine import session_scope
from db.models import ClassificationTotal, JournalEntry, JournalLine, LenderBook, Loan, Seller


@dataclass
class ReconcileReport:
    entries_checked: int = 0
    loans_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def reconcile() -> ReconcileReport:
    report = ReconcileReport()
    with session_scope() as session:
        _check_entries_balance(session, report)
        _check_loans(session, report)
        _check_seller_balances(session, report)
        _check_lender_book(session, report)
        _check_allowance(session, report)
    return report


def _check_entries_balance(session: Session, report: ReconcileReport) -> None:
    rows = session.exec(select(JournalLine.entry_id, func.sum(JournalLine.debit_fen),
                               func.sum(JournalLine.credit_fen)).group_by(JournalLine.entry_id)).all()
    report.entries_checked = len(rows)
    for entry_id, debits, credits in rows:
        if debits != credits:
            report.problems.append(f"journal entry {entry_id} does not balance: {debits} ≠ {credits} fen")
    negative = session.exec(select(func.count()).where(
        (col(JournalLine.debit_fen) < 0) | (col(JournalLine.credit_fen) < 0))).one()
    if negative:
        report.problems.append(f"{negative} journal lines carry a negative amount")


def _ledger_by_loan(session: Session) -> dict[int, dict[str, int]]:
    rows = session.exec(select(JournalLine.loan_id, JournalLine.account,
                               func.sum(JournalLine.debit_fen - JournalLine.credit_fen))
                        .where(col(JournalLine.loan_id).is_not(None))
                        .group_by(JournalLine.loan_id, JournalLine.account)).all()
    balances: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for loan_id, account, amount in rows:
        balances[loan_id][account] = int(amount)
    return balances


def _check_loans(session: Session, report: ReconcileReport) -> None:
    today = business_date(session)
    balances = _ledger_by_loan(session)
    loans = session.exec(select(Loan).order_by(Loan.id)).all()
    for record in loan_store.records(session, loans):
        loan, rows = record.loan, record.installments
        report.loans_checked += 1
        state = record.state()
        book = balances[loan.id]
        interest_paid = sum(r.interest_paid_fen for r in rows)
        penalty_paid = sum(r.penalty_paid_fen for r in rows)
        expected = {
            ledger.LOAN_PRINCIPAL: sum(r.principal_fen - r.principal_paid_fen for r in rows),
            ledger.INTEREST_RECEIVABLE: loan.interest_recognised_fen - interest_paid,
            ledger.PENALTY_RECEIVABLE: loan.penalty_recognised_fen - penalty_paid,
            ledger.INTEREST_INCOME: -loan.interest_recognised_fen,
            ledger.PENALTY_INCOME: -loan.penalty_recognised_fen,
        }
        if loan.closed_as == ClosedAs.WRITTEN_OFF:
            expected = _written_off(expected)
        cancelled = loan.closed_as == ClosedAs.CANCELLED  # its draw undone: nothing left anywhere
        if cancelled:
            expected = dict.fromkeys(expected, 0)
        charged = defaultdict(int, book)
        charged[ledger.LOAN_LOSS] += book[ledger.LOAN_LOSS_ALLOWANCE]
        problems = [f"{account} ledger {charged[account]} ≠ loan {amount}"
                    for account, amount in expected.items() if charged[account] != amount]
        unpaid = expected[ledger.LOAN_PRINCIPAL]
        if loan.outstanding_fen != unpaid and not (cancelled and loan.outstanding_fen == 0):
            problems.append(f"outstanding {loan.outstanding_fen} ≠ installments {unpaid}")
        if loan.status == LoanStatus.OPEN:
            problems += _engine_mismatches(loan, state, today)
        elif any(book[a] for a in ASSETS):
            problems.append("closed but the ledger still shows a balance")
        problems += [f"{a} is negative" for a in ASSETS if book[a] < 0]
        report.problems += [f"loan {loan.id}: {p}" for p in problems]


ASSETS = (ledger.LOAN_PRINCIPAL, ledger.INTEREST_RECEIVABLE, ledger.PENALTY_RECEIVABLE)


def _written_off(expected: dict[str, int]) -> dict[str, int]:
    """A written-off loan: what its rows leave unpaid was charged to the allowance and the loss
    account (its lines of both, together), its receivables are zero, and the income it earned
    stays earned."""
    return {**expected, ledger.LOAN_LOSS: sum(expected[a] for a in ASSETS), **dict.fromkeys(ASSETS, 0)}


def _engine_mismatches(loan: Loan, state, today) -> list[str]:
    problems = []
    interest = to_fen(recognised_interest(state, today))
    penalty = to_fen(recognised_penalty(state, today))
    if interest != loan.interest_recognised_fen:
        problems.append(f"interest recognised {loan.interest_recognised_fen} ≠ engine {interest} on {today}")
    if penalty != loan.penalty_recognised_fen:
        problems.append(f"penalty recognised {loan.penalty_recognised_fen} ≠ engine {penalty} on {today}")
    return problems


def _check_seller_balances(session: Session, report: ReconcileReport) -> None:
    owed_fen = func.sum(JournalLine.credit_fen - JournalLine.debit_fen)
    rows = dict(session.exec(select(JournalLine.seller_id, owed_fen)
                             .where(JournalLine.account == ledger.SELLER_BALANCE)
                             .group_by(JournalLine.seller_id)).all())
    for seller in session.exec(select(Seller)).all():
        owed = int(rows.get(seller.id, 0))
        if owed != seller.platform_balance_fen:
            report.problems.append(f"seller {seller.id}: platform balance {seller.platform_balance_fen} "
                                   f"≠ ledger {owed}")
        if seller.platform_balance_fen < 0:
            report.problems.append(f"seller {seller.id}: negative platform balance")


def _check_lender_book(session: Session, report: ReconcileReport) -> None:
    kept = session.get(LenderBook, 1).outstanding_fen
    total = int(session.exec(select(func.coalesce(func.sum(Loan.outstanding_fen), 0))
                             .where(Loan.status == LoanStatus.OPEN)).one())
    if kept != total:
        report.problems.append(f"lender book outstanding {kept} ≠ open loans {total} fen")


def _check_allowance(session: Session, report: ReconcileReport) -> None:
    """The allowance account, as of the last end of day (its entries dated that day or before),
    equals the required allowance that night's classification worked out (rules §13)."""
    night = session.exec(select(func.max(ClassificationTotal.business_date))).one()
    if night is None:
        return
    required = int(session.exec(select(func.coalesce(func.sum(ClassificationTotal.required_fen), 0))
                                .where(ClassificationTotal.business_date == night)).one())
    net = func.coalesce(func.sum(JournalLine.debit_fen - JournalLine.credit_fen), 0)
    held = -int(session.exec(select(net)
                             .join(JournalEntry, col(JournalEntry.id) == JournalLine.entry_id)
                             .where(JournalLine.account == ledger.LOAN_LOSS_ALLOWANCE,
                                    JournalEntry.business_date <= night)).one())
    if held != required:
        report.problems.append(f"loan-loss allowance {held} ≠ required {required} fen on {night}")
