"""Repayments: by the seller, from order proceeds, or by auto-debit (rules §5).

All three go through `collect_payment`, which applies the allocation engine,
writes the loan back, recognises interest charged today and posts the payment
as one balanced entry — in the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, insert, literal, update
from sqlmodel import Session, col, select

from app import ledger
from app.config import InstallmentStatus, LoanStatus, OrderStatus
from app.errors import LoanClosed, LoanNotFound, PaymentExceedsPayoff
from app.i18n import text
from app.loans.allocation import Allocation, allocate, amount_due, apply_payment, payoff_amount
from app.loans.state import LoanState, days_past_due, recognised_interest, recognised_penalty
from app.money import ZERO, format_cny, from_fen, parse_amount, to_fen
from app.services.access import audit
from app.services.access.actor import Actor, require_seller
from app.services.access.inputs import checked_id
from app.services.lending.loan_views import PaymentRow
from app.services.store import loan_store, outbox, postings
from app.services.store.idempotency import KeyedRequest, once_per_key
from app.services.store.loan_store import LoanRecord
from app.services.store.locks import hold_business_day, lock_seller, retry_on_conflict
from app.services.store.settings import business_date, move_book_outstanding
from db.engine import session_scope
from db.models import Loan, Order, OrderRelease, Payment, Seller


@dataclass(frozen=True)
class PayoffQuote:
    loan_id: int
    on: date
    payoff: Decimal
    due_now: Decimal  # due or overdue today (what auto-debit would take)
    breakdown: Allocation  # how a payment of `payoff` would be allocated


def payoff_quote(actor: Actor, loan_id: int) -> PayoffQuote:
    """What it takes to close the loan today, item by item."""
    with session_scope() as session:
        record = loan_store.get_for(session, actor, loan_id)
        today = business_date(session)
        state = record.state(today)
        payoff = payoff_amount(state, today)
        return PayoffQuote(record.loan.id, today, payoff, amount_due(state, today),
                           allocate(state, today, payoff))


def preview_allocation(actor: Actor, loan_id: int, amount: Decimal | str) -> Allocation:
    """How a payment of `amount` would be split today; refuses what repay would refuse."""
    value = parse_amount(amount)
    with session_scope() as session:
        record = loan_store.get_for(session, actor, loan_id)
        today = business_date(session)
        state = record.state(today)
        _check_not_above_payoff(state, today, value)
        return allocate(state, today, value)


@retry_on_conflict
@once_per_key
def repay(actor: Actor, *, loan_id: int, amount: Decimal | str, idempotency_key: str) -> PaymentRow:
    """The seller repays `amount` (partial, or the payoff) of a loan today."""
    require_seller(actor)  # never staff, not even an admin
    checked_id(loan_id, LoanNotFound, "loan.not_found", "loan_id")
    value = parse_amount(amount)
    request = KeyedRequest.of(actor, idempotency_key, "repayment", {"loan": loan_id, "amount": str(value)})
    with session_scope() as session:
        if (earlier := _earlier_payment(session, request)) is not None:
            return earlier
        hold_business_day(session)
        lock_seller(session, loan_store.seller_of(session, actor, loan_id))
        record = loan_store.get_for(session, actor, loan_id, for_update=True)
        if (earlier := _earlier_payment(session, request)) is not None:
            return earlier  # a twin with the same key committed while this one waited for the lock
        today = business_date(session)
        payment = collect_payment(session, record, today, value, source="manual",
                                  paid_from=ledger.LENDER_FUNDS)
        outbox.add_collection(session, payment, today)  # taken from the seller's payment account (rules §14)
        request.remember(session, payment_id=payment.id)
        audit.record(session, actor, "repayment", f"loan {loan_id}", amount=str(value), payment=payment.id)
        return PaymentRow.of(payment, loan_closed=not record.is_open)


def _earlier_payment(session: Session, request: KeyedRequest) -> PaymentRow | None:
    earlier = request.earlier(session)
    if earlier is None:
        return None
    payment = session.get(Payment, earlier.payment_id)
    loan = session.get(Loan, payment.loan_id, populate_existing=True)
    return PaymentRow.of(payment, loan_closed=loan.status == LoanStatus.CLOSED)


def _check_not_above_payoff(state: LoanState, today: date, amount: Decimal) -> Decimal:
    payoff = payoff_amount(state, today)
    if payoff == 0:
        raise LoanClosed(text("repay.loan_closed"))
    if amount > payoff:
        raise PaymentExceedsPayoff(text("repay.exceeds_payoff", payoff=format_cny(payoff),
                                        amount=format_cny(amount)))
    return payoff


def collect_payment(session: Session, record: LoanRecord, today: date, amount: Decimal, *, source: str,
                    paid_from: str, order_id: int | None = None) -> Payment:
    """Apply `amount` to the loan today and post it; the caller owns the transaction
    and holds the seller's and the loan's locks. The principal repaid leaves the
    lender book last (`app.services.store.locks`)."""
    if not record.is_open:
        raise LoanClosed(text("repay.loan_closed"))
    loan = record.loan
    before = record.state(today)
    payoff = _check_not_above_payoff(before, today, amount)
    loan.max_dpd = max(loan.max_dpd, days_past_due(before, today))
    after, allocation = apply_payment(before, today, amount)
    moved = record.save(after)
    recognise_to_date(session, loan, after, today)
    _set_statuses(record, after, today, closed=amount == payoff)
    payment = Payment(loan_id=loan.id, seller_id=loan.seller_id, paid_on=today, source=source,
                      amount_fen=to_fen(amount), penalty_fen=to_fen(allocation.penalty),
                      interest_fen=to_fen(allocation.interest), principal_fen=to_fen(allocation.principal),
                      order_id=order_id)
    session.add(payment)
    if not postings.give_id(session, payment, Payment.__tablename__):
        session.flush()
    seller_ids = {"seller_id": loan.seller_id} if paid_from == ledger.SELLER_BALANCE else {}
    postings.post_entry(session, business_date=today, kind=f"repayment_{source}", loan_id=loan.id,
                        payment_id=payment.id, lines=[
                            ledger.debit(paid_from, amount, **seller_ids),
                            ledger.credit(ledger.PENALTY_RECEIVABLE, allocation.penalty, loan_id=loan.id),
                            ledger.credit(ledger.INTEREST_RECEIVABLE, allocation.interest, loan_id=loan.id),
                            ledger.credit(ledger.LOAN_PRINCIPAL, allocation.principal, loan_id=loan.id)])
    if not record.is_open:
        _release_pledged_orders(session, loan.id, today)
    session.add_all(record.rows())
    move_book_outstanding(session, moved)
    return payment


def recognise_to_date(session: Session, loan: Loan, state: LoanState, today: date) -> None:
    """Book income charged today beyond what end of day had accrued (e.g. the
    minimum day on a same-day repayment), so receivables cover the payment."""
    interest = to_fen(recognised_interest(state, today)) - loan.interest_recognised_fen
    penalty = to_fen(recognised_penalty(state, today)) - loan.penalty_recognised_fen
    lines = [*ledger.adjustment_lines(ledger.INTEREST_RECEIVABLE, ledger.INTEREST_INCOME,
                                      from_fen(interest), loan.id),
             *ledger.adjustment_lines(ledger.PENALTY_RECEIVABLE, ledger.PENALTY_INCOME,
                                      from_fen(penalty), loan.id)]
    postings.post_entry(session, business_date=today, kind="accrual", loan_id=loan.id, lines=lines,
                        memo="interest charged with a payment")
    loan.interest_recognised_fen += interest
    loan.penalty_recognised_fen += penalty


def _set_statuses(record: LoanRecord, state: LoanState, today: date, *, closed: bool) -> None:
    by_period = {i.period: i for i in state.installments}
    for row in record.installments:
        inst = by_period[row.period]
        if inst.principal_unpaid == 0 and inst.interest_unpaid == 0 and (closed or row.due_date <= today):
            row.status = InstallmentStatus.PAID
    if closed:
        record.loan.status, record.loan.closed_on, record.loan.dpd = LoanStatus.CLOSED, today, 0


def _release_pledged_orders(session: Session, loan_id: int, today: date) -> None:
    """Unsettled orders become pledgeable again; `order_releases` keeps their link to the loan.
    Two statements served by ix_orders_pledged_loan_id_status (a loop over ORM rows scanned
    every shipped order on SQLite); orders already in the session are updated too."""
    pledged = (col(Order.pledged_loan_id) == loan_id, col(Order.status) == OrderStatus.SHIPPED)
    session.execute(insert(OrderRelease).from_select(
        ["order_id", "loan_id", "released_on"],
        select(col(Order.id), literal(loan_id), literal(today, Date)).where(*pledged)))
    session.execute(update(Order).where(*pledged).values(pledged_loan_id=None)
                    .execution_options(synchronize_session="evaluate"))


def auto_debit(session: Session, record: LoanRecord, today: date) -> Payment | None:
    """Collect what is due or overdue today from the seller's platform balance,
    as far as it suffices (rules §5). Runs inside the caller's transaction, which
    holds the seller's lock and then the loan's."""
    due = amount_due(record.state(today), today)
    seller = session.get(Seller, record.loan.seller_id)  # locked by the caller, as it stands now
    amount = min(due, from_fen(seller.platform_balance_fen))
    if amount <= ZERO:
        return None
    payment = collect_payment(session, record, today, amount, source="auto_debit",
                              paid_from=ledger.SELLER_BALANCE)
    seller.platform_balance_fen -= to_fen(amount)
    session.add(seller)
    return payment
