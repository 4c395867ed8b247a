"""The set-based path of a batch: orders the feed has never seen, moving among placed, shipped and
confirmed (most of a busy platform's events). They need no lock — nothing refers to an order
that does not exist yet — so a batch writes them with three multi-row INSERTs (orders, their
platform ids, the events applied) instead of record by record.

The outcome of each event is the one `apply.apply_order` would give in file order (a repeat
is unchanged, a step backward is rejected with the same reason); an order whose events in the
batch do anything else — settle, refund, change shop or amount — or whose shop is not known when
the batch starts goes through `apply_order`, record by record, as do orders seen before.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert
from sqlmodel import Session, col, select

from app.config import OrderStatus
from app.feed.contract import FeedOrderStatus, OrderRecord
from app.feed.reader import Line
from app.money import to_fen
from app.services.feed.apply import FORWARD, IMPORTED, REJECTED, UNCHANGED, backward_reason
from db.models import FeedEvent, Order, PlatformOrder, PlatformShop

SIMPLE = FORWARD[:3]  # placed, shipped, confirmed: a new order that reaches no further takes the fast path


@dataclass
class _Order:
    lines: list[Line]
    outcomes: list[tuple[Line, str, str]]  # (line, outcome or REJECTED, reason)
    status: str = ""
    paid_on: date | None = None
    shipped_on: date | None = None
    confirm_on: date | None = None


def split(session: Session, lines: list[Line], applied: set[str]) -> tuple[list[Line], dict[str, list[Line]]]:
    """The batch's lines for the record-by-record path, in file order, and the new orders' events
    for this one, by platform order id. `applied`: the event ids applied before."""
    candidates: dict[str, list[Line]] = defaultdict(list)
    once = {event_id for event_id, n in Counter(line.event_id for line in lines).items() if n == 1}
    for line in lines:
        record = line.record
        if isinstance(record, OrderRecord) and line.event_id not in applied:
            candidates[record.order_id].append(line)
    known = set(session.exec(select(PlatformOrder.platform_id)
                             .where(col(PlatformOrder.platform_id).in_(list(candidates)))).all())
    shops = set(session.exec(select(PlatformShop.platform_id).where(col(PlatformShop.platform_id).in_(
        {ls[0].record.shop_id for ls in candidates.values()}))).all())
    fast = {order_id: group for order_id, group in candidates.items()
            if order_id not in known and _simple(group, shops)
            and all(line.event_id in once for line in group)}
    taken = {id(line) for group in fast.values() for line in group}
    return [line for line in lines if id(line) not in taken], fast


def _simple(group: list[Line], shops: set[str]) -> bool:
    first = group[0].record
    return first.shop_id in shops and all(
        line.record.status in SIMPLE and line.record.shop_id == first.shop_id
        and line.record.amount == first.amount for line in group)


def apply_new_orders(session: Session, import_id: int,
                     groups: dict[str, list[Line]]) -> list[tuple[Line, str, str]]:
    """Write the new orders; each event's (line, outcome, reject reason)."""
    if not groups:
        return []
    shop_ids = dict(session.exec(select(PlatformShop.platform_id, PlatformShop.shop_id).where(
        col(PlatformShop.platform_id).in_({g[0].record.shop_id for g in groups.values()}))).all())
    folded = {order_id: _fold(group) for order_id, group in groups.items()}
    order_ids = list(folded)
    rows = [{"shop_id": shop_ids[groups[o][0].record.shop_id], "buyer": groups[o][0].record.buyer,
             "amount_fen": to_fen(groups[o][0].record.amount),
             "status": (OrderStatus.PAID.value if folded[o].status == FeedOrderStatus.PLACED
                        else OrderStatus.SHIPPED.value),
             "paid_on": folded[o].paid_on, "shipped_on": folded[o].shipped_on,
             "confirm_on": folded[o].confirm_on,
             "settled_on": None, "refunded_on": None, "pledged_loan_id": None} for o in order_ids]
    inserted = session.execute(insert(Order).returning(Order.id, sort_by_parameter_order=True), rows)
    ids = inserted.scalars().all()
    session.execute(insert(PlatformOrder), [{"platform_id": o, "order_id": i, "refunded_fen": 0}
                                            for o, i in zip(order_ids, ids, strict=True)])
    outcomes = [outcome for o in order_ids for outcome in folded[o].outcomes]
    events = [{"event_id": line.event_id, "import_id": import_id, "type": "order", "outcome": outcome}
              for line, outcome, _ in outcomes if outcome in (IMPORTED, UNCHANGED)]
    if events:
        session.execute(insert(FeedEvent), events)
    return outcomes


def _fold(group: list[Line]) -> _Order:
    """The order's events in file order, as `apply_order` would apply them one by one."""
    order = _Order(group, [])
    for line in group:
        record: OrderRecord = line.record
        day = record.platform_day
        if not order.status:
            order.status, order.paid_on = record.status, day
            _reached(order, record.status, day)
            order.outcomes.append((line, IMPORTED, ""))
        elif record.status == order.status:
            order.outcomes.append((line, UNCHANGED, ""))
        elif FORWARD.index(record.status) < FORWARD.index(order.status):
            order.outcomes.append((line, REJECTED, backward_reason(order.status)))
        else:
            order.status = record.status
            _reached(order, record.status, day)
            order.outcomes.append((line, IMPORTED, ""))
    return order


def _reached(order: _Order, status: str, day: date) -> None:
    if status in (FeedOrderStatus.SHIPPED, FeedOrderStatus.CONFIRMED):
        order.shipped_on = order.shipped_on or day
    if status == FeedOrderStatus.CONFIRMED:
        order.confirm_on = order.confirm_on or day
