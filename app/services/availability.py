"""What a seller may draw now (rules §2, §6.3, §10) and why not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.config import DEFAULT_CONFIG, LoanStatus, OrderStatus, Product
from app.errors import (
    BelowMinimumDraw,
    CombinedCapExceeded,
    DrawBlocked,
    LenderCapacityExceeded,
    LimitExceeded,
    ProductUnavailable,
)
from app.i18n import Text, text
from app.money import ZERO, floor_to, format_cny, from_fen
from app.services.loan_store import unpaid_installment
from app.services.risk_records import open_event, reentry_cap_pct
from app.services.settings import book_outstanding, loanable_funds
from db.convert import rate_from_e8
from db.models import Loan, LoanInstallment, Order, Seller, SellerLimit, Shop


@dataclass(frozen=True)
class Limits:
    """A seller's limits and what is available to draw now, per product."""

    rating: str | None
    credit_limit: Decimal
    advance_rate: Decimal
    order_limit: Decimal  # eligible shipped, unpledged orders × advance rate
    credit_outstanding: Decimal
    order_outstanding: Decimal
    combined_room: Decimal  # 1,000,000 − total outstanding principal (rules §2)
    capacity_room: Decimal  # lender's loanable funds − book outstanding (rules §10)
    frozen: bool = False  # an open warning or recall: nothing may be drawn (rules §9)
    pledgeable_value: Decimal = ZERO  # eligible shipped, unpledged orders (order_limit = this × advance rate)

    @property
    def total_outstanding(self) -> Decimal:
        return self.credit_outstanding + self.order_outstanding

    @property
    def credit_room(self) -> Decimal:
        return self.credit_limit - self.credit_outstanding

    @property
    def order_room(self) -> Decimal:
        """Order loans are limited by their orders' value; this caps the product."""
        return DEFAULT_CONFIG.product_limit_cap - self.order_outstanding

    def available(self, room: Decimal) -> Decimal:
        """What can be drawn now against a product room of `room`: never more than the
        combined cap's and the lender's room allow, never below zero (rules §6.3); nothing
        while a warning or recall is open (rules §9)."""
        if self.frozen:
            return ZERO
        return max(ZERO, min(room, self.combined_room, self.capacity_room))

    @property
    def credit_available(self) -> Decimal:
        return self.available(self.credit_room)

    @property
    def order_available(self) -> Decimal:
        return self.available(min(self.order_limit, self.order_room))

    def order_backing(self, orders_value: Decimal) -> Decimal:
        """What orders worth `orders_value` can back: value × advance rate, to the fen below."""
        return floor_to(orders_value * self.advance_rate, Decimal("0.01"))

    def order_available_for(self, orders_value: Decimal) -> Decimal:
        """The most an order loan backed by orders worth `orders_value` may be now."""
        return self.available(min(self.order_backing(orders_value), self.order_room))


def latest_limit(session: Session, seller_id: int) -> SellerLimit | None:
    return session.exec(select(SellerLimit).where(SellerLimit.seller_id == seller_id)
                        .order_by(col(SellerLimit.id).desc()).limit(1)).first()


def outstanding_by_product(session: Session, seller_id: int) -> dict[str, Decimal]:
    rows = session.exec(select(Loan.product, func.sum(Loan.outstanding_fen))
                        .where(Loan.seller_id == seller_id, Loan.status == LoanStatus.OPEN)
                        .group_by(Loan.product)).all()
    totals = {p.value: ZERO for p in Product}
    totals.update({product: from_fen(int(fen)) for product, fen in rows})
    return totals


def _eligible_where(seller_id: int, today: date) -> tuple:
    return (Shop.seller_id == seller_id, Order.status == OrderStatus.SHIPPED,
            col(Order.pledged_loan_id).is_(None), col(Order.shipped_on) <= today)


def eligible_orders(session: Session, seller_id: int, today: date, shop_id: str | None = None) -> list[Order]:
    """Shipped, not yet settled or refunded, not pledged orders of the seller."""
    query = select(Order).join(Shop, col(Shop.id) == Order.shop_id).where(*_eligible_where(seller_id, today))
    if shop_id is not None:
        query = query.where(Order.shop_id == shop_id)
    return list(session.exec(query.order_by(Order.shipped_on, Order.id)).all())


def eligible_orders_value(session: Session, seller_id: int, today: date) -> Decimal:
    """The value of `eligible_orders`, summed by the database (a seller with thousands of
    shipped orders would otherwise load them all on every page and draw)."""
    query = (select(func.coalesce(func.sum(Order.amount_fen), 0)).join(Shop, col(Shop.id) == Order.shop_id)
             .where(*_eligible_where(seller_id, today)))
    return from_fen(int(session.exec(query).one()))


