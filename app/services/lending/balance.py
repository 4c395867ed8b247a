"""The seller's platform balance (issue #9 item 16): what it is, how it moved, and paying it out.

Settlement surpluses (rules §5) are credited to the seller's platform balance — the ledger's
`seller_balance` account, per seller, kept equal to `Seller.platform_balance_fen` (checked by
`reconcile`) — and auto-debit takes what is due from it. `balance_history` reads that
account's journal lines for the seller. `withdraw_balance` pays (part of) it out to the
seller's settlement account as one balanced entry:

    debit  seller_balance      (the platform owes the seller less)
    credit settlement_payouts  (a clearing account: paid out, the bank transfer is outside the ledger)

It is keyed like a repayment (`KeyedRequest`: the same key twice pays once), takes the seller
lock (`app.services.store.locks`, lock 1; no other lock is needed) and is refused while anything is
overdue (that money is owed to the lender first: end of day would collect it from the
balance) or above the balance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from app import ledger
from app.errors import LendingError, SellerNotFound, WithdrawalRefused
from app.i18n import Text, text
from app.money import FEN, ZERO, format_cny, from_fen, parse_amount, to_fen
from app.services.access.actor import Actor, require_own_seller, require_seller
from app.services.access.inputs import checked_id
from app.services.lending.availability import has_overdue_loan
from app.services.store import postings
from app.services.store.idempotency import KeyedRequest, once_per_key
from app.services.store.locks import hold_business_day, lock_seller, retry_on_conflict
from app.services.store.settings import business_date
from db.engine import read_scope, session_scope
from db.models import BalanceWithdrawal, JournalEntry, JournalLine, Seller


@dataclass(frozen=True)
class BalanceMovement:
    on: date
    entry_id: int
    kind: str  # the journal entry's kind: settlement, repayment_auto_debit, balance_withdrawal, …
    loan_id: int | None
    amount_in: Decimal
    amount_out: Decimal
    balance_after: Decimal


@dataclass(frozen=True)
class BalanceView:
    balance: Decimal
    movements: tuple[BalanceMovement, ...]  # newest first
    withdraw_block: Text | None  # why nothing can be withdrawn now, or None
    minimum: Decimal = FEN  # the smallest withdrawal: one fen


@dataclass(frozen=True)
class Withdrawal:
    id: int
    on: date
    amount: Decimal
    balance_after: Decimal


@dataclass(frozen=True)
class WithdrawalCheck:
    amount: Decimal | None
    balance: Decimal
    refusal: Text | None

    @property
    def ok(self) -> bool:
        return self.amount is not None and self.refusal is None

    @property
    def balance_after(self) -> Decimal:
        return self.balance - (self.amount or ZERO)


def balance_history(actor: Actor, seller_id: int) -> BalanceView:
    """The balance and every movement of it (the journal lines of `seller_balance` for the seller)."""
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
    require_own_seller(actor, seller_id)
    with read_scope() as session:
        seller, today = _seller(session, seller_id), business_date(session)
        rows = session.exec(
            select(JournalEntry.id, JournalEntry.business_date, JournalEntry.kind, JournalEntry.loan_id,
                   JournalLine.credit_fen, JournalLine.debit_fen)
            .join(JournalLine, col(JournalLine.entry_id) == JournalEntry.id)
            .where(JournalLine.account == ledger.SELLER_BALANCE, JournalLine.seller_id == seller_id)
            .order_by(col(JournalEntry.id), col(JournalLine.id))).all()
        blocked = _blocked(session, seller, today)
        balance = from_fen(seller.platform_balance_fen)
    movements, running = [], ZERO
    for entry_id, on, kind, loan_id, credit_fen, debit_fen in rows:
        running += from_fen(credit_fen) - from_fen(debit_fen)
        movements.append(BalanceMovement(on, entry_id, kind, loan_id, from_fen(credit_fen),
                                         from_fen(debit_fen), running))
    if balance <= 0 and blocked is None:
        blocked = text("balance.nothing_to_withdraw")
    return BalanceView(balance, tuple(reversed(movements)), blocked)


def check_withdrawal(actor: Actor, seller_id: int, amount: Decimal | str) -> WithdrawalCheck:
    """Would `withdraw_balance` pay `amount` now, and if not why (reads only)."""
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
    require_own_seller(actor, seller_id)
    with read_scope() as session:
        seller, today = _seller(session, seller_id), business_date(session)
        balance = from_fen(seller.platform_balance_fen)
        try:
            value = parse_amount(amount)
        except LendingError as err:
            return WithdrawalCheck(None, balance, err.text)
        try:
            _check(session, seller, today, value)
        except WithdrawalRefused as err:
            return WithdrawalCheck(value, balance, err.text)
    return WithdrawalCheck(value, balance, None)


@retry_on_conflict
@once_per_key
def withdraw_balance(actor: Actor, *, amount: Decimal | str, idempotency_key: str) -> Withdrawal:
    """Pay `amount` of the seller's platform balance out to their settlement account."""
    require_seller(actor, "access.seller_withdraws_only")  # never staff: the seller's own money
    value = parse_amount(amount)
    request = KeyedRequest.of(actor, idempotency_key, "withdrawal", {"amount": str(value)})
    with session_scope() as session:
        if (earlier := _earlier(session, request)) is not None:
            return earlier
        hold_business_day(session)
        seller = lock_seller(session, actor.seller_id)
        if (earlier := _earlier(session, request)) is not None:
            return earlier  # a twin with the same key committed while this one waited for the lock
        today = business_date(session)
        _check(session, seller, today, value)
        entry = postings.post_entry(session, business_date=today, kind="balance_withdrawal",
                                    memo="platform balance paid out to the settlement account", lines=[
                                        ledger.debit(ledger.SELLER_BALANCE, value, seller_id=seller.id),
                                        ledger.credit(ledger.SETTLEMENT_PAYOUTS, value, seller_id=seller.id)])
        seller.platform_balance_fen -= to_fen(value)
        session.add(seller)
        row = BalanceWithdrawal(seller_id=seller.id, business_date=today, amount_fen=to_fen(value),
                                entry_id=entry.id, request_key=request.key)
        session.add(row)
        request.remember(session)
        session.flush()
        return Withdrawal(row.id, today, value, from_fen(seller.platform_balance_fen))


