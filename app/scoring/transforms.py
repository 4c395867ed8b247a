"""The scorecard's inputs: one number per factor, derived from PlatformFeatures.

Each transform returns an exact Decimal. `FACTORS` names them with the rules
§6.2 group they belong to and how to say them to a seller.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from app.i18n import Text, text
from app.scoring.features import PlatformFeatures

ONE = Decimal(1)


def _ratio(part: Decimal | int, whole: Decimal | int) -> Decimal:
    return Decimal(part) / Decimal(whole) if whole else Decimal(0)


def _clip(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return max(low, min(high, value))


def sales_level(f: PlatformFeatures) -> Decimal:
    """ln(1 + average monthly net sales in thousands of yuan)."""
    return (ONE + max(f.average_monthly_sales, Decimal(0)) / 1000).ln()


def sales_trend(f: PlatformFeatures) -> Decimal:
    """Last 3 months against the 3 before, −100 % … +100 %."""
    recent, earlier = sum(f.monthly_sales[3:]), sum(f.monthly_sales[:3])
    return _clip(_ratio(recent - earlier, earlier), Decimal(-1), ONE) if earlier > 0 else Decimal(0)


def sales_volatility(f: PlatformFeatures) -> Decimal:
    """Coefficient of variation of the 6 monthly sales (capped at 2)."""
    mean = f.average_monthly_sales
    if mean <= 0:
        return Decimal(2)
    variance = sum((m - mean) ** 2 for m in f.monthly_sales) / len(f.monthly_sales)
    return min(Decimal(2), variance.sqrt() / mean)


def order_volume(f: PlatformFeatures) -> Decimal:
    return (ONE + Decimal(f.orders) / 6).ln()


def repeat_buyer_rate(f: PlatformFeatures) -> Decimal:
    return _ratio(f.repeat_buyers, f.buyers)


def buyer_diversity(f: PlatformFeatures) -> Decimal:
    return _clip(_ratio(f.buyers, f.orders), Decimal(0), ONE)


def refund_rate(f: PlatformFeatures) -> Decimal:
    return _ratio(f.refunds, f.gross_sales)


def dispute_rate(f: PlatformFeatures) -> Decimal:
    """Disputes per 100 orders."""
    return _ratio(f.disputes * 100, f.orders)


def tenure_years(f: PlatformFeatures) -> Decimal:
    return Decimal(min(f.tenure_months, 120)) / 12


def certified(f: PlatformFeatures) -> Decimal:
    return ONE if f.certified else Decimal(0)


def login_regularity(f: PlatformFeatures) -> Decimal:
    """Share of days a month the seller signs in."""
    return _clip(f.login_days_per_month / 30, Decimal(0), ONE)


def ad_intensity(f: PlatformFeatures) -> Decimal:
    """Advertising spend per 100 yuan of sales."""
    return _clip(_ratio(f.ad_spend * 100, f.gross_sales), Decimal(0), Decimal(30))


def community_activity(f: PlatformFeatures) -> Decimal:
    return (ONE + f.community_posts_per_month).ln()


def favourites_per_order(f: PlatformFeatures) -> Decimal:
    return _clip(_ratio(f.favourites, f.orders), Decimal(0), Decimal(5))


def positive_review_rate(f: PlatformFeatures) -> Decimal:
    return _ratio(f.positive_reviews, f.reviews)


def shop_rating(f: PlatformFeatures) -> Decimal:
    return f.shop_rating


def complaint_rate(f: PlatformFeatures) -> Decimal:
    """Complaints per 100 orders."""
    return _ratio(f.complaints * 100, f.orders)


@dataclass(frozen=True)
class Factor:
    name: str
    group: str  # rules §6.2 factor group
    compute: Callable[[PlatformFeatures], Decimal]
    label: Text  # what it is, in a seller's words (catalogue "factor.<name>")
    unit: str  # how to print its value: "pct", "yuan", "years", "stars", "per100", "plain", "flag"


FACTORS: tuple[Factor, ...] = (
    Factor("sales_level", "trading", sales_level, text("factor.sales_level"), "sales"),
    Factor("sales_trend", "trading", sales_trend, text("factor.sales_trend"), "pct"),
    Factor("sales_volatility", "trading", sales_volatility, text("factor.sales_volatility"), "pct"),
    Factor("order_volume", "trading", order_volume, text("factor.order_volume"), "orders"),
    Factor("repeat_buyer_rate", "trading", repeat_buyer_rate, text("factor.repeat_buyer_rate"), "pct"),
    Factor("buyer_diversity", "trading", buyer_diversity, text("factor.buyer_diversity"), "pct"),
    Factor("refund_rate", "trading", refund_rate, text("factor.refund_rate"), "pct"),
    Factor("dispute_rate", "trading", dispute_rate, text("factor.dispute_rate"), "plain"),
    Factor("tenure_years", "registration", tenure_years, text("factor.tenure_years"), "years"),
    Factor("certified", "registration", certified, text("factor.certified"), "flag"),
    Factor("login_regularity", "behaviour", login_regularity, text("factor.login_regularity"), "days"),
    Factor("ad_intensity", "behaviour", ad_intensity, text("factor.ad_intensity"), "plain"),
    Factor("community_activity", "behaviour", community_activity, text("factor.community_activity"), "posts"),
    Factor("favourites_per_order", "interaction", favourites_per_order, text("factor.favourites_per_order"),
           "plain"),
    Factor("positive_review_rate", "interaction", positive_review_rate, text("factor.positive_review_rate"),
           "pct"),
    Factor("shop_rating", "interaction", shop_rating, text("factor.shop_rating"), "stars"),
    Factor("complaint_rate", "interaction", complaint_rate, text("factor.complaint_rate"), "plain"),
)


def factor_values(f: PlatformFeatures) -> dict[str, Decimal]:
    return {factor.name: factor.compute(f) for factor in FACTORS}
