"""Double-entry ledger (rules §11).

Every movement of money is one balanced journal entry written in the same
transaction as the change it records; entries are only ever inserted. This module
holds the rules of a posting — the chart of accounts and what makes lines a balanced
entry — as pure code; the writer is `app.services.store.postings`.
Balances are debit − credit, so asset accounts read positive and liability,
income and equity accounts read negative.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.errors import UnbalancedEntry

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
LOAN_LOSS_ALLOWANCE = "loan_loss_allowance"  # contra-asset: 贷款损失准备 (rules §13), credit-normal
PROVISION_EXPENSE = "provision_expense"  # expense: the nightly move of the allowance (资产减值损失)
RECOVERY_INCOME = "recovery_income"  # income, per loan: money recovered after a write-off
FUNDING_EXPENSE = "funding_expense"  # expense: interest on the drawn bank lines (rules §10, §14), paid daily

# The kind of each account, for the statements (docs/accounting.md).
ASSET, CONTRA_ASSET, LIABILITY, INCOME, EXPENSE, CLEARING = (
    "asset", "contra_asset", "liability", "income", "expense", "clearing")
ACCOUNT_KINDS: dict[str, str] = {
    LENDER_FUNDS: ASSET, LOAN_PRINCIPAL: ASSET, INTEREST_RECEIVABLE: ASSET, PENALTY_RECEIVABLE: ASSET,
    LOAN_LOSS_ALLOWANCE: CONTRA_ASSET, SELLER_BALANCE: LIABILITY, ORDER_PROCEEDS: CLEARING,
    SETTLEMENT_PAYOUTS: CLEARING, INTEREST_INCOME: INCOME, PENALTY_INCOME: INCOME, RECOVERY_INCOME: INCOME,
    FUNDING_EXPENSE: EXPENSE, PROVISION_EXPENSE: EXPENSE, LOAN_LOSS: EXPENSE,
}


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

def adjustment_lines(asset: str, income: str, delta: Decimal, loan_id: int) -> list[Line]:
    """Recognise `delta` of income against its receivable (reversed when negative)."""
    if delta >= 0:
        return [debit(asset, delta, loan_id=loan_id), credit(income, delta, loan_id=loan_id)]
    return [credit(asset, -delta, loan_id=loan_id), debit(income, -delta, loan_id=loan_id)]


def provision_lines(current: Decimal, required: Decimal) -> list[Line]:
    """Move the allowance (held as a credit of `current`) to `required`: a rise is charged to
    provision expense, a fall released from it (rules §13)."""
    delta = required - current
    if delta >= 0:
        return [debit(PROVISION_EXPENSE, delta), credit(LOAN_LOSS_ALLOWANCE, delta)]
    return [debit(LOAN_LOSS_ALLOWANCE, -delta), credit(PROVISION_EXPENSE, -delta)]


def write_off_lines(parts: dict[str, Decimal], allowance: Decimal, loan_id: int) -> list[Line]:
    """A write-off 核销: the loan's principal and receivables (`parts`, account → amount) leave the
    book, charged to the allowance first (up to `allowance`, what it holds) and the rest to the
    loss account (rules §13)."""
    total = sum(parts.values(), Decimal("0.00"))
    used = min(total, max(allowance, Decimal("0.00")))
    return [debit(LOAN_LOSS_ALLOWANCE, used, loan_id=loan_id),
            debit(LOAN_LOSS, total - used, loan_id=loan_id),
            *(credit(account, amount, loan_id=loan_id) for account, amount in parts.items())]


def balanced_lines(kind: str, lines: list[Line]) -> list[Line]:
    """The entry's lines without the zero ones, checked: no negative amount (swap the side
    instead), debits equal credits. Raises `UnbalancedEntry`."""
    lines = [ln for ln in lines if ln.debit or ln.credit]
    if any(ln.debit < 0 or ln.credit < 0 for ln in lines):
        raise UnbalancedEntry("journal amounts are never negative; swap the side instead")
    if sum(ln.debit for ln in lines) != sum(ln.credit for ln in lines):
        raise UnbalancedEntry(f"entry {kind} does not balance: {lines}")
    return lines
