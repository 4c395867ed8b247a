"""Double-entry ledger (rules §11).

Every movement of money is one balanced journal entry written in the same
transaction as the change it records; entries are only ever inserted.
Balances are debit − credit, so asset accounts read positive and liability,
income and equity accounts read negative.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, insert
from sqlmodel import Session, select

from app.errors import UnbalancedEntry
from app.money import to_fen
from db.models import JournalEntry, JournalLine

# Chart of accounts.
LOAN_PRINCIPAL = "loan_principal"  # asset, per loan
INTEREST_RECEIVABLE = "interest_receivable"  # asset, per loan
PENALTY_RECEIVABLE = "penalty_receivable"  # asset, per loan
INTEREST_INCOME = "interest_income"  # income, per loan
PENALTY_INCOME = "penalty_income"  # income, per loan
LENDER_FUNDS = "lender_funds"  # asset: the lender's cash (disbursements, repayments)
SELLER_BALANCE = "seller_balance"  # liability, per seller: platform balance owed
ORDER_PROCEEDS = "order_proceeds"  # clearing: buyer payments released on settlement
LOAN_LOSS = "loan_loss"  # expense, per loan: principal and receivables written off (核销)
SETTLEMENT_PAYOUTS = "settlement_payouts"  # clearing, per seller: platform balance paid out to the
# seller's settlement account (issue #9 item 16); the bank transfer itself is outside this ledger


@dataclass(frozen=True)
class Line:
    account: str
    debit: Decimal = Decimal("0.00")
    credit: Decimal = Decimal("0.00")
    loan_id: int | None = None
    seller_id: int | None = None


def debit(account: str, amount: Decimal, **ids) -> Line:
    return Line(account, debit=amount, **ids)


def credit(account: str, amount: Decimal, **ids) -> Line:
    return Line(account, credit=amount, **ids)


def post_entry(session: Session, *, business_date: date, kind: str, lines: list[Line], memo: str = "",
               loan_id: int | None = None, payment_id: int | None = None) -> JournalEntry | None:
    """Insert one balanced entry (its lines in one statement); zero lines are dropped, an
    empty entry is not written."""
    lines = [ln for ln in lines if ln.debit or ln.credit]
    if not lines:
        return None
    if any(ln.debit < 0 or ln.credit < 0 for ln in lines):
        raise UnbalancedEntry("journal amounts are never negative; swap the side instead")
    if sum(ln.debit for ln in lines) != sum(ln.credit for ln in lines):
        raise UnbalancedEntry(f"entry {kind} does not balance: {lines}")
    entry = JournalEntry(business_date=business_date, kind=kind, memo=memo[:200], loan_id=loan_id,
                         payment_id=payment_id)
    session.add(entry)
    session.flush()
    session.execute(insert(JournalLine.__table__), [  # one executemany, no ORM objects
        {"entry_id": entry.id, "account": ln.account, "loan_id": ln.loan_id, "seller_id": ln.seller_id,
         "debit_fen": to_fen(ln.debit), "credit_fen": to_fen(ln.credit)} for ln in lines])
    return entry


def adjustment_lines(asset: str, income: str, delta: Decimal, loan_id: int) -> list[Line]:
    """Recognise `delta` of income against its receivable (reversed when negative)."""
    if delta >= 0:
        return [debit(asset, delta, loan_id=loan_id), credit(income, delta, loan_id=loan_id)]
    return [credit(asset, -delta, loan_id=loan_id), debit(income, -delta, loan_id=loan_id)]


def balance_fen(session: Session, account: str, *, loan_id: int | None = None,
                seller_id: int | None = None) -> int:
    """debit − credit of an account, optionally for one loan or seller, in fen."""
    query = select(func.coalesce(func.sum(JournalLine.debit_fen - JournalLine.credit_fen), 0)).where(
        JournalLine.account == account)
    if loan_id is not None:
        query = query.where(JournalLine.loan_id == loan_id)
    if seller_id is not None:
        query = query.where(JournalLine.seller_id == seller_id)
    return int(session.exec(query).one())
