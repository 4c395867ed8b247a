"""Applying one checked feed record in the caller's transaction (rules §14; docs/feed.md).

Each `apply_*` returns IMPORTED (something changed) or UNCHANGED, or raises `Rejected` with
the field and a reason in plain words before the caller's savepoint is released. Order events
take their locks in the order of `app.services.store.locks` (the caller holds the business
day): the seller, the pledged loan, the order. A `settled` event settles through
`settle_locked_order` and a `refunded` one through `refund_locked_order`, the functions end
of day and the refund service use.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlmodel import Session, col, select

from app.config import OrderStatus
from app.errors import LendingError
from app.feed.contract import (
    BehaviourRecord,
    DailySalesRecord,
    FeedOrderStatus,
    FeedRecord,
    OrderRecord,
    SellerRecord,
    ShopRecord,
)
from app.money import to_fen
from app.services.lending.orders import refund_locked_order, settle_locked_order
from app.services.store import loan_store
from app.services.store.locks import lock_seller
from db.models import (
    BehaviourMetric,
    DailySales,
    Order,
    PlatformOrder,
    PlatformSeller,
    PlatformShop,
    Seller,
    Shop,
)

IMPORTED, UNCHANGED = "imported", "unchanged"
REJECTED = "rejected"  # an outcome the batch writers report for a line they refused (new_orders)
# an order's statuses, in the only order they go (a refund may come from any before settled)
FORWARD = (FeedOrderStatus.PLACED, FeedOrderStatus.SHIPPED, FeedOrderStatus.CONFIRMED,
           FeedOrderStatus.SETTLED)


class Rejected(Exception):
    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


def apply_record(session: Session, record: FeedRecord, today: date) -> str:
    appliers: dict[type, Callable[[Session, FeedRecord, date], str]] = {
        SellerRecord: apply_seller, ShopRecord: apply_shop, OrderRecord: apply_order,
        DailySalesRecord: apply_daily_sales, BehaviourRecord: apply_behaviour}
    return appliers[type(record)](session, record, today)


def _changed(row: object, **values: object) -> bool:
    """Set `values` on `row`; whether any differed."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def apply_seller(session: Session, record: SellerRecord, _today: date) -> str:
    mapping = session.get(PlatformSeller, record.seller_id)
    holder = session.exec(select(Seller.id).where(Seller.resident_id == record.resident_id)).first()
    if holder is not None and (mapping is None or holder != mapping.seller_id):
        raise Rejected("resident_id", "already belongs to another seller")
    if mapping is None:
        seller = Seller(name=record.name, resident_id=record.resident_id,
                        real_name_verified=record.real_name_verified)
        session.add(seller)
        session.flush()
        session.add(PlatformSeller(platform_id=record.seller_id, seller_id=seller.id,
                                   payment_account=record.payment_account, joined_on=record.joined_on))
        return IMPORTED
    seller = lock_seller(session, mapping.seller_id)
    changed = _changed(seller, name=record.name, resident_id=record.resident_id,
                       real_name_verified=record.real_name_verified)
    changed |= _changed(mapping, payment_account=record.payment_account, joined_on=record.joined_on)
    session.add_all([seller, mapping])
    return IMPORTED if changed else UNCHANGED


def apply_shop(session: Session, record: ShopRecord, _today: date) -> str:
    seller = session.get(PlatformSeller, record.seller_id)
    if seller is None:
        raise Rejected("seller_id", f"unknown seller “{record.seller_id}”: "
                                    "no seller record with this id was imported")
    mapping = session.exec(select(PlatformShop).where(PlatformShop.platform_id == record.shop_id)).first()
    if mapping is None:
        mapping = PlatformShop(platform_id=record.shop_id)
        session.add(mapping)
        session.flush()
        shop = Shop(id=f"PS{mapping.id:07d}", seller_id=seller.seller_id, name=record.name,
                    category=record.category, member_since=record.opened_on)
        session.add(shop)
        session.flush()
        mapping.shop_id = shop.id
        session.add(mapping)
        return IMPORTED
    shop = session.get(Shop, mapping.shop_id)
    if shop.seller_id != seller.seller_id:
        raise Rejected("seller_id", "the shop belongs to another seller; a shop cannot change hands")
    changed = _changed(shop, name=record.name, category=record.category, member_since=record.opened_on)
    session.add(shop)
    return IMPORTED if changed else UNCHANGED


def shop_of(session: Session, platform_shop_id: str) -> Shop:
    shop_id = session.exec(select(PlatformShop.shop_id)
                           .where(PlatformShop.platform_id == platform_shop_id)).first()
    if shop_id is None:
        raise Rejected("shop_id", f"unknown shop “{platform_shop_id}”: "
                                  "no shop record with this id was imported")
    return session.get(Shop, shop_id)


def status_of(order: Order) -> str:
    """The order's place on the feed's ladder."""
    if order.status == OrderStatus.PAID:
        return "placed"
    if order.status == OrderStatus.SHIPPED:
        return "shipped" if order.confirm_on is None else "confirmed"
    return str(OrderStatus(order.status).value)


