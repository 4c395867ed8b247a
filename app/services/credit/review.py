"""The risk officer's manual-review queue (rules §6.2: scores 580-599).

An approval gets the limits of BB unless the officer sets a lower credit
limit; approving or declining writes a new decision, which is then the one
in force, and marks the reviewed one with who decided, when and why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import col, select

from app.config import DecisionStatus
from app.errors import NotFound, ReviewRefused
from app.i18n import text
from app.money import format_cny, from_fen, parse_amount, to_fen
from app.services.access import audit
from app.services.access.actor import ADMIN, RISK, Actor, require_role
from app.services.access.inputs import checked_id, clean_text
from app.services.store.decision_records import DecisionView, latest_decision_row, put_in_force
from app.services.store.product_settings import effective_config
from app.services.store.settings import business_date
from db.convert import rate_to_e8
from db.engine import read_scope, session_scope
from db.models import CreditDecision, Seller, Shop, now_utc


def _outcome(approve: bool) -> DecisionStatus:
    return DecisionStatus.APPROVED if approve else DecisionStatus.DECLINED


def review_queue(actor: Actor) -> list[DecisionView]:
    """Manual-review decisions still in force and not yet reviewed, oldest first."""
    require_role(actor, RISK, ADMIN)
    with session_scope() as session:
        pending = select(CreditDecision).where(CreditDecision.status == DecisionStatus.MANUAL_REVIEW,
                                               col(CreditDecision.reviewed_at).is_(None))
        rows = session.exec(pending.order_by(col(CreditDecision.id))).all()
        return [DecisionView.of(r) for r in rows if latest_decision_row(session, r.seller_id).id == r.id]


@dataclass(frozen=True)
class ReviewCase:
    """A decision waiting for review, with who the seller is."""

    decision: DecisionView
    seller_name: str
    shops: tuple[tuple[str, str], ...]  # (shop id, name)


def review_cases(actor: Actor) -> list[ReviewCase]:
    """The review queue with each seller's name and shops, oldest first."""
    queue = review_queue(actor)
    ids = [d.seller_id for d in queue]
    with read_scope() as session:
        names = dict(session.exec(select(Seller.id, Seller.name).where(col(Seller.id).in_(ids))).all())
        shops: dict[int, list[tuple[str, str]]] = {}
        for shop in session.exec(select(Shop).where(col(Shop.seller_id).in_(ids)).order_by(col(Shop.id))):
            shops.setdefault(shop.seller_id, []).append((shop.id, shop.name))
    return [ReviewCase(d, names.get(d.seller_id, ""), tuple(shops.get(d.seller_id, ()))) for d in queue]


def review_decision(actor: Actor, decision_id: int, *, approve: bool, note: str,
                    credit_limit: Decimal | str | None = None) -> DecisionView:
    require_role(actor, RISK, ADMIN)
    checked_id(decision_id, NotFound, "review.not_pending", "decision_id")
    note = clean_text(note, max_len=500)
    if not note:
        raise ReviewRefused(text("review.note_required"))
    with session_scope() as session:
        pending = session.get(CreditDecision, decision_id)
        if pending is None or pending.status != DecisionStatus.MANUAL_REVIEW:
            raise NotFound(text("review.not_pending", decision_id=decision_id))
        replaced = latest_decision_row(session, pending.seller_id).id != pending.id
        if pending.reviewed_at is not None or replaced:
            raise ReviewRefused(text("review.already_done", decision_id=decision_id))
        proposed = from_fen(pending.proposed_credit_limit_fen)
        limit = proposed if credit_limit is None else parse_amount(credit_limit)
        if approve and limit > proposed:
            raise ReviewRefused(text("review.above_bb_limit", limit=format_cny(proposed)))
        pending.reviewed_by, pending.review_note, pending.reviewed_at = actor.user_id, note.strip(), now_utc()
        bb = effective_config(session).bands[-1]
        decided = CreditDecision(
            seller_id=pending.seller_id, decided_on=business_date(session), source="review",
            model_version=pending.model_version, status=_outcome(approve).value,
            score=pending.score, band=bb.name if approve else "DECLINE",
            credit_limit_fen=to_fen(limit) if approve else 0,
            advance_rate_e8=rate_to_e8(bb.advance_rate) if approve else 0,
            proposed_credit_limit_fen=pending.proposed_credit_limit_fen,
            average_monthly_sales_fen=pending.average_monthly_sales_fen, inputs_json=pending.inputs_json,
            reasons_json=json.dumps({**json.loads(pending.reasons_json), "review_note": note.strip()}))
        session.add(pending)
        audit.record(session, actor, "review", f"decision {decision_id}", approve=approve, limit=str(limit))
        return DecisionView.of(put_in_force(session, decided))
