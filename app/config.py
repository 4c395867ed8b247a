"""Every business number in one place (rules §2, §6.3, §7, §10).

These are the defaults; the lender's capital and bank lines can be changed in
the settings table (they are read through `app.services.settings`). A loan
copies the rates and terms it was drawn with, so changing a default here only
affects new draws.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal


class Product(str, enum.Enum):
    ORDER = "order"  # 订单贷款, secured by shipped, unsettled orders
    CREDIT = "credit"  # 信用贷款, unsecured


class RepaymentMethod(str, enum.Enum):
    BULLET = "bullet"  # 到期一次还本付息
    INTEREST_ONLY = "interest_only"  # 按月付息到期还本
    EQUAL_PRINCIPAL = "equal_principal"  # 等额本金
    EQUAL_INSTALLMENT = "equal_installment"  # 等额本息


@dataclass(frozen=True)
class RatingBand:
    name: str
    min_score: int
    credit_multiple: Decimal  # × average monthly platform sales (last 6 months)
    advance_rate: Decimal  # share of eligible order value lent against


@dataclass(frozen=True)
class LendingConfig:
    order_daily_rate: Decimal = Decimal("0.0005")
    credit_daily_rate: Decimal = Decimal("0.0006")
    penalty_multiplier: Decimal = Decimal("1.5")  # 罚息: top of the PBoC +30..50 % band
    days_per_year: int = 365  # annualised rate shown = daily × 365
    order_term_days: int = 30
    credit_term_months: tuple[int, ...] = (1, 3, 6, 9, 12)
    min_draw: Decimal = Decimal("100.00")
    max_principal: Decimal = Decimal("1000000.00")  # combined cap per seller
    product_limit_cap: Decimal = Decimal("1000000.00")
    registered_capital: Decimal = Decimal("1600000000.00")
    bank_credit_lines: Decimal = Decimal("0.00")
    bank_lines_max_share: Decimal = Decimal("0.5")  # of registered capital
    non_performing_dpd: int = 90  # > 90 DPD: non-performing, accruals stop
    dpd_buckets: tuple[tuple[int, int], ...] = ((1, 30), (31, 60), (61, 90))
    credit_limit_step: Decimal = Decimal("1000")
    manual_review_min_score: int = 580
    bands: tuple[RatingBand, ...] = field(
        default=(
            RatingBand("AAA", 800, Decimal("3.0"), Decimal("1.00")),
            RatingBand("AA", 750, Decimal("2.5"), Decimal("0.95")),
            RatingBand("A", 700, Decimal("2.0"), Decimal("0.90")),
            RatingBand("BBB", 650, Decimal("1.5"), Decimal("0.80")),
            RatingBand("BB", 600, Decimal("1.0"), Decimal("0.70")),
        )
    )

    def daily_rate(self, product: Product) -> Decimal:
        return self.order_daily_rate if product is Product.ORDER else self.credit_daily_rate

    def penalty_rate(self, daily_rate: Decimal) -> Decimal:
        return daily_rate * self.penalty_multiplier

    def annual_rate(self, daily_rate: Decimal) -> Decimal:
        return daily_rate * self.days_per_year

    def dpd_bucket(self, dpd: int) -> str:
        """'current', '1-30', '31-60', '61-90' or '>90'."""
        if dpd <= 0:
            return "current"
        for low, high in self.dpd_buckets:
            if low <= dpd <= high:
                return f"{low}-{high}"
        return f">{self.non_performing_dpd}"


DEFAULT_CONFIG = LendingConfig()