def apply_order(session: Session, record: OrderRecord, today: date) -> str:
    shop = shop_of(session, record.shop_id)
    mapping = session.get(PlatformOrder, record.order_id)
    seller = lock_seller(session, shop.seller_id)
    if mapping is None:
        order = Order(shop_id=shop.id, buyer=record.buyer, amount_fen=to_fen(record.amount),
                      status=OrderStatus.PAID, paid_on=record.platform_day)
        session.add(order)
        session.flush()
        mapping = PlatformOrder(platform_id=record.order_id, order_id=order.id)
        session.add(mapping)
        if record.status == FeedOrderStatus.PLACED:
            return IMPORTED
        return _move(session, seller, order, None, mapping, record, today)
    pledged = session.exec(select(Order.pledged_loan_id).where(Order.id == mapping.order_id)).one()
    loan = None if pledged is None else loan_store.get(session, pledged, for_update=True)
    order = session.exec(select(Order).where(Order.id == mapping.order_id).with_for_update()
                         .execution_options(populate_existing=True)).one()
    if order.shop_id != shop.id:
        raise Rejected("shop_id", "differs from the shop of the order's earlier events")
    if order.amount_fen != to_fen(record.amount):
        raise Rejected("amount", "differs from the amount of the order's earlier events")
    current = status_of(order)
    if current == record.status:
        return UNCHANGED
    if current == FeedOrderStatus.REFUNDED:
        raise Rejected("status", f"the order was refunded on {order.refunded_on}; nothing follows a refund")
    if record.status == FeedOrderStatus.REFUNDED and current == FeedOrderStatus.SETTLED:
        raise Rejected("status", f"the order was settled on {order.settled_on}; "
                                 "a settled order cannot be refunded")
    if record.status != FeedOrderStatus.REFUNDED and FORWARD.index(record.status) < FORWARD.index(current):
        raise Rejected("status", backward_reason(current))
    return _move(session, seller, order, loan, mapping, record, today)


def backward_reason(current: str) -> str:
    return (f"moves backward: the order is already {current}; an order's status only moves forward "
            "(placed → shipped → confirmed → settled)")


def _move(session: Session, seller: Seller, order: Order, loan: loan_store.LoanRecord | None,
          mapping: PlatformOrder, record: OrderRecord, today: date) -> str:
    """Move the order forward to the record's status."""
    day = record.platform_day
    try:
        if record.status == FeedOrderStatus.REFUNDED:
            refund_locked_order(session, order, today)
            mapping.refunded_fen = to_fen(record.refund_amount)
            session.add(mapping)
            return IMPORTED
        order.status = OrderStatus.SHIPPED
        order.shipped_on = order.shipped_on or day
        if record.status in (FeedOrderStatus.CONFIRMED, FeedOrderStatus.SETTLED):
            order.confirm_on = order.confirm_on or day
        session.add(order)
        if record.status == FeedOrderStatus.SETTLED:
            session.flush()
            settle_locked_order(session, seller, order, loan, today)
    except LendingError as exc:
        raise Rejected("status", str(exc)) from None
    return IMPORTED


def apply_daily_sales(session: Session, record: DailySalesRecord, _today: date) -> str:
    shop = shop_of(session, record.shop_id)
    row = session.exec(select(DailySales)
                       .where(DailySales.shop_id == shop.id, DailySales.day == record.day)).first()
    values = dict(sales_fen=to_fen(record.gmv), refunds_fen=to_fen(record.refunds), order_count=record.orders,
                  buyer_count=record.buyers, repeat_buyer_count=record.repeat_buyers,
                  dispute_count=record.disputes)
    return _upsert(session, row, lambda: DailySales(shop_id=shop.id, day=record.day, **values), values)


def apply_behaviour(session: Session, record: BehaviourRecord, _today: date) -> str:
    shop = shop_of(session, record.shop_id)
    row = session.exec(select(BehaviourMetric).where(BehaviourMetric.shop_id == shop.id,
                                                     col(BehaviourMetric.month) == record.month)).first()
    values = dict(login_days=record.login_days, ad_spend_fen=to_fen(record.ad_spend),
                  community_posts=record.community_posts, favourites=record.favourites,
                  reviews=record.reviews,
                  positive_reviews=record.positive_reviews, shop_rating_x100=int(record.shop_rating * 100),
                  complaints=record.complaints)
    return _upsert(session, row, lambda: BehaviourMetric(shop_id=shop.id, month=record.month, **values),
                   values)


def _upsert(session: Session, row, new_row, values: dict) -> str:
    """A shop's figures of a day or month: a new row, or the stored one brought up to `values`;
    "unchanged" when it already held them (a record sent again)."""
    if row is None:
        session.add(new_row())
        return IMPORTED
    changed = _changed(row, **values)
    session.add(row)
    return IMPORTED if changed else UNCHANGED
