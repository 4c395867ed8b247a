"""Contributions to a score and the words a seller reads about them (rules §6.2).

Every factor's points are kept; the three that helped most and the three that
hurt most become the decision's reasons, in plain words with the seller's own
numbers, and the ones that hurt also say what would raise the limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.money import format_cny
from app.scoring.features import PlatformFeatures
from app.scoring.scorecard import Scorecard
from app.scoring.transforms import FACTORS

# Factors where a higher value is worse: the words flip ("above" hurts).
HIGHER_IS_WORSE = {"refund_rate", "dispute_rate", "sales_volatility", "complaint_rate"}


@dataclass(frozen=True)
class Contribution:
    key: str  # factor name or adjustment code
    points: Decimal  # against a typical seller; positive helps
    text: str  # the reason, with the seller's numbers
    tip: str = ""  # what would help, for factors that hurt


def _shown(name: str, value: Decimal, f: PlatformFeatures | None) -> str:
    """A factor's value the way a seller knows it (inverting the log scales)."""
    if name == "sales_level":
        amount = f.average_monthly_sales if f else ((value.exp() - 1) * 1000)
        return f"{format_cny(amount)} a month"
    if name == "order_volume":
        return f"{f.orders if f else int((value.exp() - 1) * 6)} orders"
    if name == "community_activity":
        return f"{(value.exp() - 1):.1f} posts a month"
    if name == "tenure_years":
        return f"{value:.1f} years"
    if name == "login_regularity":
        return f"{value * 30:.0f} days a month"
    if name == "shop_rating":
        return f"{value:.2f} stars"
    if name == "certified":
        return "certified" if value else "not certified"
    if name in ("refund_rate", "repeat_buyer_rate", "buyer_diversity", "positive_review_rate",
                "sales_trend", "sales_volatility"):
        return f"{value * 100:.1f} %"
    return f"{value:.2f}"


def factor_contributions(card: Scorecard, values: dict[str, Decimal],
                         features: PlatformFeatures) -> list[Contribution]:
    labels = {factor.name: factor.label for factor in FACTORS}
    means = {w.name: w.mean for w in card.factors}
    result = []
    for name, points in card.contributions(values).items():
        label = labels[name]
        mine, typical = _shown(name, values[name], features), _shown(name, means[name], None)
        if name == "certified":
            text = f"your shop is {mine}"
        else:
            side = "above" if values[name] > means[name] else "below"
            text = f"your {label}, {mine}, is {side} the {typical} typical on the platform"
        better = "lower" if name in HIGHER_IS_WORSE else "higher"
        tip = f"a {better} {label} (typical: {typical})" if points < 0 else ""
        result.append(Contribution(name, points, text[0].upper() + text[1:], tip))
    return result


def top_reasons(contributions: list[Contribution],
                n: int = 3) -> tuple[list[Contribution], list[Contribution]]:
    """The n that helped most and the n that hurt most (ties broken by name, for reproducibility)."""
    helped = sorted((c for c in contributions if c.points > 0), key=lambda c: (-c.points, c.key))[:n]
    hurt = sorted((c for c in contributions if c.points < 0), key=lambda c: (c.points, c.key))[:n]
    return helped, hurt
