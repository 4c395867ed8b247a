"""Order settlement and refunds (rules §5): proceeds of pledged orders repay
their order loan first; the rest goes to the seller's platform balance.

Which orders settle on a date is `confirmed_order` (end of day settles them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, Date, and_, bindparam
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from app import ledger
from app.config import OrderStatus
from app.errors import NotFound, OrderNotSettleable
from app.i18n import Text, text
from app.loans.allocation import payoff_amount
from app.money import ZERO, from_fen, to_fen
from app.services.access.actor import ADMIN, SYSTEM, Actor, require_own_seller, require_role
from app.services.access.inputs import checked_id
from app.services.lending.repayment import collect_payment
from app.services.store import loan_store, postings
from app.services.store.loan_store import LoanRecord
from app.services.store.locks import hold_business_day, lock_seller, retry_on_conflict
from app.services.store.settings import business_date
from app.texts import CATALOGUE
from db.engine import session_scope
from db.models import Order, Payment, Seller, Shop
from db.sql import enum_literal, sql_text


@dataclass(frozen=True)
class Settlement:
    order_id: int
    proceeds: Decimal
    to_loan: Decimal
    to_balance: Decimal
    loan_id: int | None


@retry_on_conflict
def settle_order(actor: Actor, order_id: int) -> Settlement:
    """The buyer confirmed receipt: release the proceeds (one transaction)."""
    with session_scope() as session:
        return settle_order_in(session, actor, order_id, business_date(session))


def settle_order_in(session: Session, actor: Actor, order_id: int, today: date) -> Settlement:
    """Settle in the caller's transaction, taking the business day's, the seller's, the
    pledged loan's and then the order's lock (`app.services.store.locks`)."""
    require_role(actor, SYSTEM, ADMIN)  # the buyer's confirmation arrives through the platform
    hold_business_day(session)
    seller = lock_seller(session, _order_seller(session, actor, order_id))
    loan_id = session.exec(select(Order.pledged_loan_id).where(Order.id == order_id)).one()
    record = None if loan_id is None else loan_store.get(session, loan_id, for_update=True)
    order = _locked_order(session, order_id)
    return settle_locked_order(session, seller, order, record, today)


def settle_locked_order(session: Session, seller: Seller, order: Order, record: LoanRecord | None,
                        today: date) -> Settlement:
    """Settle an order whose seller, pledged loan (`record`, None if none) and order row the
    caller holds locked, in the order of `app.services.store.locks` (end of day locks a whole
    batch of them at once, `app.services.end_of_day.collect`)."""
    if order.status != OrderStatus.SHIPPED:
        raise OrderNotSettleable(_status_text("order.not_settleable", order.id, order.status))
    proceeds = from_fen(order.amount_fen)
    payment = _repay_from_proceeds(session, record, order, proceeds, today)
    to_loan = ZERO if payment is None else from_fen(payment.amount_fen)
    to_balance = proceeds - to_loan
    if to_balance > 0:
        postings.post_entry(session, business_date=today, kind="settlement",
                            payment_id=None if payment is None else payment.id,
                            memo=f"order #{order.id} proceeds to platform balance",
                            lines=[ledger.debit(ledger.ORDER_PROCEEDS, to_balance),
                                   ledger.credit(ledger.SELLER_BALANCE, to_balance, seller_id=seller.id)])
        seller.platform_balance_fen += to_fen(to_balance)
        session.add(seller)
    order.status, order.settled_on = OrderStatus.SETTLED, today
    session.add(order)
    return Settlement(order.id, proceeds, to_loan, to_balance, order.pledged_loan_id)


def _repay_from_proceeds(session: Session, record: LoanRecord | None, order: Order, proceeds: Decimal,
                         today: date) -> Payment | None:
    """Proceeds pay the open order loan up to its payoff amount (rules §5)."""
    if record is None or not record.is_open:
        return None
    to_loan = min(proceeds, payoff_amount(record.state(today), today))
    if to_loan <= 0:
        return None
    return collect_payment(session, record, today, to_loan, source="settlement",
                           paid_from=ledger.ORDER_PROCEEDS, order_id=order.id)


@retry_on_conflict
def refund_order(actor: Actor, order_id: int) -> None:
    """A refunded (or cancelled) order pays nothing; a loan it backed stays due
    on its due date (rules §5). Settled orders are final and cannot be refunded here."""
    with session_scope() as session:
        lock_seller(session, _order_seller(session, actor, order_id))
        refund_locked_order(session, _locked_order(session, order_id), business_date(session))


def refund_locked_order(session: Session, order: Order, today: date) -> None:
    """Refund an order whose seller and order row the caller holds locked (the platform
    feed's `refunded` event comes here too, `app.services.feed.apply`)."""
    if order.status not in (OrderStatus.PAID, OrderStatus.SHIPPED):
        raise OrderNotSettleable(_status_text("order.not_refundable", order.id, order.status))
    order.status, order.refunded_on = OrderStatus.REFUNDED, today
    session.add(order)


def _order_seller(session: Session, actor: Actor, order_id: int) -> int:
    """The seller of the order (read without a lock, to lock the seller first)."""
    checked_id(order_id, NotFound, "order.not_found", "order_id")
    seller_id = session.exec(select(Shop.seller_id).join(Order, col(Order.shop_id) == Shop.id)
                             .where(Order.id == order_id)).first()
    if seller_id is None:
        raise NotFound(text("order.not_found", order_id=order_id))
    require_own_seller(actor, seller_id)
    return seller_id


def _locked_order(session: Session, order_id: int) -> Order:
    query = select(Order).where(Order.id == order_id).with_for_update()
    return session.exec(query.execution_options(populate_existing=True)).one()


def _status_text(key: str, order_id: int, status: str) -> Text:
    """The refusal for an order in `status`: one catalogue entry per known status
    (so the status reads naturally in either language), else the general one."""
    specific = f"{key}.{status}"
    if specific in CATALOGUE:
        return text(specific, order_id=order_id)
    return text(key, order_id=order_id, status=status)


def confirmed_order(today, order=Order) -> ColumnElement[bool]:
    """An order to settle on `today` (rules §5): shipped, not settled or refunded, and its buyer
    confirmed receipt on or before `today` (a date or a bound parameter)."""
    return and_(col(order.status) == enum_literal(OrderStatus.SHIPPED), col(order.confirm_on) <= today)


def confirmed_order_sql(alias: str) -> str:
    """`confirmed_order` as SQL text over the orders table named `alias`, on the date the
    statement binds as `:t`."""
    return sql_text(confirmed_order(bindparam("t", type_=Date), aliased(Order, name=alias)))
