"""Features of sellers as of a date, from platform data, by set-based queries.

Everything is computed from data dated strictly before `as_of` (no look-ahead),
for many sellers at once (`platform_features(session, as_of, seller_ids)`), so
pre-approval of the whole book and calibration on past loans use the same code
as a single decision.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, case, func
from sqlmodel import Session, col, select

from app.config import LoanStatus
from app.money import ZERO, from_fen
from app.scoring.features import MONTHS, PlatformFeatures, month_starts
from db.models import BehaviourMetric, DailySales, Loan, Seller, Shop


def platform_features(session: Session, as_of: date, seller_ids: list[int] | None = None
                      ) -> dict[int, PlatformFeatures]:
    """Features of the given sellers (all when None) as of `as_of`."""
    sellers = _sellers(session, seller_ids)
    bounds = month_starts(as_of)
    sales = _sales(session, bounds, seller_ids)
    behaviour = _behaviour(session, bounds, seller_ids)
    record = _repayment_record(session, as_of, seller_ids)
    features = {}
    for seller_id, (category, since, real_name, certified) in sellers.items():
        s = sales.get(seller_id, {})
        b = behaviour.get(seller_id, {})
        r = record.get(seller_id, (0, 0, 0))
        months = tuple(from_fen(s.get(f"m{k}", 0)) for k in range(MONTHS))
        features[seller_id] = PlatformFeatures(
            seller_id=seller_id, as_of=as_of, category=category, monthly_sales=months,
            orders=s.get("orders", 0), buyers=s.get("buyers", 0), repeat_buyers=s.get("repeat", 0),
            refunds=from_fen(s.get("refunds", 0)), gross_sales=from_fen(s.get("gross", 0)),
            disputes=s.get("disputes", 0), tenure_months=_months_between(since, as_of),
            real_name_verified=real_name, certified=certified,
            login_days_per_month=Decimal(b.get("logins", 0)) / MONTHS, ad_spend=from_fen(b.get("ads", 0)),
            community_posts_per_month=Decimal(b.get("posts", 0)) / MONTHS,
            favourites=b.get("favourites", 0), reviews=b.get("reviews", 0),
            positive_reviews=b.get("positive", 0), shop_rating=_rating(b), complaints=b.get("complaints", 0),
            loans_repaid_on_time=r[0], loans_repaid_late=r[1], loans_defaulted=r[2],
        )
    return features


def _months_between(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (end.day < start.day)


def _rating(b: dict) -> Decimal:
    months = b.get("rated_months", 0)
    return (Decimal(b.get("rating_x100", 0)) / 100 / months) if months else ZERO


def _filter(column, seller_ids):
    return [] if seller_ids is None else [col(column).in_(seller_ids)]


def _sums(**columns) -> list:
    return [func.sum(column).label(name) for name, column in columns.items()]


def _sellers(session: Session, seller_ids) -> dict[int, tuple]:
    """Per seller: category and earliest opening of their shops, real name, any certified."""
    rows = session.exec(
        select(Seller.id, func.min(Shop.category), func.min(Shop.member_since), Seller.real_name_verified,
               func.max(case((col(Shop.certified), 1), else_=0)))
        .join(Shop, col(Shop.seller_id) == Seller.id).where(*_filter(Seller.id, seller_ids))
        .group_by(Seller.id, Seller.real_name_verified)).all()
    return {r[0]: (r[1], r[2], bool(r[3]), bool(r[4])) for r in rows}


def _sales(session: Session, bounds: list[date], seller_ids) -> dict[int, dict[str, int]]:
    window = and_(DailySales.day >= bounds[0], DailySales.day < bounds[-1])
    net = DailySales.sales_fen - DailySales.refunds_fen
    per_month = [func.sum(case((and_(DailySales.day >= lo, DailySales.day < hi), net), else_=0))
                 .label(f"m{k}") for k, (lo, hi) in enumerate(zip(bounds, bounds[1:], strict=False))]
    totals = _sums(orders=DailySales.order_count, buyers=DailySales.buyer_count,
                   repeat=DailySales.repeat_buyer_count, refunds=DailySales.refunds_fen,
                   gross=DailySales.sales_fen, disputes=DailySales.dispute_count)
    query = (select(Shop.seller_id, *per_month, *totals).join(Shop, col(Shop.id) == DailySales.shop_id)
             .where(window, *_filter(Shop.seller_id, seller_ids)).group_by(Shop.seller_id))
    return {row[0]: {k: int(v or 0) for k, v in row._mapping.items() if k != "seller_id"}
            for row in session.exec(query)}


def _behaviour(session: Session, bounds: list[date], seller_ids) -> dict[int, dict[str, int]]:
    m = BehaviourMetric
    sums = _sums(logins=m.login_days, ads=m.ad_spend_fen, posts=m.community_posts, favourites=m.favourites,
                 reviews=m.reviews, positive=m.positive_reviews, rating_x100=m.shop_rating_x100,
                 rated_months=case((m.shop_rating_x100 > 0, 1), else_=0), complaints=m.complaints)
    query = (select(Shop.seller_id, *sums)
             .join(Shop, col(Shop.id) == m.shop_id)
             .where(m.month >= bounds[0], m.month < bounds[-1], *_filter(Shop.seller_id, seller_ids))
             .group_by(Shop.seller_id))
    return {row[0]: {k: int(v or 0) for k, v in row._mapping.items() if k != "seller_id"}
            for row in session.exec(query)}


def _repayment_record(session: Session, as_of: date, seller_ids) -> dict[int, tuple[int, int, int]]:
    """Loans closed before `as_of` on time / late, and loans non-performing before it."""
    closed = and_(Loan.status == LoanStatus.CLOSED, col(Loan.closed_on) < as_of)
    defaulted = and_(col(Loan.non_performing_since).is_not(None), col(Loan.non_performing_since) < as_of)
    query = (select(Loan.seller_id,
                    func.sum(case((and_(closed, Loan.max_dpd == 0), 1), else_=0)),
                    func.sum(case((and_(closed, Loan.max_dpd > 0), 1), else_=0)),
                    func.sum(case((defaulted, 1), else_=0)))
             .where(Loan.start_date < as_of, *_filter(Loan.seller_id, seller_ids)).group_by(Loan.seller_id))
    record: dict[int, tuple[int, int, int]] = defaultdict(lambda: (0, 0, 0))
    for seller_id, on_time, late, bad in session.exec(query):
        record[seller_id] = (int(on_time or 0), int(late or 0), int(bad or 0))
    return record
