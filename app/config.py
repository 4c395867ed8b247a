"""Every business number in one place (rules §2, §6.3, §7, §10).

These are the defaults. An admin changes some of them in the product settings (the daily
rates, the penalty multiplier, the credit terms, the bands' cut-offs, multiples and advance
rates, the lender's capital and bank lines: `app.services.store.product_settings.SETTINGS`);
every reader of those goes through `effective_config(session)`. The rest are fixed by the
rules and are read from `DEFAULT_CONFIG` as module constants
(`tests/unit/test_default_config_readers.py` checks both). A loan copies the rates and terms
it was drawn with, so a change only affects new draws.
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


class LoanStatus(str, enum.Enum):
    OPEN = "open"
    CLOSED = "closed"


class ClosedAs(str, enum.Enum):
    """How a closed loan ended when it was not simply repaid (`Loan.closed_as`)."""

    WRITTEN_OFF = "written_off"  # 核销: principal and receivables moved to the loss account
    RECOVERY = "recovery"  # moved onto a credit-recovery loan (rules §9)
    CANCELLED = "cancelled"  # its disbursement failed: the draw undone (rules §14, lending/cancel.py)


class LoanStanding(str, enum.Enum):
    """What a loan is now, one word for every page and table (`LoanRow.state`): an open loan is
    OPEN (nothing overdue), OVERDUE or NON_PERFORMING (> 90 days past due, rules §7); a closed one
    REPAID, or how it otherwise ended (`ClosedAs`)."""

    OPEN = "open"
    OVERDUE = "overdue"
    NON_PERFORMING = "non_performing"
    REPAID = "repaid"


LATE_STANDINGS = (LoanStanding.OVERDUE, LoanStanding.NON_PERFORMING)  # shown with their days past due


RECOVERY_PRODUCT = "recovery"  # `Loan.product` of a recovery-plan loan (not a product sellers draw)


class InstallmentStatus(str, enum.Enum):
    SCHEDULED = "scheduled"
    OVERDUE = "overdue"  # unpaid after its due date (rules §7)
    PAID = "paid"


class OrderStatus(str, enum.Enum):
    PAID = "paid"  # the buyer paid; not shipped yet
    SHIPPED = "shipped"  # 卖家已发货: pledgeable until it settles (rules §2)
    SETTLED = "settled"  # the buyer confirmed receipt; proceeds released (rules §5)
    REFUNDED = "refunded"


class DecisionStatus(str, enum.Enum):
    """Outcome of a rating decision (rules §6.2)."""

    APPROVED = "approved"
    MANUAL_REVIEW = "manual_review"  # 580-599: waits in the risk officer's queue
    DECLINED = "declined"
    INELIGIBLE = "ineligible"  # a hard rule of §6.1 failed


BAD_DPD = 30  # a "bad" loan for the credit model and its report: ever more than 30 days past due


@dataclass(frozen=True)
class RatingBand:
    name: str
    min_score: int
    credit_multiple: Decimal  # × average monthly platform sales (last 6 months)
    advance_rate: Decimal  # share of eligible order value lent against


@dataclass(frozen=True)
class ScoringConfig:
    """Rule-based parts of the score (rules §6.2 items 5-8), in points."""

    min_score: int = 350
    max_score: int = 950
    # 8. industry and policy adjustment per shop category
    industry_points: tuple[tuple[str, int], ...] = (
        ("food", 5), ("home", 5), ("electronics", 0), ("beauty", 0), ("toys", -5), ("apparel", -5))
    # 7. repayment record: on-time repayments raise (履约激励), overdue lowers
    on_time_loan_points: int = 10
    on_time_loan_points_max: int = 30
    late_loan_points: int = -25
    defaulted_loan_points: int = -120
    # 5. declared financials checked against platform data
    sales_mismatch_tolerance: Decimal = Decimal("0.15")  # within ±15 %: consistent
    sales_consistent_points: int = 10  # figures the seller typed that agree with the platform
    prefilled_sales_points: int = 0  # the pre-filled platform figures sent back unchanged: free, so no points
    sales_mismatch_points_per_log: int = 80  # × |ln(declared / observed)| beyond tolerance
    sales_mismatch_points_max: int = 80
    high_leverage: Decimal = Decimal("0.8")  # liabilities / assets
    high_leverage_points: int = -25
    margin_mismatch_points: int = -15  # declared margin vs (sales − cost) / sales off by > 10 points
    concentration_limit: Decimal = Decimal("50")  # % of sales with the largest customer
    concentration_points: int = -10
    # 6. optional psychometric questionnaire (answers 1-5), small weight
    questionnaire_points_per_step: int = 5
    # 5-6. self-declared answers confirm but do not lift (app.scoring.self_declared): their positive
    # points count up to this many points below the next band's (or status's) cut-off, never across it
    self_declared_margin_below_cutoff: int = 1


@dataclass(frozen=True)
class MonitoringConfig:
    """In-loan monitoring and recovery (rules §9). Sales are net of refunds; the
    "prior 90-day average" is the prior 90 days' net sales / 3, per 30 days.

    Refund-rate jump: refunds / gross sales over the last 30 days, in basis points
    rounded down, is at least `refund_jump_multiple` × the prior 90 days' rate AND at
    least `refund_jump_points_bp` above it (defaults: 2× and 5 percentage points)."""

    recent_days: int = 30
    prior_days: int = 90
    sales_drop_warning_pct: int = 50  # sales down ≥ 50 % → warning
    sales_drop_recall_pct: int = 80  # still ≥ 80 % down when the cure window ends → recall
    refund_jump_multiple: int = 2
    refund_jump_points_bp: int = 500  # 5 percentage points
    rating_drop_bands: int = 2  # against the rating in force `rating_lookback_days` earlier
    rating_lookback_days: int = 90
    cure_days: int = 14
    recall_days: int = 7  # a recall makes every outstanding loan fall due this many days later
    recall_dpd: int = 30  # a loan > 30 DPD while others are outstanding escalates a warning
    recovery_max_months: int = 12
    recovery_on_time_to_lift: int = 6  # consecutive on-time installments lift the blacklist
    reentry_cap_pct: int = 20  # staged re-entry: limits at 20 % of the rating's …
    reentry_months: int = 6  # … for 6 months


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
    bank_line_daily_rate: Decimal = Decimal("0.00012")  # funding cost of the drawn bank lines (4.38 %/yr)
    non_performing_dpd: int = 90  # > 90 DPD: non-performing, accruals stop
    dpd_buckets: tuple[tuple[int, int], ...] = ((1, 30), (31, 60), (61, 90))
    # Five-category classification 五级分类 (rules §13): the highest DPD of 正常, 关注, 次级 and
    # 可疑 (above the last: 损失), and the allowance rate of each category (settable by the admin).
    classification_dpd: tuple[int, int, int, int] = (0, 90, 180, 360)
    allowance_rates: tuple[Decimal, ...] = (Decimal("0.01"), Decimal("0.02"), Decimal("0.25"),
                                            Decimal("0.50"), Decimal("1.00"))
    ecl_lgd: Decimal = Decimal("0.45")  # loss given default of the IFRS 9 style view (a share)
    credit_limit_step: Decimal = Decimal("1000")
    # Limit stability (docs/scoring.md): nightly pre-approval changes a limit in force only on a
    # change of band or status, or of the credit limit by MORE than this share of it, and at most
    # once in this many days; hard rules (ineligibility: blacklist, overdue, …) act at once, and
    # an application the seller confirms always applies.
    limit_change_min_share: Decimal = Decimal("0.20")
    limit_change_min_days: int = 7
    manual_review_min_score: int = 580
    scoring: ScoringConfig = field(default_factory=ScoringConfig)
    monitoring: MonitoringConfig = field(default_factory=MonitoringConfig)
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


DEFAULT_CONFIG = LendingConfig()
