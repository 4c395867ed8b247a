"""What a seller can borrow now, and why not (issue #9 items 6 and 7) — read-only.

`borrowing_status` answers "why can't I borrow" once per product, with every reason a
catalogue text, for the draw pages and My limits. `check_credit_amount` and
`check_order_amount` answer "can this amount be drawn now, and if not why" while the
amount is typed: the same rules, in the same order, as the draws (`lending.draw_*`):
`availability.refuse_blocked` (blacklist, warning or recall, overdue, no limit) and
`availability.check_draw_amount` (minimum, product room, combined cap, lender capacity).
They lock and write nothing; the draw itself checks again under its locks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from app.config import DecisionStatus
from app.errors import LendingError, SellerNotFound
from app.i18n import Text, text
from app.money import ZERO, format_cny, from_fen, parse_amount
from app.services.access.actor import Actor, require_own_seller
from app.services.access.inputs import checked_id
from app.services.lending.availability import (
    MIN_DRAW,
    Limits,
    SellerFacts,
    check_draw_amount,
    eligible_orders,
    limits_from,
    refuse_blocked,
    seller_facts,
)
from app.services.lending.seller_orders import checked_order_choice
from app.services.store.decision_records import DecisionView, latest_decision_row
from app.services.store.settings import business_date
from db.engine import read_scope
from db.models import Seller


@dataclass(frozen=True)
class Borrowing:
    """Why the seller cannot draw each product now; an empty tuple means they can."""

    credit: tuple[Text, ...]
    order: tuple[Text, ...]
    credit_available: Decimal
    minimum: Decimal

    @property
    def can_draw_credit(self) -> bool:
        return not self.credit

    @property
    def can_draw_order(self) -> bool:
        return not self.order

    @property
    def can_borrow(self) -> bool:
        return self.can_draw_credit or self.can_draw_order

    @property
    def reasons(self) -> tuple[Text, ...]:
        """Every reason once (both products' reasons, the shared ones first)."""
        found: list[Text] = []
        for reason in (*self.credit, *self.order):
            if reason not in found:
                found.append(reason)
        return tuple(found)


@dataclass(frozen=True)
class AmountCheck:
    """Whether `amount` can be drawn now; `refusal` says why not (None: it can)."""

    amount: Decimal | None
    minimum: Decimal
    available: Decimal
    refusal: Text | None

    @property
    def ok(self) -> bool:
        return self.amount is not None and self.refusal is None


def borrowing_status(actor: Actor, seller_id: int) -> Borrowing:
    """Why the seller cannot draw a credit loan or an order loan now (product §2.2, §2.4, §2.5)."""
    with _seller_now(actor, seller_id) as (session, seller, today, limits, blocked):
        shared = _seller_reasons(session, seller, blocked)
    minimum = MIN_DRAW
    credit = shared or _credit_reasons(limits, minimum)
    order = shared or _order_reasons(limits, minimum)
    return Borrowing(credit, order, limits.credit_available, minimum)


def check_credit_amount(actor: Actor, seller_id: int, amount: Decimal | str) -> AmountCheck:
    """Can a credit loan of `amount` (as typed) be drawn now, and if not why."""
    with _seller_now(actor, seller_id) as (_, _, _, limits, blocked):
        return _check(amount, limits.credit_room, limits, text("draw.exceeds.credit_limit"), blocked)


def check_order_amount(actor: Actor, seller_id: int, order_ids: list[int], amount: Decimal | str | None,
                       shop_id: str | None = None) -> AmountCheck:
    """Can an order loan of `amount` (None: the most the orders back) on the chosen orders be
    drawn now, and if not why. Orders no longer eligible count for nothing."""
    shop_id, wanted = checked_order_choice(actor, seller_id, order_ids, shop_id)
    with _seller_now(actor, seller_id) as (session, seller, today, limits, blocked):
        value = sum((from_fen(o.amount_fen) for o in eligible_orders(session, seller_id, today, shop_id)
                     if o.id in wanted), ZERO)
    room = min(limits.order_backing(value), limits.order_room)
    if amount is None:
        amount = limits.available(room)
    return _check(amount, room, limits, text("draw.exceeds.order_backing"), blocked)


def _check(amount: Decimal | str, room: Decimal, limits: Limits, what: Text,
           blocked: Text | None) -> AmountCheck:
    minimum, available = MIN_DRAW, limits.available(room)
    try:
        principal = parse_amount(amount)
    except LendingError as err:
        return AmountCheck(None, minimum, available, err.text)
    if blocked is not None:
        return AmountCheck(principal, minimum, ZERO, blocked)
    try:
        check_draw_amount(principal, room, limits, what)
    except LendingError as err:
        return AmountCheck(principal, minimum, available, err.text)
    return AmountCheck(principal, minimum, available, None)


@contextmanager
def _seller_now(actor: Actor, seller_id: int) -> Iterator[tuple[Session, Seller, date, Limits, Text | None]]:
    """One read transaction for a seller's own question: the id and the permission checked,
    the seller, the business date, their limits today and what the draws would refuse
    before looking at an amount (`refuse_blocked`), or None — both from one read of the
    seller's facts."""
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
    require_own_seller(actor, seller_id)
    with read_scope() as session:
        seller, today = _seller(session, seller_id), business_date(session)
        facts = seller_facts(session, seller_id, today)
        yield session, seller, today, limits_from(session, facts, seller), _blocked(session, seller, facts)


def _seller(session: Session, seller_id: int) -> Seller:
    seller = session.get(Seller, seller_id)
    if seller is None:
        raise SellerNotFound(text("seller.not_found", seller_id=seller_id))
    return seller


def _blocked(session: Session, seller: Seller, facts: SellerFacts) -> Text | None:
    try:
        refuse_blocked(session, seller, facts)
    except LendingError as err:
        return err.text
    return None


def _seller_reasons(session: Session, seller: Seller, blocked: Text | None) -> tuple[Text, ...]:
    """Reasons that close both products: a draw's own refusal first, then the rating decision."""
    if blocked is not None:
        return (blocked,)
    row = latest_decision_row(session, seller.id)
    if row is None:
        return ()  # limits set without a decision (a migration, a test): the limits speak for themselves
    decision = DecisionView.of(row)
    if decision.status == DecisionStatus.INELIGIBLE:
        return (text("borrow.why.ineligible"), *decision.ineligible)
    if decision.status == DecisionStatus.MANUAL_REVIEW:
        return (text("borrow.why.manual_review", date=decision.decided_on.isoformat()),)
    if decision.status == DecisionStatus.DECLINED:
        return (text("borrow.why.declined", score=decision.score),)
    return ()


def _credit_reasons(limits: Limits, minimum: Decimal) -> tuple[Text, ...]:
    if limits.credit_limit <= 0:
        return (text("borrow.why.no_credit_limit"),)
    if limits.credit_available < minimum:
        return (text("borrow.why.credit_used", available=format_cny(limits.credit_available),
                     minimum=format_cny(minimum), limit=format_cny(limits.credit_limit),
                     outstanding=format_cny(limits.credit_outstanding)),)
    return ()


def _order_reasons(limits: Limits, minimum: Decimal) -> tuple[Text, ...]:
    if limits.advance_rate <= 0:
        return (text("borrow.why.no_advance_rate"),)
    room = limits.available(limits.order_room)
    if room < minimum:
        return (text("borrow.why.order_room", available=format_cny(room), minimum=format_cny(minimum)),)
    return ()
