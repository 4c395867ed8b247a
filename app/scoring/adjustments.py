"""Rule-based points (rules §6.2 items 5-8): declared financials checked against
platform data, the questionnaire, the repayment record and the industry factor.
Each returns Contributions with their reasons; numbers live in ScoringConfig."""

from __future__ import annotations

from decimal import Decimal

from app.config import ScoringConfig
from app.i18n import Text, text
from app.money import format_cny
from app.scoring.application import DeclaredFinancials, prefilled_sales
from app.scoring.explain import Contribution
from app.scoring.features import PlatformFeatures
from app.texts import CATALOGUE


def industry(cfg: ScoringConfig, f: PlatformFeatures) -> list[Contribution]:
    points = dict(cfg.industry_points).get(f.category, 0)
    if not points:
        return []
    return [Contribution("industry", Decimal(points), _industry_text(points > 0, f.category))]


def _industry_text(favoured: bool, category: str) -> Text:
    """One catalogue entry per category, so its name reads in either language;
    a category without one is named as it is stored."""
    key = "reason.industry.favoured" if favoured else "reason.industry.weighed_down"
    if f"{key}.{category}" in CATALOGUE:
        return text(f"{key}.{category}")
    return text(key, category=category)


def repayment_record(cfg: ScoringConfig, f: PlatformFeatures) -> list[Contribution]:
    result = []
    if f.loans_repaid_on_time:
        points = min(cfg.on_time_loan_points * f.loans_repaid_on_time, cfg.on_time_loan_points_max)
        result.append(Contribution("repaid_on_time", Decimal(points),
                                   text("reason.repaid_on_time", count=f.loans_repaid_on_time)))
    if f.loans_repaid_late:
        result.append(Contribution("repaid_late", Decimal(cfg.late_loan_points * f.loans_repaid_late),
                                   text("reason.repaid_late", count=f.loans_repaid_late),
                                   text("tip.repaid_late")))
    if f.loans_defaulted:
        result.append(Contribution("defaulted", Decimal(cfg.defaulted_loan_points * f.loans_defaulted),
                                   text("reason.defaulted", count=f.loans_defaulted),
                                   text("tip.defaulted")))
    return result


def declared_financials(cfg: ScoringConfig, f: PlatformFeatures,
                        d: DeclaredFinancials | None) -> list[Contribution]:
    if d is None:
        return []
    return [c for c in (_sales_consistency(cfg, f, d), _leverage(cfg, d), _margin(cfg, d),
                        _concentration(cfg, d), _questionnaire(cfg, d)) if c is not None]


def _sales_consistency(cfg: ScoringConfig, f: PlatformFeatures, d: DeclaredFinancials) -> Contribution | None:
    """Declared sales × platform share against what the platform saw (annualised). Sending
    the pre-filled figures back unchanged confirms nothing the platform did not know, so it
    earns `prefilled_sales_points` (none by default) instead of `sales_consistent_points`."""
    observed = f.average_monthly_sales * 12
    implied = d.annual_sales * d.platform_share_pct / 100
    if observed <= 0 or implied <= 0:
        return None
    ratio = implied / observed
    figures = {"annual": format_cny(d.annual_sales), "share": f"{d.platform_share_pct:.0f}",
               "implied": format_cny(implied), "observed": format_cny(observed)}
    if (d.annual_sales, d.platform_share_pct) == prefilled_sales(f):
        return Contribution("declared_sales", Decimal(cfg.prefilled_sales_points),
                            text("reason.declared_sales.prefilled", observed=figures["observed"]))
    if abs(ratio - 1) <= cfg.sales_mismatch_tolerance:
        return Contribution("declared_sales", Decimal(cfg.sales_consistent_points),
                            text("reason.declared_sales.match", **figures))
    points = min(Decimal(cfg.sales_mismatch_points_max), cfg.sales_mismatch_points_per_log * abs(ratio.ln()))
    return Contribution("declared_sales", -points.quantize(Decimal("0.01")),
                        text("reason.declared_sales.mismatch", **figures), text("tip.declared_sales"))


def _leverage(cfg: ScoringConfig, d: DeclaredFinancials) -> Contribution | None:
    if d.total_assets <= 0 or d.total_liabilities / d.total_assets <= cfg.high_leverage:
        return None
    share = d.total_liabilities / d.total_assets * 100
    return Contribution("leverage", Decimal(cfg.high_leverage_points),
                        text("reason.leverage", share=f"{share:.0f}"),
                        text("tip.leverage", limit=f"{cfg.high_leverage * 100:.0f}"))


def _margin(cfg: ScoringConfig, d: DeclaredFinancials) -> Contribution | None:
    if d.annual_sales <= 0 or d.operating_cost <= 0:
        return None
    implied = (d.annual_sales - d.operating_cost) / d.annual_sales * 100
    if abs(implied - d.net_margin_pct) <= 10:
        return None
    return Contribution("declared_margin", Decimal(cfg.margin_mismatch_points),
                        text("reason.declared_margin", declared=f"{d.net_margin_pct:.0f}",
                             implied=f"{implied:.0f}"),
                        text("tip.declared_margin"))


def _concentration(cfg: ScoringConfig, d: DeclaredFinancials) -> Contribution | None:
    largest = max((c.sales_share_pct for c in d.top_customers), default=Decimal(0))
    if largest <= cfg.concentration_limit:
        return None
    return Contribution("concentration", Decimal(cfg.concentration_points),
                        text("reason.concentration", share=f"{largest:.0f}"), text("tip.concentration"))


def _questionnaire(cfg: ScoringConfig, d: DeclaredFinancials) -> Contribution | None:
    if not d.questionnaire:
        return None
    mean = Decimal(sum(d.questionnaire)) / len(d.questionnaire)
    points = (mean - 3) * cfg.questionnaire_points_per_step
    return Contribution("questionnaire", points.quantize(Decimal("0.01")),
                        text("reason.questionnaire", mean=f"{mean:.1f}"))
