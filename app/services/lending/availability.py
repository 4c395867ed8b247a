"""What a seller may draw now (rules §2, §6.3, §10) and why not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from sqlalchemy import Date, Integer, Select, bindparam, func
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
from app.services.store.arrears import in_arrears
from app.services.store.product_settings import loanable_funds
from app.services.store.risk_records import open_event_query, reentry_plan_query
from db.convert import rate_from_e8
from db.models import (
    LenderBook,
    Loan,
    LoanInstallment,
    Order,
    RecoveryPlan,
    RiskEvent,
    Seller,
    SellerLimit,
    Shop,
)

# Fixed by the rules (§2, §6.3), not product settings an admin changes (those are read through
# `product_settings.effective_config`): module constants.
MIN_DRAW = DEFAULT_CONFIG.min_draw
MAX_PRINCIPAL = DEFAULT_CONFIG.max_principal  # the combined cap of a seller's outstanding principal
PRODUCT_LIMIT_CAP = DEFAULT_CONFIG.product_limit_cap
CREDIT_LIMIT_STEP = DEFAULT_CONFIG.credit_limit_step


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
        return PRODUCT_LIMIT_CAP - self.order_outstanding

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


def latest_limit_query(seller_id: int) -> Select:
    return (select(SellerLimit).where(SellerLimit.seller_id == seller_id)
            .order_by(col(SellerLimit.id).desc()).limit(1))


def latest_limit(session: Session, seller_id: int) -> SellerLimit | None:
    return session.exec(latest_limit_query(seller_id)).first()


def _outstanding_query(seller_id: int, product: Product) -> Select:
    return select(func.coalesce(func.sum(Loan.outstanding_fen), 0)).where(
        Loan.seller_id == seller_id, Loan.status == LoanStatus.OPEN, Loan.product == product.value)


def outstanding_by_product(session: Session, seller_id: int) -> dict[str, Decimal]:
    """The seller's open principal per product (one statement)."""
    totals = session.execute(select(*(_outstanding_query(seller_id, p).scalar_subquery() for p in Product)))
    return {p.value: from_fen(int(fen)) for p, fen in zip(Product, totals.one(), strict=True)}


def _eligible_where(seller_id: int, today: date) -> tuple:
    return (Shop.seller_id == seller_id, Order.status == OrderStatus.SHIPPED,
            col(Order.pledged_loan_id).is_(None), col(Order.shipped_on) <= today)


def eligible_orders(session: Session, seller_id: int, today: date, shop_id: str | None = None) -> list[Order]:
    """Shipped, not yet settled or refunded, not pledged orders of the seller."""
    query = select(Order).join(Shop, col(Shop.id) == Order.shop_id).where(*_eligible_where(seller_id, today))
    if shop_id is not None:
        query = query.where(Order.shop_id == shop_id)
    return list(session.exec(query.order_by(Order.shipped_on, Order.id)).all())


def _eligible_value_query(seller_id: int, today: date) -> Select:
    """The value of `eligible_orders`, summed by the database (a seller with thousands of
    shipped orders would otherwise load them all on every page and draw)."""
    return (select(func.coalesce(func.sum(Order.amount_fen), 0)).join(Shop, col(Shop.id) == Order.shop_id)
            .where(*_eligible_where(seller_id, today)))


def _overdue_installments(seller_id: int, today: date) -> Select:
    return in_arrears(LoanInstallment.id, today=today).where(Loan.seller_id == seller_id)


def has_overdue_loan(session: Session, seller_id: int, today: date) -> bool:
    return bool(session.execute(select(_overdue_installments(seller_id, today).exists())).scalar_one())


@dataclass(frozen=True)
class SellerFacts:
    """What a seller's limits and a draw's refusals are computed from, read by one
    statement (they took eight round trips, a third of a draw's time on PostgreSQL)."""

    open_event_id: int | None  # an open warning or recall (`risk_records.open_event_query`)
    overdue: bool
    limit_id: int | None  # the latest limit (`latest_limit_query`) and its figures
    rating: str | None
    credit_limit_fen: int | None
    advance_rate_e8: int | None
    cap_pct: int | None  # the staged re-entry cap in force (`risk_records.reentry_plan_query`)
    pledgeable_fen: int  # `eligible_orders` summed
    credit_outstanding_fen: int
    order_outstanding_fen: int
    book_outstanding_fen: int  # the lender book's kept figure, read without its lock


def seller_facts(session: Session, seller_id: int, today: date) -> SellerFacts:
    row = session.execute(_facts_statement(), {"seller_id": seller_id, "today": today}).one()
    event_id, overdue, *rest = row
    return SellerFacts(event_id, bool(overdue), *rest)


