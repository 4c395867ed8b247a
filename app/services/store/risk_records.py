"""Risk events as stored and as read (rules §9): the seller's notifications, the open
warning or recall of a seller, and the officers' list of monitoring events."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select
from sqlmodel import Session, col, select

from app.i18n import Text, text
from app.money import format_cny, from_fen
from app.services.access.actor import ADMIN, RISK, Actor, require_role
from app.services.access.inputs import clean_text, is_id
from app.texts import CATALOGUE
from db.engine import read_scope
from db.models import Event, RiskEvent, Seller

WARNING, RECALL = "warning", "recall"  # RiskEvent.kind
OPEN, LIFTED, ESCALATED, CLOSED = "open", "lifted", "escalated", "closed"  # RiskEvent.status
STATUSES = (OPEN, LIFTED, ESCALATED, CLOSED)


def record_event(session: Session, seller_id: int, on: date, kind: str, message: Text,
                 loan_id: int | None = None) -> None:
    """A notification for the seller (the `events` table), its message a catalogue text."""
    session.add(Event(seller_id=seller_id, loan_id=loan_id, business_date=on, kind=kind,
                      message=json.dumps(message.to_json())))


def sales_reason(recent_net: int, prior_net: int) -> dict:
    """The sales-drop reason with its figures: last 30 days vs the prior 90 days' average."""
    average = prior_net / 3
    drop = (1 - recent_net / average) * 100 if average else 0
    return {"rule": "sales_drop", "recent": format_cny(from_fen(recent_net)),
            "prior_average": format_cny(from_fen(round(average))), "drop_pct": f"{drop:.1f}"}


def reason_text(reason: dict) -> Text:
    """A stored reason as a catalogue text; a rating band stored as a code (REVIEW, DECLINE) reads
    in words (人工审核, 未通过)."""
    figures = {k: v for k, v in reason.items() if k != "rule"}
    if reason["rule"] == "rating_drop":
        figures = {k: text(f"band.{v}") if k in ("now", "before") and f"band.{v}" in CATALOGUE else v
                   for k, v in figures.items()}
    return text(f"risk.reason.{reason['rule']}", **figures)


@dataclass(frozen=True)
class RiskEventView:
    id: int
    seller_id: int
    seller_name: str
    kind: str  # warning / recall
    status: str  # open / lifted / escalated / closed
    opened_on: date
    cure_until: date | None
    due_on: date | None
    closed_on: date | None
    reasons: tuple[Text, ...]
    figures: tuple[dict, ...]  # the stored reasons: rule and figures

    @classmethod
    def of(cls, row: RiskEvent, seller_name: str = "") -> RiskEventView:
        reasons = tuple(json.loads(row.reasons_json))
        return cls(row.id, row.seller_id, seller_name, row.kind, row.status, row.opened_on, row.cure_until,
                   row.due_on, row.closed_on, tuple(reason_text(r) for r in reasons), reasons)

    @property
    def notice(self) -> Text:
        """What the seller's home page says about it."""
        if self.kind == RECALL:
            return text("risk.notice.recall", due_on=self.due_on.isoformat())
        return text("risk.notice.warning", cure_until=self.cure_until.isoformat())


def open_event_query(seller_id: int) -> Select:
    """The seller's open warning or recall, newest first (it freezes undrawn limits)."""
    return (select(RiskEvent).where(RiskEvent.seller_id == seller_id, RiskEvent.status == OPEN)
            .order_by(col(RiskEvent.id).desc()).limit(1))


def monitoring_events(actor: Actor, status: str | None = OPEN, limit: int = 500) -> list[RiskEventView]:
    """Warnings and recalls for the risk officers, newest first; `status` None: all."""
    require_role(actor, RISK, ADMIN)
    status = None if status is None else clean_text(status, max_len=32)
    limit = min(limit, 500) if is_id(limit) else 500  # a page size from the page, never refused
    with read_scope() as session:
        query = select(RiskEvent, Seller.name).join(Seller, col(Seller.id) == RiskEvent.seller_id)
        if status is not None:
            query = query.where(RiskEvent.status == status)
        rows = session.exec(query.order_by(col(RiskEvent.id).desc()).limit(limit)).all()
        return [RiskEventView.of(row, name) for row, name in rows]


def reentry_plan_query(seller_id: int, today: date) -> Select:
    """The recovery plan whose staged re-entry cap (percent of the rating's limits) is in
    force today, if any (`availability.seller_facts` reads its `cap_pct`)."""
    from db.models import RecoveryPlan

    return (select(RecoveryPlan)
            .where(RecoveryPlan.seller_id == seller_id, col(RecoveryPlan.cap_until) > today)
            .order_by(col(RecoveryPlan.id).desc()).limit(1))
