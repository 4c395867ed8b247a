"""In-loan monitoring (rules §9), run nightly by end of day for the new business date.

Set-based: the checks over every seller are two grouped queries (sales and refunds
from `daily_sales`, ratings from `credit_decisions`) that return only the sellers
who trip a check or already have an open event; the nightly work is then over that
small set. In order, for the date `on`:

1. blacklist every seller with a non-performing loan (DPD > 90), with an event;
2. open warnings and recalls: a warning whose causes have all cleared is `lifted`;
   one past its cure window whose cause is still there, with sales down ≥ 80 % or a
   loan > 30 DPD while the seller has other loans outstanding, is `escalated` into a
   recall — every outstanding loan of the seller falls due `recall_days` later; a
   recall is `closed` once nothing is outstanding;
3. a seller who trips a check and has no open event (and is not blacklisted) gets a
   warning with a cure window of `cure_days`;
4. recovery plans count on-time installments and lift the blacklist (`recovery.py`).

Checks (numbers in `MonitoringConfig`): net sales of the last 30 days against the
prior 90 days' net sales / 3 (down ≥ 50 %); refund rate (refunds / gross sales, basis
points rounded down) of the last 30 days ≥ 2 × the prior 90 days' and ≥ 5 points
above it; rating ≥ 2 bands below the one in force 90 days earlier.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import BigInteger, and_, case, cast, func, or_, update
from sqlmodel import Session, col, select

from app import ledger
from app.config import DEFAULT_CONFIG, DecisionStatus, LoanStatus
from app.i18n import text
from app.loans.risk import recall
from app.loans.state import recognised_interest
from app.money import from_fen, to_fen
from app.risk.rating_ladder import BAND_NAMES, rating_level
from app.services.risk_ops.recovery import progress_recovery_plans
from app.services.store import loan_store, postings
from app.services.store.risk_records import (
    CLOSED,
    ESCALATED,
    LIFTED,
    OPEN,
    RECALL,
    WARNING,
    record_event,
    sales_reason,
)
from app.services.store.settings import move_book_outstanding
from db.models import CreditDecision, DailySales, Loan, RiskEvent, Seller, Shop

CFG = DEFAULT_CONFIG.monitoring  # the thresholds of rules §9: fixed, not product settings


@dataclass
class SellerFigures:
    """What tripped for one seller, with the figures (rules, in the order checked)."""

    seller_id: int
    reasons: list[dict] = field(default_factory=list)
    sales_drop_pct: int = 0


@dataclass(frozen=True)
class MonitoringReport:
    blacklisted: int
    warnings_opened: int
    warnings_lifted: int
    recalls: int
    recalls_closed: int
    blacklists_lifted: int


def run(session: Session, on: date) -> MonitoringReport:
    """The nightly monitoring for business date `on` (see the module docstring)."""
    blacklisted = blacklist_defaulters(session, on)
    figures = seller_figures(session, on)
    open_events = {e.seller_id: e for e in session.exec(select(RiskEvent).where(RiskEvent.status == OPEN))}
    lifted = escalated = closed = 0
    for seller_id, event in open_events.items():
        found = figures.get(seller_id) or SellerFigures(seller_id)
        outcome = _review_open_event(session, event, found, on)
        lifted += outcome == LIFTED
        escalated += outcome == ESCALATED
        closed += outcome == CLOSED
    opened = _open_warnings(session, figures, set(open_events), on)
    lifted_blacklists = progress_recovery_plans(session, on)
    return MonitoringReport(blacklisted, opened, lifted, escalated, closed, lifted_blacklists)


# --- the grouped checks -----------------------------------------------------------------------------------


def _sum(expression) -> object:
    return cast(func.coalesce(func.sum(expression), 0), BigInteger)


def _open_event_sellers():
    return select(RiskEvent.seller_id).where(RiskEvent.status == OPEN)


def sales_query(on: date):
    """Per seller: net and gross sales and refunds of the last 30 and the prior 90 days,
    and whether the sales-drop and refund-jump checks trip; only sellers who trip one
    or have an open event."""
    recent_start = on - timedelta(days=CFG.recent_days)
    prior_start = recent_start - timedelta(days=CFG.prior_days)
    recent = col(DailySales.day) >= recent_start
    net = DailySales.sales_fen - DailySales.refunds_fen
    by_shop = (select(DailySales.shop_id,
                      _sum(case((recent, net), else_=0)).label("recent_net"),
                      _sum(case((recent, 0), else_=net)).label("prior_net"),
                      _sum(case((recent, DailySales.sales_fen), else_=0)).label("recent_gross"),
                      _sum(case((recent, 0), else_=DailySales.sales_fen)).label("prior_gross"),
                      _sum(case((recent, DailySales.refunds_fen), else_=0)).label("recent_refunds"),
                      _sum(case((recent, 0), else_=DailySales.refunds_fen)).label("prior_refunds"))
               .where(col(DailySales.day) >= prior_start, col(DailySales.day) < on)
               .group_by(DailySales.shop_id)).subquery()  # per shop first: the (shop, day) index
    sums = ("recent_net", "prior_net", "recent_gross", "prior_gross", "recent_refunds", "prior_refunds")
    totals = (select(Shop.seller_id.label("seller_id"), *(_sum(by_shop.c[name]).label(name) for name in sums))
              .join(Shop, col(Shop.id) == by_shop.c.shop_id).group_by(Shop.seller_id)).subquery()
    t = totals.c
    drop = and_(t.prior_net > 0, t.recent_net * CFG.prior_days * 100
                <= t.prior_net * CFG.recent_days * (100 - CFG.sales_drop_warning_pct))
    recent_bp = case((t.recent_gross > 0, t.recent_refunds * 10_000 // t.recent_gross), else_=0)
    prior_bp = case((t.prior_gross > 0, t.prior_refunds * 10_000 // t.prior_gross), else_=0)
    jump = and_(t.recent_gross > 0, t.prior_gross > 0, recent_bp >= prior_bp * CFG.refund_jump_multiple,
                recent_bp - prior_bp >= CFG.refund_jump_points_bp)
    return select(t.seller_id, t.recent_net, t.prior_net, recent_bp.label("recent_bp"),
                  prior_bp.label("prior_bp"), drop.label("drop"), jump.label("jump")).where(
        or_(drop, jump, col(t.seller_id).in_(_open_event_sellers())))


def _level(decision) -> object:
    whens = [(and_(decision.status == DecisionStatus.APPROVED, decision.band == name),
               rating_level(DecisionStatus.APPROVED, name))
             for name in BAND_NAMES]
    review = DecisionStatus.MANUAL_REVIEW
    whens.append((decision.status == review, rating_level(review, "")))
    return case(*whens, else_=rating_level(DecisionStatus.DECLINED, ""))


def rating_query(on: date):
    """Per seller: the rating level in force now and `rating_lookback_days` earlier; only
    sellers down by `rating_drop_bands` or more, or with an open event."""
    from sqlalchemy.orm import aliased

    now_ids = select(CreditDecision.seller_id, func.max(CreditDecision.id).label("id")).group_by(
        CreditDecision.seller_id).subquery()
    back = on - timedelta(days=CFG.rating_lookback_days)
    then_ids = (select(CreditDecision.seller_id, func.max(CreditDecision.id).label("id"))
                .where(col(CreditDecision.decided_on) <= back).group_by(CreditDecision.seller_id).subquery())
    now_d, then_d = aliased(CreditDecision, name="now_d"), aliased(CreditDecision, name="then_d")
    now_level, then_level = _level(now_d), _level(then_d)
    return (select(now_ids.c.seller_id, now_d.band, then_d.band, now_level.label("now"),
                   then_level.label("then"))
            .join(then_ids, then_ids.c.seller_id == now_ids.c.seller_id)
            .join(now_d, now_d.id == now_ids.c.id).join(then_d, then_d.id == then_ids.c.id)
            .where(or_(now_level - then_level >= CFG.rating_drop_bands,
                       col(now_ids.c.seller_id).in_(_open_event_sellers()))))


def seller_figures(session: Session, on: date) -> dict[int, SellerFigures]:
    """The sellers who trip a check today or have an open event, with their reasons."""
    found: dict[int, SellerFigures] = {}
    for row in session.exec(sales_query(on)).all():
        figures = found.setdefault(row.seller_id, SellerFigures(row.seller_id))
        if row.drop:
            figures.reasons.append(sales_reason(row.recent_net, row.prior_net))
            figures.sales_drop_pct = int(figures.reasons[-1]["drop_pct"].split(".")[0])
        if row.jump:
            figures.reasons.append({"rule": "refund_jump", "recent_pct": f"{row.recent_bp / 100:.2f}",
                                    "prior_pct": f"{row.prior_bp / 100:.2f}"})
    for seller_id, band_now, band_then, level_now, level_then in session.exec(rating_query(on)).all():
        figures = found.setdefault(seller_id, SellerFigures(seller_id))
        if level_now - level_then >= CFG.rating_drop_bands:
            figures.reasons.append({"rule": "rating_drop", "now": band_now, "before": band_then,
                                    "bands": str(level_now - level_then)})
    return found


# --- blacklist ---------------------------------------------------------------------------------------


def blacklist_defaulters(session: Session, on: date) -> int:
    """Sellers with a non-performing loan (DPD > 90) are blacklisted (违约封杀), with an event."""
    rows = session.exec(select(Loan.seller_id, func.min(Loan.id), func.max(Loan.dpd),
                               func.min(Loan.non_performing_since))
                        .join(Seller, col(Seller.id) == Loan.seller_id)
                        .where(Loan.status == LoanStatus.OPEN, col(Loan.non_performing_since).is_not(None),
                               col(Seller.blacklisted).is_(False))
                        .group_by(Loan.seller_id)).all()
    for seller_id, loan_id, dpd, since in rows:
        session.exec(update(Seller).where(col(Seller.id) == seller_id)
                     .values(blacklisted=True, blacklisted_on=min(since, on)))
        record_event(session, seller_id, on, "blacklist", text(
            "risk.event.blacklisted", loan_id=loan_id, dpd=dpd), loan_id=loan_id)
    return len(rows)


# --- warnings and recalls ----------------------------------------------------------------------------------


def _review_open_event(session: Session, event: RiskEvent, figures: SellerFigures, on: date) -> str:
    if event.kind == RECALL:
        if _outstanding_loans(session, event.seller_id):
            return OPEN
        return _finish(session, event, CLOSED, on, "risk.event.recall_closed")
    if not figures.reasons:
        return _finish(session, event, LIFTED, on, "risk.event.warning_lifted")
    if on < event.cure_until:
        return OPEN
    loans = _outstanding_loans(session, event.seller_id)
    late = [loan for loan in loans if loan.dpd > CFG.recall_dpd]
    if not loans or not (figures.sales_drop_pct >= CFG.sales_drop_recall_pct or (late and len(loans) > 1)):
        return OPEN
    reasons = figures.reasons + [{"rule": "loan_over_30_dpd", "loan_id": str(loan.id), "dpd": str(loan.dpd)}
                                 for loan in late]
    _finish(session, event, ESCALATED, on, None)
    open_recall(session, event.seller_id, on, reasons)
    return ESCALATED


def _finish(session: Session, event: RiskEvent, status: str, on: date, key: str | None) -> str:
    event.status, event.closed_on = status, on
    session.add(event)
    if key:
        message = text(key, opened_on=event.opened_on.isoformat())
        record_event(session, event.seller_id, on, event.kind, message)
    return status


def _open_warnings(session: Session, figures: dict[int, SellerFigures], busy: set[int], on: date) -> int:
    candidates = [f for f in figures.values() if f.reasons and f.seller_id not in busy]
    if not candidates:
        return 0
    blacklisted = set(session.exec(select(Seller.id).where(
        col(Seller.id).in_([f.seller_id for f in candidates]), col(Seller.blacklisted).is_(True))).all())
    cure_until = on + timedelta(days=CFG.cure_days)
    opened = 0
    for found in candidates:
        if found.seller_id in blacklisted:
            continue
        session.add(RiskEvent(seller_id=found.seller_id, kind=WARNING, opened_on=on, cure_until=cure_until,
                              status=OPEN, reasons_json=json.dumps(found.reasons)))
        for reason in found.reasons:
            record_event(session, found.seller_id, on, WARNING, text(
                f"risk.event.warning.{reason['rule']}", cure_until=cure_until.isoformat(), **_params(reason)))
        opened += 1
    return opened


def _params(reason: dict) -> dict:
    return {k: v for k, v in reason.items() if k != "rule"}


def _outstanding_loans(session: Session, seller_id: int) -> list[Loan]:
    return list(session.exec(select(Loan).where(Loan.seller_id == seller_id, Loan.status == LoanStatus.OPEN)
                             .order_by(col(Loan.id))).all())


def open_recall(session: Session, seller_id: int, on: date, reasons: list[dict]) -> RiskEvent:
    """提前收贷: every outstanding loan of the seller falls due `recall_days` after `on`."""
    due_on = on + timedelta(days=CFG.recall_days)
    event = RiskEvent(seller_id=seller_id, kind=RECALL, opened_on=on, due_on=due_on, status=OPEN,
                      reasons_json=json.dumps(reasons))
    session.add(event)
    for loan in _outstanding_loans(session, seller_id):
        recall_loan(session, loan.id, on, due_on)
    record_event(session, seller_id, on, RECALL, text("risk.event.recall", due_on=due_on.isoformat()))
    return event


def recall_loan(session: Session, loan_id: int, on: date, due_on: date) -> None:
    """Re-plan one loan so everything still to fall due falls due on `due_on` (rules §4, §5),
    saved through the loan repository; a change in interest earned is posted."""
    record = loan_store.get(session, loan_id, for_update=True)
    state, merged_away = recall(record.state(on), on, due_on)
    for row in [r for r in record.installments if r.period in merged_away]:
        record.installments.remove(row)
        session.delete(row)
    move_book_outstanding(session, record.save(state))  # 0: a recall moves dates, not principal
    due_dates = {inst.period: inst.due_date for inst in state.installments}
    for row in record.installments:
        row.due_date = due_dates[row.period]  # the repository writes amounts; a recall moves dates too
    loan = record.loan
    loan.maturity_date = min(loan.maturity_date, due_on)
    delta = to_fen(recognised_interest(state, on)) - loan.interest_recognised_fen
    postings.post_entry(session, business_date=on, kind="recall_adjustment", loan_id=loan.id,
                        memo="interest re-projected by a recall",
                        lines=ledger.adjustment_lines(ledger.INTEREST_RECEIVABLE, ledger.INTEREST_INCOME,
                                                      from_fen(delta), loan.id))
    loan.interest_recognised_fen += delta
    session.add_all(record.rows())
    session.flush()
