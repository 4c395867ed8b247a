"""The versioned scorecard (rules §6.2): deterministic, explainable points.

A model file (`app/scoring/models/<version>.json`) holds, per factor, the
training mean and standard deviation and a logistic weight per standard
deviation, plus an intercept: the log-odds of a loan staying good is
intercept + Σ weight × z. Points follow the usual scorecard scaling — the
anchor score at the anchor good:bad odds, and `points_to_double_odds` more for
twice the odds — so each factor's contribution is
    points_per_log_odds × weight × z
relative to a typical seller (z = 0). Arithmetic is exact Decimal, so the same
data and model version always give the same score.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

MODELS = Path(__file__).resolve().parent / "models"
CURRENT_VERSION = "mlf-score-1"


@dataclass(frozen=True)
class FactorWeight:
    name: str
    weight: Decimal  # log-odds per standard deviation
    mean: Decimal
    sd: Decimal


@dataclass(frozen=True)
class Scorecard:
    version: str
    intercept: Decimal
    factors: tuple[FactorWeight, ...]
    anchor_score: Decimal
    anchor_odds: Decimal
    points_to_double_odds: Decimal

    @property
    def points_per_log_odds(self) -> Decimal:
        return self.points_to_double_odds / Decimal(2).ln()

    def typical_score(self) -> Decimal:
        """The score of a seller at the training average on every factor."""
        return self.anchor_score + self.points_per_log_odds * (self.intercept - self.anchor_odds.ln())

    def contributions(self, values: dict[str, Decimal]) -> dict[str, Decimal]:
        """Points each factor adds to (or takes from) the typical score."""
        scale = self.points_per_log_odds
        return {f.name: scale * f.weight * (values[f.name] - f.mean) / f.sd for f in self.factors}

    def to_json(self) -> str:
        return json.dumps({
            "version": self.version, "intercept": str(self.intercept),
            "anchor_score": str(self.anchor_score), "anchor_odds": str(self.anchor_odds),
            "points_to_double_odds": str(self.points_to_double_odds),
            "factors": [{"name": f.name, "weight": str(f.weight), "mean": str(f.mean), "sd": str(f.sd)}
                        for f in self.factors],
        }, indent=2) + "\n"


def parse_scorecard(text: str) -> Scorecard:
    raw = json.loads(text)
    return Scorecard(
        version=raw["version"], intercept=Decimal(raw["intercept"]),
        factors=tuple(FactorWeight(f["name"], Decimal(f["weight"]), Decimal(f["mean"]), Decimal(f["sd"]))
                      for f in raw["factors"]),
        anchor_score=Decimal(raw["anchor_score"]), anchor_odds=Decimal(raw["anchor_odds"]),
        points_to_double_odds=Decimal(raw["points_to_double_odds"]),
    )


@lru_cache(maxsize=4)
def load_scorecard(version: str = CURRENT_VERSION) -> Scorecard:
    return parse_scorecard((MODELS / f"{version}.json").read_text())
