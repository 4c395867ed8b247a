"""Credit assessment use cases (rules §6): apply, re-rate, pre-approve the whole book.

`apply_for_credit` runs eligibility, features, score, rating and limits in one
go, stores the decision (and the limits it puts in force) and returns it.
`assess_all` rates every seller set-wise, writing a decision only where the outcome
changed; the nightly pre-approval does the same for the sellers whose rating inputs
changed since they were last rated (`app.services.rating_inputs`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.config import DEFAULT_CONFIG, DecisionStatus, LoanStatus
from app.eligibility.rules import EligibilityFacts
from app.errors import SellerNotFound
from app.i18n import text
from app.scoring.application import prefill, validate_application
from app.scoring.decision import assess
from app.scoring.scorecard import load_scorecard
from app.services import rating_inputs
from app.services.actor import ADMIN, RISK, SYSTEM, Actor, require_own_seller, require_role
from app.services.availability import seller_limits
from app.services.decision_records import (
    DecisionView,
    latest_decision_row,
    latest_decisions,
    store_application,
    store_decision,
    unchanged,
)
from app.services.features import platform_features
from app.services.loan_store import unpaid_installment
from app.services.settings import business_date
from db.engine import read_scope, session_scope
from db.models import Loan, LoanInstallment, Seller, Shop


def apply_for_credit(actor: Actor, *, seller_id: int, form: dict | None = None) -> DecisionView:
    """Decide now on the seller's platform data and, if given, the application form."""
    require_own_seller(actor, seller_id)
    with session_scope() as session:
        today = business_date(session)
        declared = validate_application(form, today) if form is not None else None
        seller = _seller(session, seller_id)
        features = platform_features(session, today, [seller_id])[seller_id]
        facts = eligibility_facts(session, today, [seller_id])[seller_id]
        result = assess(load_scorecard(), DEFAULT_CONFIG, facts, features, declared)
        application_id = store_application(session, seller.id, today, declared)
        source = "application" if declared else "re_rate"
        row = store_decision(session, seller.id, today, source, result, features, facts, declared,
                             application_id)
        return DecisionView.of(row)


def assess_shop(actor: Actor, shop_id: str) -> tuple[DecisionView, Decimal]:
    """Re-rate the seller of a shop now; the decision and the order limit it gives."""
    with session_scope() as session:
        shop = session.get(Shop, shop_id)
        if shop is None:
            raise SellerNotFound(text("shop.not_found", shop_id=shop_id))
        seller_id = shop.seller_id
    decision = apply_for_credit(actor, seller_id=seller_id)
    with session_scope() as session:
        return decision, seller_limits(session, seller_id, decision.decided_on).order_limit


def prefill_application(actor: Actor, seller_id: int) -> dict:
    require_own_seller(actor, seller_id)
    with session_scope() as session:
        return prefill(platform_features(session, business_date(session), [seller_id])[seller_id])


def latest_decision(actor: Actor, seller_id: int) -> DecisionView | None:
    require_own_seller(actor, seller_id)
    with read_scope() as session:
        row = latest_decision_row(session, seller_id)
        return DecisionView.of(row) if row else None


@dataclass(frozen=True)
class PreApprovalReport:
    on: date
    sellers: int
    decisions_written: int
    approved: int  # of the sellers rated
    rated: int = 0  # sellers scored this time (all, or those whose inputs changed)


FEW = 5_000  # up to this many sellers are selected by id; more, and all are read


def assess_all(actor: Actor) -> PreApprovalReport:
    """Rate every seller (pre-approval: 符合条件的店铺自动开通), whatever changed."""
    require_role(actor, SYSTEM, ADMIN, RISK)
    with session_scope() as session:
        return pre_approve(session, business_date(session), everyone=True)


def pre_approve(session: Session, today: date, *, everyone: bool = False) -> PreApprovalReport:
    """Set-wise: features and facts in a few grouped queries, for every seller whose rating
    inputs changed since last rated (`everyone`: all of them); their fingerprints are kept."""
    card = load_scorecard()
    prints = rating_inputs.fingerprints(session, today, card.version)
    ids = sorted(prints) if everyone else rating_inputs.changed(session, prints)
    chosen = ids if len(ids) <= FEW else None
    features = platform_features(session, today, chosen)
    facts = eligibility_facts(session, today, chosen)
    latest = {row.seller_id: row for row in latest_decisions(session, chosen)}
    written = approved = 0
    for seller_id in ids:
        result = assess(card, DEFAULT_CONFIG, facts[seller_id], features[seller_id])
        approved += result.status == DecisionStatus.APPROVED
        if unchanged(latest.get(seller_id), result):
            continue
        store_decision(session, seller_id, today, "pre_approval", result, features[seller_id],
                       facts[seller_id], None, None)
        written += 1
    rating_inputs.remember(session, prints, ids, today)
    return PreApprovalReport(today, len(prints), written, approved, len(ids))


def eligibility_facts(session: Session, today: date, seller_ids: list[int] | None
                      ) -> dict[int, EligibilityFacts]:
    """The facts of the given sellers (all when None)."""
    only = [] if seller_ids is None else [col(Seller.id).in_(seller_ids)]
    sellers = session.exec(select(Seller.id, Seller.resident_id, Seller.real_name_verified,
                                  Seller.blacklisted, func.min(Shop.member_since))
                           .join(Shop, col(Shop.seller_id) == Seller.id).where(*only)
                           .group_by(Seller.id, Seller.resident_id, Seller.real_name_verified,
                                     Seller.blacklisted)).all()
    only = [] if seller_ids is None else [col(Loan.seller_id).in_(seller_ids)]
    overdue = set(session.exec(
        select(Loan.seller_id).distinct().join(LoanInstallment, col(LoanInstallment.loan_id) == Loan.id)
        .where(Loan.status == LoanStatus.OPEN, LoanInstallment.due_date < today, unpaid_installment(),
               *only)).all())
    return {sid: EligibilityFacts(today, rid, real, since, black, sid in overdue)
            for sid, rid, real, black, since in sellers}


def _seller(session: Session, seller_id: int) -> Seller:
    seller = session.get(Seller, seller_id)
    if seller is None:
        raise SellerNotFound(text("seller.not_found", seller_id=seller_id))
    return seller


