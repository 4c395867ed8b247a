"""Credit assessment use cases (rules §6): apply, re-rate, pre-approve the whole book.

`apply_for_credit` runs eligibility, features, score, rating and limits in one
go, stores the decision (and the limits it puts in force) and returns it. One seller is
rated by `rate_seller` whoever asks (an application, its preview, the lift of a recovery
plan), with the product settings in force.
`assess_all` rates every seller set-wise; the nightly pre-approval rates the sellers whose
rating inputs changed since they were last rated (`app.services.credit.rating_inputs`). Both write a
decision only where the limit-stability rule lets it replace the one in force
(`app.scoring.limit_stability`, docs/scoring.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.config import DecisionStatus, OrderStatus
from app.eligibility.rules import EligibilityFacts
from app.errors import SellerNotFound
from app.i18n import text
from app.money import from_fen
from app.scoring.application import DeclaredFinancials, TopCustomer, prefill, validate_application
from app.scoring.decision import Assessment, assess
from app.scoring.features import PlatformFeatures
from app.scoring.limit_stability import Outcome, replaces_decision_in_force, waits_for_its_day
from app.scoring.scorecard import load_scorecard
from app.services.access import audit
from app.services.access.actor import ADMIN, RISK, SYSTEM, Actor, require_own_seller, require_role
from app.services.access.inputs import checked_id, clean_text
from app.services.credit import rating_inputs
from app.services.credit.features import platform_features
from app.services.lending.availability import seller_limits
from app.services.store.arrears import overdue_sellers
from app.services.store.decision_records import (
    DecisionView,
    latest_decision_row,
    latest_decisions,
    store_application,
    store_decision,
)
from app.services.store.product_settings import effective_config
from app.services.store.settings import business_date
from db.engine import read_scope, session_scope
from db.models import CreditDecision, Loan, Order, Seller, Shop


def apply_for_credit(actor: Actor, *, seller_id: int, form: dict | None = None) -> DecisionView:
    """Decide now on the seller's platform data and, if given, the application form."""
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
    require_own_seller(actor, seller_id)
    with session_scope() as session:
        today = business_date(session)
        declared = validate_application(form, today) if form is not None else None
        seller = _seller(session, seller_id)
        rating = rate_seller(session, seller_id, today, declared)
        application_id = store_application(session, seller.id, today, declared)
        source = "application" if declared else "re_rate"
        row = store_decision(session, seller.id, today, source, rating.result, rating.features, rating.facts,
                             declared, application_id)
        audit.record(session, actor, "decision", f"seller {seller.id}", decision=row.id, status=row.status)
        return DecisionView.of(row)


@dataclass(frozen=True)
class Rating:
    """A seller rated now (`rate_seller`) and what the rating read."""

    result: Assessment
    features: PlatformFeatures
    facts: EligibilityFacts


def rate_seller(session: Session, seller_id: int, today: date,
                declared: DeclaredFinancials | None = None) -> Rating:
    """Rate one seller as of `today`: platform data, eligibility facts, the scorecard in force
    and the product settings in force (`effective_config`: the admin's band cut-offs, multiples
    and advance rates). Nothing is stored."""
    features = platform_features(session, today, [seller_id])[seller_id]
    facts = eligibility_facts(session, today, [seller_id])[seller_id]
    result = assess(load_scorecard(), effective_config(session), facts, features, declared)
    return Rating(result, features, facts)


@dataclass(frozen=True)
class ApplicationPreview:
    """The decision an application would get now — stored nowhere until the seller confirms
    it with `apply_for_credit` — beside the limits in force."""

    decision: DecisionView  # id 0: not stored
    current_credit_limit: Decimal
    current_advance_rate: Decimal
    current_band: str | None


def preview_application(actor: Actor, seller_id: int, form: dict | None) -> ApplicationPreview:
    """Decide on the platform data and the form (None: platform data only, a re-rate) as
    `apply_for_credit` would, without storing anything; an invalid form raises
    `InvalidApplication` listing every problem."""
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
    require_own_seller(actor, seller_id)
    with read_scope() as session:
        today = business_date(session)
        declared = validate_application(form, today) if form is not None else None
        _seller(session, seller_id)
        result = rate_seller(session, seller_id, today, declared).result  # as apply would decide
        limits = seller_limits(session, seller_id, today)
    view = DecisionView(0, seller_id, today, "application", result.model_version, result.status.value,
                        result.score, result.band, result.credit_limit, result.advance_rate,
                        result.proposed_credit_limit, result.average_monthly_sales.quantize(Decimal("0.01")),
                        tuple(r.message for r in result.ineligible), tuple(c.text for c in result.reasons_up),
                        tuple(c.text for c in result.reasons_down), tuple(result.tips))
    return ApplicationPreview(view, limits.credit_limit, limits.advance_rate, limits.rating)


