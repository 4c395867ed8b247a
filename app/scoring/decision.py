"""One credit decision, as a pure function (rules §6.1-§6.3).

eligibility → factor values → scorecard points + rule-based points → score →
band → limits, with every contribution kept for the reasons. Self-declared
answers may lower the score but never lift it into a better band or status
(`app.scoring.self_declared`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.config import DecisionStatus, LendingConfig, RatingBand
from app.eligibility.rules import EligibilityFacts, Ineligible, check_eligibility
from app.i18n import Text, text
from app.money import ZERO, floor_to, format_cny
from app.scoring import adjustments
from app.scoring.application import DeclaredFinancials
from app.scoring.explain import Contribution, factor_contributions, top_reasons
from app.scoring.features import PlatformFeatures
from app.scoring.scorecard import Scorecard
from app.scoring.self_declared import self_declared_cap
from app.scoring.transforms import factor_values


@dataclass(frozen=True)
class Assessment:
    model_version: str
    status: DecisionStatus
    ineligible: tuple[Ineligible, ...]
    score: int
    band: str  # AAA … BB, "REVIEW" or "DECLINE"
    credit_limit: Decimal  # in force: zero unless approved
    advance_rate: Decimal
    proposed_credit_limit: Decimal  # what the band gives (for manual review: BB's)
    average_monthly_sales: Decimal
    contributions: tuple[Contribution, ...]
    reasons_up: tuple[Contribution, ...]
    reasons_down: tuple[Contribution, ...]
    tips: tuple[Text, ...]

    @property
    def eligible(self) -> bool:
        return not self.ineligible


def score_points(card: Scorecard, cfg: LendingConfig, features: PlatformFeatures,
                 declared: DeclaredFinancials | None) -> tuple[int, list[Contribution]]:
    """The score and every contribution to it: platform data first, then the self-declared
    answers, whose positive points `self_declared_cap` keeps within the platform's band."""
    values = factor_values(features)
    platform = factor_contributions(card, values, features)
    platform += adjustments.industry(cfg.scoring, features)
    platform += adjustments.repayment_record(cfg.scoring, features)
    platform_points = card.typical_score() + _total(platform)
    answers = adjustments.declared_financials(cfg.scoring, features, declared)
    cap = self_declared_cap(cfg, platform_points, _rounded(cfg, platform_points), answers)
    answers += [cap] if cap else []
    return _rounded(cfg, platform_points + _total(answers)), platform + answers


def _total(contributions: list[Contribution]) -> Decimal:
    return sum((c.points for c in contributions), ZERO)


def _rounded(cfg: LendingConfig, points: Decimal) -> int:
    """Points as a score: an integer, half up, within the scale."""
    score = int(points.to_integral_value(rounding=ROUND_HALF_UP))
    return max(cfg.scoring.min_score, min(cfg.scoring.max_score, score))


def band_for(cfg: LendingConfig, score: int) -> RatingBand | None:
    return next((b for b in cfg.bands if score >= b.min_score), None)


def credit_limit_for(cfg: LendingConfig, band: RatingBand, average_monthly_sales: Decimal) -> Decimal:
    """Band multiple × average monthly sales, down to 1,000, at most the product cap (rules §6.3)."""
    limit = floor_to(max(average_monthly_sales, ZERO) * band.credit_multiple, cfg.credit_limit_step)
    return min(limit, cfg.product_limit_cap)


def assess(card: Scorecard, cfg: LendingConfig, facts: EligibilityFacts, features: PlatformFeatures,
           declared: DeclaredFinancials | None = None) -> Assessment:
    ineligible = tuple(check_eligibility(facts))
    score, contributions = score_points(card, cfg, features, declared)
    band = band_for(cfg, score)
    average = features.average_monthly_sales
    if ineligible:
        status = DecisionStatus.INELIGIBLE
    elif band is not None:
        status = DecisionStatus.APPROVED
    elif score >= cfg.manual_review_min_score:
        status, band = DecisionStatus.MANUAL_REVIEW, cfg.bands[-1]  # an approval there gets BB's limits
    else:
        status = DecisionStatus.DECLINED
    proposed = credit_limit_for(cfg, band, average) if band else ZERO
    in_force = status == DecisionStatus.APPROVED
    helped, hurt = top_reasons(contributions)
    return Assessment(
        model_version=card.version, status=status, ineligible=ineligible, score=score,
        band=band_name(cfg, score), credit_limit=proposed if in_force else ZERO,
        advance_rate=band.advance_rate if in_force else ZERO, proposed_credit_limit=proposed,
        average_monthly_sales=average, contributions=tuple(contributions), reasons_up=tuple(helped),
        reasons_down=tuple(hurt), tips=tuple(_tips(cfg, score, average, hurt)),
    )


def band_name(cfg: LendingConfig, score: int) -> str:
    """The rating the score gives (also shown when a hard rule makes the seller ineligible)."""
    band = band_for(cfg, score)
    if band is not None:
        return band.name
    return "REVIEW" if score >= cfg.manual_review_min_score else "DECLINE"


def _tips(cfg: LendingConfig, score: int, average: Decimal, hurt: list[Contribution]) -> list[Text]:
    """What would raise the limit: the next band's limit, and the factors that hurt."""
    tips = []
    better = [b for b in cfg.bands if b.min_score > score]
    if better:
        target = better[-1]  # the nearest band above
        tips.append(text("tip.next_band", score=target.min_score, band=target.name,
                         limit=format_cny(credit_limit_for(cfg, target, average))))
    tips += [c.tip for c in hurt if c.tip]
    return tips
