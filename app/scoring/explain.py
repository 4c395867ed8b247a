"""Contributions to a score and the words a seller reads about them (rules §6.2).

Every factor's points are kept; the three that helped most and the three that
hurt most become the decision's reasons, in plain words with the seller's own
numbers, and the ones that hurt also say what would raise the limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.i18n import Text, text
from app.money import format_cny
from app.scoring.features import PlatformFeatures
from app.scoring.scorecard import Scorecard

# Factors where a higher value is worse: the words flip ("above" hurts).
HIGHER_IS_WORSE = {"refund_rate", "dispute_rate", "sales_volatility", "complaint_rate"}


@dataclass(frozen=True)
class Contribution:
    key: str  # factor name or adjustment code
    points: Decimal  # against a typical seller; positive helps
    text: Text  # the reason, with the seller's numbers
    tip: Text | None = None  # what would help, for factors that hurt


def _shown(name: str, value: Decimal, f: PlatformFeatures | None, extra: int = 0) -> str:
    """A factor's value the way a seller knows it (inverting the log scales), as a
    number; its unit (a month, orders, %, stars …) is in the catalogue text. `extra`
    digits tell apart two values that would otherwise read the same."""
    if name == "sales_level":
        return format_cny(f.average_monthly_sales if f else ((value.exp() - 1) * 1000))
    if name == "order_volume":
        return str(f.orders if f else int((value.exp() - 1) * 6))
    if name == "community_activity":
        return f"{(value.exp() - 1):.{1 + extra}f}"
    if name == "tenure_years":
        return f"{value:.{1 + extra}f}"
    if name == "login_regularity":
        return f"{value * 30:.{extra}f}"
    if name == "shop_rating":
        return f"{value:.{2 + extra}f}"
    if name in ("refund_rate", "repeat_buyer_rate", "buyer_diversity", "positive_review_rate",
                "sales_trend", "sales_volatility"):
        return f"{value * 100:.{1 + extra}f}"
    return f"{value:.{2 + extra}f}"


def _side_by_side(name: str, value: Decimal, mean: Decimal, f: PlatformFeatures) -> tuple[str, str, str]:
    """(mine, typical, side): "above" / "below" only when the figures shown differ; equal
    figures (whole numbers that round alike) are "same", never "above"."""
    for extra in range(4):
        mine, typical = _shown(name, value, f, extra), _shown(name, mean, None, extra)
        if mine != typical:
            break
    if mine == typical:
        plain = _shown(name, value, f)
        return plain, plain, "same"
    return mine, typical, "above" if value > mean else "below"


def factor_contributions(card: Scorecard, values: dict[str, Decimal],
                         features: PlatformFeatures) -> list[Contribution]:
    """Each factor's points with its reason ("reason.<factor>.above/below") and, when
    it hurt, its tip ("tip.<factor>.higher/lower")."""
    means = {w.name: w.mean for w in card.factors}
    result = []
    for name, points in card.contributions(values).items():
        better = "lower" if name in HIGHER_IS_WORSE else "higher"
        if name == "certified":
            reason = text("reason.certified.yes" if values[name] else "reason.certified.no")
            tip = text("tip.certified.higher") if points < 0 else None
        else:
            mine, typical, side = _side_by_side(name, values[name], means[name], features)
            reason = text(f"reason.{name}.{side}" if side != "same" else "reason.same_as_typical",
                          mine=mine, typical=typical)
            tip = text(f"tip.{name}.{better}", typical=typical) if points < 0 else None
        result.append(Contribution(name, points, reason, tip))
    return result


def top_reasons(contributions: list[Contribution],
                n: int = 3) -> tuple[list[Contribution], list[Contribution]]:
    """The n that helped most and the n that hurt most (ties broken by name, for reproducibility)."""
    helped = sorted((c for c in contributions if c.points > 0), key=lambda c: (-c.points, c.key))[:n]
    hurt = sorted((c for c in contributions if c.points < 0), key=lambda c: (c.points, c.key))[:n]
    return helped, hurt
