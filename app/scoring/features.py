"""What the platform knows about a seller as of a date: the scorecard's raw inputs.

`PlatformFeatures` is computed by `app.services.credit.features.platform_features`
from data dated strictly before `as_of` (no look-ahead). Ratios are exact
Decimals; money is Decimal yuan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.dates import add_months
from app.money import ZERO

MONTHS = 6  # rules §6.3: the last 6 complete calendar months


@dataclass(frozen=True)
class PlatformFeatures:
    """What the platform knows about a seller on `as_of` (rules §6.2 groups 1-4, 7, 8)."""

    seller_id: int
    as_of: date
    category: str
    monthly_sales: tuple[Decimal, ...]  # net of refunds, oldest of the last 6 complete months first
    orders: int
    buyers: int
    repeat_buyers: int
    refunds: Decimal
    gross_sales: Decimal
    disputes: int
    tenure_months: int
    real_name_verified: bool
    certified: bool
    login_days_per_month: Decimal
    ad_spend: Decimal
    community_posts_per_month: Decimal
    favourites: int
    reviews: int
    positive_reviews: int
    shop_rating: Decimal  # stars, 0-5
    complaints: int
    loans_repaid_on_time: int
    loans_repaid_late: int  # closed after being past due
    loans_defaulted: int  # non-performing at any time before as_of

    @property
    def average_monthly_sales(self) -> Decimal:
        return sum(self.monthly_sales, ZERO) / MONTHS


def month_starts(as_of: date) -> list[date]:
    """First days of the last 6 complete months and of the current one (7 bounds)."""
    current = as_of.replace(day=1)
    return [add_months(current, -k) for k in range(MONTHS, -1, -1)]
