"""Calibration of the scorecard on realised outcomes, and the report's metrics (AUC, KS).

The sample (gathered by `app.services.credit.calibration.realised_sample`) is every
past loan whose outcome is known — repaid (closed) or ever more than 30 days
past due ("bad") — with its seller's features computed as of the loan's draw
date (no look-ahead). Sellers are split deterministically into a training set
(70 %) and a hold-out (30 %), so one seller's loans never sit on both sides.
Fitting is an L2-regularised logistic regression on standardised factors, by
Newton's method in numpy. Ratios are fitted in binary floating point here
(they are not money); the weights are then stored as decimal strings, and
scoring itself is exact Decimal arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from app.scoring.features import PlatformFeatures
from app.scoring.scorecard import FactorWeight, Scorecard
from app.scoring.transforms import FACTORS, factor_values

L2_PENALTY = 3.0  # shrinkage: the demo book is small, and reasons must not hang on noise

# The direction in which each factor may move the odds of a good loan. A factor
# the data gives the other sign is left out (weight 0) rather than shown to a
# seller as "more favourites lowered your score". 0: either way.
EXPECTED_SIGN = {"sales_level": 1, "sales_trend": 1, "sales_volatility": -1, "order_volume": 1,
                 "repeat_buyer_rate": 1, "buyer_diversity": 0, "refund_rate": -1, "dispute_rate": -1,
                 "tenure_years": 1, "certified": 1, "login_regularity": 1, "ad_intensity": 0,
                 "community_activity": 1, "favourites_per_order": 1, "positive_review_rate": 1,
                 "shop_rating": 1, "complaint_rate": -1}
HOLDOUT_SHARE = 3  # tenths of sellers held out


@dataclass(frozen=True)
class Observation:
    loan_id: int
    seller_id: int
    drawn: date
    bad: bool
    features: PlatformFeatures

    @property
    def holdout(self) -> bool:
        return is_holdout(self.seller_id)


def is_holdout(seller_id: int) -> bool:
    """A fixed, even split of sellers (Knuth's multiplicative hash)."""
    return (seller_id * 2654435761) % 2**32 % 10 < HOLDOUT_SHARE


def _matrix(sample: list[Observation]) -> np.ndarray:
    names = [factor.name for factor in FACTORS]
    rows = [[factor_values(o.features)[n] for n in names] for o in sample]
    return np.asarray(rows, dtype=np.float64)


def fit_logistic(x: np.ndarray, good: np.ndarray, l2: float = 1.0, iterations: int = 50) -> np.ndarray:
    """Coefficients (intercept first) maximising the penalised log-likelihood."""
    design = np.hstack([np.ones((x.shape[0], 1)), x])
    beta = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * l2
    penalty[0, 0] = 0.0  # the intercept is not shrunk
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-design @ beta))
        gradient = design.T @ (good - p) - penalty @ beta
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.max(np.abs(step)) < 1e-10:
            break
    return beta


def fit_with_expected_signs(z: np.ndarray, good: np.ndarray) -> np.ndarray:
    """Fit, drop the factors whose weight has the wrong sign, refit, until none does."""
    signs = np.array([EXPECTED_SIGN[f.name] for f in FACTORS])
    kept = np.ones(len(FACTORS), dtype=bool)
    while True:
        beta = np.zeros(len(FACTORS) + 1)
        fitted = fit_logistic(z[:, kept], good, l2=L2_PENALTY)
        beta[0] = fitted[0]
        beta[1:][kept] = fitted[1:]
        wrong = (signs * beta[1:] < 0) & kept
        if not wrong.any():
            return beta
        kept &= ~wrong


def fit_scorecard(sample: list[Observation], version: str, *, anchor_score: int = 650,
                  anchor_odds: str = "19", points_to_double_odds: int = 40) -> Scorecard:
    train = [o for o in sample if not o.holdout]
    x = _matrix(train)
    mean, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd < 1e-9] = 1.0
    good = np.array([0.0 if o.bad else 1.0 for o in train])
    beta = fit_with_expected_signs((x - mean) / sd, good)

    def dec(value) -> Decimal:
        return Decimal(str(round(value.item(), 6)))

    factors = tuple(FactorWeight(f.name, dec(beta[k + 1]), dec(mean[k]), dec(sd[k]))
                    for k, f in enumerate(FACTORS))
    return Scorecard(version, dec(beta[0]), factors, Decimal(anchor_score), Decimal(anchor_odds),
                     Decimal(points_to_double_odds))


def auc(scores: list[int], bad: list[bool]) -> Decimal:
    """P(a random good loan scores above a random bad one), ties counting half."""
    goods = [s for s, b in zip(scores, bad, strict=True) if not b]
    bads = [s for s, b in zip(scores, bad, strict=True) if b]
    if not goods or not bads:
        return Decimal(0)
    wins = sum((g > s) + Decimal("0.5") * (g == s) for g in goods for s in bads)
    return wins / (len(goods) * len(bads))


def ks(scores: list[int], bad: list[bool]) -> Decimal:
    """The largest gap between the score distributions of bad and good loans."""
    goods = sum(1 for b in bad if not b)
    bads = len(bad) - goods
    if not goods or not bads:
        return Decimal(0)
    best, seen_good, seen_bad = Decimal(0), 0, 0
    for score in sorted(set(scores)):
        seen_good += sum(1 for s, b in zip(scores, bad, strict=True) if s == score and not b)
        seen_bad += sum(1 for s, b in zip(scores, bad, strict=True) if s == score and b)
        best = max(best, abs(Decimal(seen_bad) / bads - Decimal(seen_good) / goods))
    return best