@cache
def _facts_statement() -> Select:
    """`SellerFacts`' statement, built once with the seller and the date as parameters: a
    statement object this size costs more to build and key for the cache than to run."""
    seller_id, today = bindparam("seller_id", type_=Integer), bindparam("today", type_=Date)
    latest = latest_limit_query(seller_id)

    def first(query: Select, column):
        return query.with_only_columns(column).scalar_subquery()

    return select(
        first(open_event_query(seller_id), col(RiskEvent.id)),
        _overdue_installments(seller_id, today).exists(),
        first(latest, col(SellerLimit.id)), first(latest, col(SellerLimit.rating)),
        first(latest, col(SellerLimit.credit_limit_fen)), first(latest, col(SellerLimit.advance_rate_e8)),
        first(reentry_plan_query(seller_id, today), col(RecoveryPlan.cap_pct)),
        _eligible_value_query(seller_id, today).scalar_subquery(),
        _outstanding_query(seller_id, Product.CREDIT).scalar_subquery(),
        _outstanding_query(seller_id, Product.ORDER).scalar_subquery(),
        select(LenderBook.outstanding_fen).where(col(LenderBook.id) == 1).scalar_subquery(),
    )


def seller_limits(session: Session, seller_id: int, today: date) -> Limits:
    return limits_from(session, seller_facts(session, seller_id, today), session.get(Seller, seller_id))


def limits_for_draw(session: Session, seller: Seller, today: date) -> Limits:
    """`ensure_may_draw`, then the seller's limits from what it read."""
    return limits_from(session, ensure_may_draw(session, seller, today), seller)


def limits_from(session: Session, facts: SellerFacts, seller: Seller | None) -> Limits:
    """The seller's limits from their facts; frozen while a warning or recall is open."""
    zero_limits = facts.limit_id is None or (seller is not None and seller.blacklisted)
    credit_limit = ZERO if zero_limits else from_fen(facts.credit_limit_fen)
    advance_rate = ZERO if zero_limits else rate_from_e8(facts.advance_rate_e8)
    if (cap := facts.cap_pct) is not None:  # staged re-entry (rules §9)
        credit_limit = floor_to(credit_limit * cap / 100, CREDIT_LIMIT_STEP)
        advance_rate = advance_rate * cap / 100
    orders_value = from_fen(int(facts.pledgeable_fen))
    order_limit = min(floor_to(orders_value * advance_rate, Decimal("0.01")), PRODUCT_LIMIT_CAP)
    credit, order = from_fen(int(facts.credit_outstanding_fen)), from_fen(int(facts.order_outstanding_fen))
    return Limits(
        rating=facts.rating if facts.limit_id is not None else None, credit_limit=credit_limit,
        advance_rate=advance_rate, order_limit=order_limit, credit_outstanding=credit,
        order_outstanding=order, combined_room=MAX_PRINCIPAL - credit - order,
        capacity_room=loanable_funds(session) - from_fen(facts.book_outstanding_fen),
        frozen=facts.open_event_id is not None,
        pledgeable_value=orders_value,
    )


def ensure_may_draw(session: Session, seller: Seller, today: date) -> SellerFacts:
    """`refuse_blocked` on the seller's facts, read here; the facts."""
    facts = seller_facts(session, seller.id, today)
    refuse_blocked(session, seller, facts)
    return facts


def refuse_blocked(session: Session, seller: Seller, facts: SellerFacts) -> None:
    """Refuse a draw for a blacklisted seller, one with an open warning or recall, an
    overdue one, or one with no limits."""
    if seller.blacklisted:
        raise DrawBlocked(text("draw.blocked.blacklisted"))
    if facts.open_event_id is not None:
        event = session.get(RiskEvent, facts.open_event_id)
        raise DrawBlocked(text("draw.blocked.recall", due_on=event.due_on.isoformat()) if event.due_on else
                          text("draw.blocked.warning", cure_until=event.cure_until.isoformat()))
    if facts.overdue:
        raise DrawBlocked(text("draw.blocked.overdue"))
    if facts.limit_id is None:
        raise ProductUnavailable(text("draw.no_limit"))


def check_draw_amount(principal: Decimal, product_room: Decimal, limits: Limits, what: Text) -> None:
    """Refuse (never trim) a draw below the minimum or above what is available,
    naming the constraint that binds (product limit, combined cap, lender capacity).

    `what` is the catalogue text naming the product's own limit (e.g.
    "draw.exceeds.credit_limit"); it is raised with {available} and {asked} added."""
    if principal < MIN_DRAW:
        raise BelowMinimumDraw(text("draw.below_minimum", minimum=format_cny(MIN_DRAW),
                                    asked=format_cny(principal)))
    available = limits.available(product_room)
    if principal <= available:
        return
    amounts = {"available": format_cny(available), "asked": format_cny(principal)}
    if principal > product_room:
        raise LimitExceeded(Text(what.key, {**what.params, **amounts}))
    if principal > limits.combined_room:
        raise CombinedCapExceeded(text("draw.exceeds.combined_cap", cap=format_cny(MAX_PRINCIPAL),
                                       **amounts))
    raise LenderCapacityExceeded(text("draw.exceeds.lender_capacity", **amounts))
