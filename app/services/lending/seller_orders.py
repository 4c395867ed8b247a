"""The shipped orders a seller may pledge, and what a chosen set of them can back
(product §2.4) — the read model behind the order-loan page.

`eligible_orders` and `Limits` in `app.services.lending.availability` work inside a
caller's session; this wraps them as actor-checked use cases so the page neither
opens a session nor adds up money.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from app.errors import OrderNotEligible, PermissionDenied, SellerNotFound
from app.i18n import text
from app.money import ZERO, from_fen
from app.services.access.actor import Actor, require_own_seller
from app.services.access.inputs import checked_id, clean_text, is_id
from app.services.lending.availability import eligible_orders, seller_limits
from app.services.store.settings import business_date
from db.engine import session_scope
from db.models import Order, Shop


@dataclass(frozen=True)
class PledgeableOrder:
    id: int
    shop_id: str
    buyer: str
    amount: Decimal
    paid_on: date
    shipped_on: date | None


@dataclass(frozen=True)
class OrderBacking:
    """What the chosen orders are worth and the most an order loan on them may be now."""

    order_ids: tuple[int, ...]
    orders_value: Decimal
    advance_rate: Decimal
    backing: Decimal  # orders value × advance rate
    most: Decimal  # backing, within the product room, the combined cap and lender capacity


def pledgeable_orders(actor: Actor, seller_id: int, shop_id: str | None = None) -> list[PledgeableOrder]:
    """Shipped, unsettled orders of the seller that back no loan yet, oldest shipment first."""
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
    shop_id = None if shop_id is None else clean_text(shop_id, max_len=64)
    require_own_seller(actor, seller_id)
    with session_scope() as session:
        today = business_date(session)
        return [
            PledgeableOrder(o.id, o.shop_id, o.buyer, from_fen(o.amount_fen), o.paid_on, o.shipped_on)
            for o in eligible_orders(session, seller_id, today, shop_id)
        ]


def checked_order_choice(actor: Actor, seller_id: int, order_ids: list[int],
                         shop_id: str | None) -> tuple[str | None, set[int]]:
    """The shop (cleaned) and the chosen order ids of a seller's own order-loan request,
    or a refusal: not found, orders that are not ids, another seller's."""
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
    shop_id = None if shop_id is None else clean_text(shop_id, max_len=64)
    if not isinstance(order_ids, (list, tuple)) or not all(map(is_id, order_ids)):
        raise OrderNotEligible(text("draw.orders.invalid"))
    require_own_seller(actor, seller_id)
    return shop_id, set(order_ids)


def order_backing(
    actor: Actor, seller_id: int, order_ids: list[int], shop_id: str | None = None
) -> OrderBacking:
    """Orders of the seller not (or no longer) eligible count for nothing; the draw itself
    re-checks them all. Another seller's orders or shop are refused: their value is theirs."""
    shop_id, wanted = checked_order_choice(actor, seller_id, order_ids, shop_id)
    with session_scope() as session:
        _refuse_others(session, seller_id, wanted, shop_id)
        today = business_date(session)
        chosen = [o for o in eligible_orders(session, seller_id, today, shop_id) if o.id in wanted]
        limits = seller_limits(session, seller_id, today)
    value = sum((from_fen(o.amount_fen) for o in chosen), ZERO)
    return OrderBacking(
        tuple(o.id for o in chosen),
        value,
        limits.advance_rate,
        limits.order_backing(value),
        limits.order_available_for(value) if chosen else ZERO,
    )


def _refuse_others(session: Session, seller_id: int, order_ids: set[int], shop_id: str | None) -> None:
    """Refuse a choice naming another seller's order or shop (issue #19)."""
    others = select(Order.id).join(Shop, col(Shop.id) == Order.shop_id).where(
        col(Order.id).in_(order_ids), Shop.seller_id != seller_id).limit(1)
    shop_owner = None if shop_id is None else session.exec(
        select(Shop.seller_id).where(Shop.id == shop_id)).first()
    if session.exec(others).first() is not None or shop_owner not in (None, seller_id):
        raise PermissionDenied(text("access.own_only"))
