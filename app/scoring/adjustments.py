"""Rule-based points (rules §6.2 items 5-8): declared financials checked against
platform data, the questionnaire, the repayment record and the industry factor.
Each returns Contributions with their reasons; numbers live in ScoringConfig."""

from __future__ import annotations

from decimal import Decimal

from app.config import ScoringConfig
from app.money import format_cny
from app.scoring.application import DeclaredFinancials
from app.scoring.explain import Contribution
from app.scoring.features import PlatformFeatures


def industry(cfg: ScoringConfig, f: PlatformFeatures) -> list[Contribution]:
    points = dict(cfg.industry_points).get(f.category, 0)
    if not points:
        return []
    side = "favoured" if points > 0 else "weighed down"
    return [Contribution("industry", Decimal(points), f"Your category ({f.category}) is {side} by this "
                                                       f"season's industry and policy factor")]


def repayment_record(cfg: ScoringConfig, f: PlatformFeatures) -> list[Contribution]:
    result = []
    if f.loans_repaid_on_time:
        points = min(cfg.on_time_loan_points * f.loans_repaid_on_time, cfg.on_time_loan_points_max)
        result.append(Contribution("repaid_on_time", Decimal(points),
                                   f"You repaid {f.loans_repaid_on_time} earlier loans on time"))
    if f.loans_repaid_late:
        result.append(Contribution("repaid_late", Decimal(cfg.late_loan_points * f.loans_repaid_late),
                                   f"{f.loans_repaid_late} earlier loans were repaid late",
                                   "repaying every installment by its due date"))
    if f.loans_defaulted:
        result.append(Contribution("defaulted", Decimal(cfg.defaulted_loan_points * f.loans_defaulted),
                                   f"{f.loans_defaulted} earlier loans went over 90 days past due",
                                   "a clean repayment record from now on"))
    return result


def declared_financials(cfg: ScoringConfig, f: PlatformFeatures,
                        d: DeclaredFinancials | None) -> list[Contribution]:
    if d is None:
        return []
    return [c for c in (_sales_consistency(cfg, f, d), _leverage(cfg, d), _margin(cfg, d),
                        _concentration(cfg, d), _questionnaire(cfg, d)) if c is not None]


def _sales_consistency(cfg: ScoringConfig, f: PlatformFeatures, d: DeclaredFinancials) -> Contribution | None:
    """Declared sales × platform share against what the platform saw (annualised)."""
    observed = f.average_monthly_sales * 12
    implied = d.annual_sales * d.platform_share_pct / 100
    if observed <= 0 or implied <= 0:
        return None
    ratio = implied / observed
    words = (f"you declared {format_cny(d.annual_sales)} a year with {d.platform_share_pct:.0f} % on the "
             f"platform, i.e. {format_cny(implied)}; the platform saw {format_cny(observed)} a year")
    if abs(ratio - 1) <= cfg.sales_mismatch_tolerance:
        return Contribution("declared_sales", Decimal(cfg.sales_consistent_points),
                            "Your declared sales match the platform's figures: " + words)
    points = min(Decimal(cfg.sales_mismatch_points_max), cfg.sales_mismatch_points_per_log * abs(ratio.ln()))
    return Contribution("declared_sales", -points.quantize(Decimal("0.01")),
                        "Your declared sales disagree with the platform's: " + words,
                        "declared figures that match your platform sales")


def _leverage(cfg: ScoringConfig, d: DeclaredFinancials) -> Contribution | None:
    if d.total_assets <= 0 or d.total_liabilities / d.total_assets <= cfg.high_leverage:
        return None
    share = d.total_liabilities / d.total_assets * 100
    return Contribution("leverage", Decimal(cfg.high_leverage_points),
                        f"Your liabilities are {share:.0f} % of your assets",
                        f"liabilities below {cfg.high_leverage * 100:.0f} % of assets")


def _margin(cfg: ScoringConfig, d: DeclaredFinancials) -> Contribution | None:
    if d.annual_sales <= 0 or d.operating_cost <= 0:
        return None
    implied = (d.annual_sales - d.operating_cost) / d.annual_sales * 100
    if abs(implied - d.net_margin_pct) <= 10:
        return None
    return Contribution("declared_margin", Decimal(cfg.margin_mismatch_points),
                        f"Your declared net margin {d.net_margin_pct:.0f} % does not fit sales and costs "
                        f"({implied:.0f} %)", "a net margin consistent with your sales and costs")


def _concentration(cfg: ScoringConfig, d: DeclaredFinancials) -> Contribution | None:
    largest = max((c.sales_share_pct for c in d.top_customers), default=Decimal(0))
    if largest <= cfg.concentration_limit:
        return None
    return Contribution("concentration", Decimal(cfg.concentration_points),
                        f"{largest:.0f} % of your sales go to one customer",
                        "a broader customer base")


def _questionnaire(cfg: ScoringConfig, d: DeclaredFinancials) -> Contribution | None:
    if not d.questionnaire:
        return None
    mean = Decimal(sum(d.questionnaire)) / len(d.questionnaire)
    points = (mean - 3) * cfg.questionnaire_points_per_step
    return Contribution("questionnaire", points.quantize(Decimal("0.01")),
                        f"Your questionnaire answers average {mean:.1f} of 5")