def _earlier(session: Session, request: KeyedRequest) -> Withdrawal | None:
    """The first result of this key: the withdrawal, with the balance as it stood right after it."""
    if request.earlier(session) is None:
        return None
    row = session.exec(select(BalanceWithdrawal).where(BalanceWithdrawal.request_key == request.key)).one()
    after = session.exec(select(func.coalesce(func.sum(JournalLine.credit_fen - JournalLine.debit_fen), 0))
                         .where(JournalLine.account == ledger.SELLER_BALANCE,
                                JournalLine.seller_id == row.seller_id,
                                col(JournalLine.entry_id) <= row.entry_id)).one()
    return Withdrawal(row.id, row.business_date, from_fen(row.amount_fen), from_fen(int(after)))


def _blocked(session: Session, seller: Seller, today: date) -> Text | None:
    if has_overdue_loan(session, seller.id, today):
        return text("balance.refused.overdue")
    return None


def _check(session: Session, seller: Seller, today: date, value: Decimal) -> None:
    """The refusals of a withdrawal, in order: something overdue, then above the balance."""
    if (blocked := _blocked(session, seller, today)) is not None:
        raise WithdrawalRefused(blocked)
    balance = from_fen(seller.platform_balance_fen)
    if value > balance:
        raise WithdrawalRefused(text("balance.refused.above_balance", balance=format_cny(balance),
                                     asked=format_cny(value)))


def _seller(session: Session, seller_id: int) -> Seller:
    seller = session.get(Seller, seller_id)
    if seller is None:
        raise SellerNotFound(text("seller.not_found", seller_id=seller_id))
    return seller