def seller_limits(session: Session, seller_id: int, today: date) -> Limits:
    seller, limit = session.get(Seller, seller_id), latest_limit(session, seller_id)
    frozen = open_event(session, seller_id) is not None
    return _limits(session, seller_id, seller, today, limit, frozen=frozen)


def limits_for_draw(session: Session, seller: Seller, today: date) -> Limits:
    """`ensure_may_draw`, then the seller's limits from what it read (not frozen: it refuses
    a frozen seller), so a draw reads the limit in force and the risk events once."""
    return _limits(session, seller.id, seller, today, ensure_may_draw(session, seller, today), frozen=False)


def _limits(session: Session, seller_id: int, seller: Seller | None, today: date, limit: SellerLimit | None,
            *, frozen: bool) -> Limits:
    cfg = DEFAULT_CONFIG
    zero_limits = limit is None or (seller is not None and seller.blacklisted)
    credit_limit = ZERO if zero_limits else from_fen(limit.credit_limit_fen)
    advance_rate = ZERO if zero_limits else rate_from_e8(limit.advance_rate_e8)
    if (cap := reentry_cap_pct(session, seller_id, today)) is not None:  # staged re-entry (rules §9)
        credit_limit = floor_to(credit_limit * cap / 100, cfg.credit_limit_step)
        advance_rate = advance_rate * cap / 100
    orders_value = eligible_orders_value(session, seller_id, today)
    order_limit = min(floor_to(orders_value * advance_rate, Decimal("0.01")), cfg.product_limit_cap)
    outstanding = outstanding_by_product(session, seller_id)
    return Limits(
        rating=None if limit is None else limit.rating, credit_limit=credit_limit, advance_rate=advance_rate,
        order_limit=order_limit, credit_outstanding=outstanding[Product.CREDIT.value],
        order_outstanding=outstanding[Product.ORDER.value],
        combined_room=cfg.max_principal - sum(outstanding.values(), ZERO),
        capacity_room=loanable_funds(session) - book_outstanding(session),
        frozen=frozen,
        pledgeable_value=orders_value,
    )


def has_overdue_loan(session: Session, seller_id: int, today: date) -> bool:
    query = (select(func.count()).select_from(LoanInstallment)
             .join(Loan, col(Loan.id) == LoanInstallment.loan_id)
             .where(Loan.seller_id == seller_id, Loan.status == LoanStatus.OPEN,
                    LoanInstallment.due_date < today, unpaid_installment()))
    return session.exec(query).one() > 0


def ensure_may_draw(session: Session, seller: Seller, today: date) -> SellerLimit:
    """Refuse a draw for a blacklisted seller, one with an open warning or recall, an
    overdue one, or one with no limits."""
    if seller.blacklisted:
        raise DrawBlocked(text("draw.blocked.blacklisted"))
    if (event := open_event(session, seller.id)) is not None:
        raise DrawBlocked(text("draw.blocked.recall", due_on=event.due_on.isoformat()) if event.due_on else
                          text("draw.blocked.warning", cure_until=event.cure_until.isoformat()))
    if has_overdue_loan(session, seller.id, today):
        raise DrawBlocked(text("draw.blocked.overdue"))
    limit = latest_limit(session, seller.id)
    if limit is None:
        raise ProductUnavailable(text("draw.no_limit"))
    return limit


def check_draw_amount(principal: Decimal, product_room: Decimal, limits: Limits, what: Text) -> None:
    """Refuse (never trim) a draw below the minimum or above what is available,
    naming the constraint that binds (product limit, combined cap, lender capacity).

    `what` is the catalogue text naming the product's own limit (e.g.
    "draw.exceeds.credit_limit"); it is raised with {available} and {asked} added."""
    cfg = DEFAULT_CONFIG
    if principal < cfg.min_draw:
        raise BelowMinimumDraw(text("draw.below_minimum", minimum=format_cny(cfg.min_draw),
                                    asked=format_cny(principal)))
    available = limits.available(product_room)
    if principal <= available:
        return
    amounts = {"available": format_cny(available), "asked": format_cny(principal)}
    if principal > product_room:
        raise LimitExceeded(Text(what.key, {**what.params, **amounts}))
    if principal > limits.combined_room:
        raise CombinedCapExceeded(text("draw.exceeds.combined_cap", cap=format_cny(cfg.max_principal),
                                       **amounts))
    raise LenderCapacityExceeded(text("draw.exceeds.lender_capacity", **amounts))