def assess_shop(actor: Actor, shop_id: str) -> tuple[DecisionView, Decimal]:
    """Re-rate the seller of a shop now; the decision and the order limit it gives."""
    shop_id = clean_text(shop_id, max_len=64)
    with session_scope() as session:
        shop = session.get(Shop, shop_id)
        if shop is None:
            raise SellerNotFound(text("shop.not_found", shop_id=shop_id))
        seller_id = shop.seller_id
    decision = apply_for_credit(actor, seller_id=seller_id)
    with session_scope() as session:
        return decision, seller_limits(session, seller_id, decision.decided_on).order_limit


def prefill_application(actor: Actor, seller_id: int) -> dict:
    """The application form as the platform can fill it in (`app.scoring.application.prefill`)."""
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
    require_own_seller(actor, seller_id)
    with read_scope() as session:
        _seller(session, seller_id)
        today = business_date(session)
        features = platform_features(session, today, [seller_id])[seller_id]
        receivables = _platform_receivables(session, seller_id)
        customers = _top_buyers(session, seller_id, today)
    return prefill(features, receivables=receivables, top_customers=customers)


TOP_BUYERS = 2  # the form asks for the two largest customers (rules §6.2 item 5)


def _platform_receivables(session: Session, seller_id: int) -> Decimal:
    """What the platform owes the seller or will pay them: shipped, unsettled orders and the balance."""
    shipped = session.exec(select(func.coalesce(func.sum(Order.amount_fen), 0))
                           .join(Shop, col(Shop.id) == Order.shop_id)
                           .where(Shop.seller_id == seller_id, Order.status == OrderStatus.SHIPPED)).one()
    balance = session.get(Seller, seller_id).platform_balance_fen
    return from_fen(int(shipped) + balance)


def _top_buyers(session: Session, seller_id: int, today: date) -> tuple[TopCustomer, ...]:
    """The largest buyers of the last 12 months by order value (refunds left out), each with
    their share of that value (to 0.1 %) and the date of their first order."""
    def orders(*columns):
        return (select(*columns).join(Shop, col(Shop.id) == Order.shop_id)
                .where(Shop.seller_id == seller_id, Order.status != OrderStatus.REFUNDED))

    since = today - timedelta(days=365)
    value = func.sum(Order.amount_fen)
    total = int(session.exec(orders(func.coalesce(value, 0)).where(Order.paid_on >= since)).one())
    if not total:
        return ()
    rows = session.exec(orders(Order.buyer, value).where(Order.paid_on >= since).group_by(Order.buyer)
                        .order_by(value.desc(), Order.buyer).limit(TOP_BUYERS)).all()
    firsts = dict(session.exec(orders(Order.buyer, func.min(Order.paid_on))
                               .where(col(Order.buyer).in_([buyer for buyer, _ in rows]))
                               .group_by(Order.buyer)).all())
    return tuple(TopCustomer(firsts[buyer], (Decimal(int(fen)) * 100 / total).quantize(Decimal("0.1")))
                 for buyer, fen in rows)


def latest_decision(actor: Actor, seller_id: int) -> DecisionView | None:
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
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
    inputs changed since last rated (`everyone`: all of them); their fingerprints are kept.

    A seller whose new outcome limit stability holds back only because it comes too soon after
    the last change is not remembered as rated, so the next nights rate them again until the
    change is written; a change too small to write is remembered (the inputs must change)."""
    card, cfg = load_scorecard(), effective_config(session)
    prints = rating_inputs.fingerprints(session, today, rating_inputs.version_of(card.version, cfg))
    ids = sorted(prints) if everyone else rating_inputs.changed(session, prints)
    chosen = ids if len(ids) <= FEW else None
    features = platform_features(session, today, chosen)
    facts = eligibility_facts(session, today, chosen)
    latest = {row.seller_id: row for row in latest_decisions(session, chosen)}
    written = approved = 0
    held_back = set()
    for seller_id in ids:
        result = assess(card, cfg, facts[seller_id], features[seller_id])
        approved += result.status == DecisionStatus.APPROVED
        in_force = _outcome(latest.get(seller_id))
        new = Outcome(result.status, result.band, result.score, result.credit_limit, today)
        if not replaces_decision_in_force(in_force, new, cfg):
            # limit stability (app.scoring.limit_stability): a limit moves only for a told reason
            if waits_for_its_day(in_force, new, cfg):
                held_back.add(seller_id)  # rated again each night until its day comes
            continue
        store_decision(session, seller_id, today, "pre_approval", result, features[seller_id],
                       facts[seller_id], None, None)
        written += 1
    rating_inputs.remember(session, prints, [s for s in ids if s not in held_back], today)
    return PreApprovalReport(today, len(prints), written, approved, len(ids))


def _outcome(row: CreditDecision | None) -> Outcome | None:
    if row is None:
        return None
    return Outcome(row.status, row.band, row.score, from_fen(row.credit_limit_fen), row.decided_on)


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
    overdue = set(session.exec(overdue_sellers(today).where(*only)).all())
    return {sid: EligibilityFacts(today, rid, real, since, black, sid in overdue)
            for sid, rid, real, black, since in sellers}


def _seller(session: Session, seller_id: int) -> Seller:
    seller = session.get(Seller, seller_id)
    if seller is None:
        raise SellerNotFound(text("seller.not_found", seller_id=seller_id))
    return seller


