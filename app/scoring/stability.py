"""Population stability index (PSI): how far today's scores have drifted from the scores
the model was fitted on.

The bins are the rating bands' own score ranges (rules §6.2-§6.3): below the manual-review
floor (decline), the manual-review range, then one bin per band from BB up to AAA, so a
shift the PSI shows is a shift between ratings. For each bin, e is the share of the
fit-time scores and a the share of today's; PSI = Σ (a − e) · ln(a / e), with an empty
bin counted as a share of 0.0001 so the logarithm stays finite. Usual reading: below 0.1
stable, 0.1-0.25 some shift, above 0.25 a shift worth a refit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from app.config import LendingConfig

FLOOR = Decimal("0.0001")
STABLE, SHIFTED = Decimal("0.1"), Decimal("0.25")


@dataclass(frozen=True)
class StabilityBin:
    label: str  # "600-649", "≥800", "<580"
    low: int  # the bin holds scores ≥ low and below the next bin's low
    expected: Decimal  # share of the fit-time scores
    actual: Decimal  # share of today's scores

    @property
    def term(self) -> Decimal:
        e, a = max(self.expected, FLOOR), max(self.actual, FLOOR)
        return (a - e) * (a / e).ln()


def score_bins(cfg: LendingConfig) -> list[tuple[str, int]]:
    """(label, lowest score) of each bin, lowest first."""
    edges = [cfg.scoring.min_score, cfg.manual_review_min_score, *sorted(b.min_score for b in cfg.bands)]
    middle = [f"{low}-{high - 1}" for low, high in pairwise(edges[1:])]
    labels = [f"<{edges[1]}", *middle]
    return list(zip([*labels, f"≥{edges[-1]}"], edges, strict=True))


def _shares(scores: Sequence[int], lows: list[int]) -> list[Decimal]:
    counts = [0] * len(lows)
    for score in scores:
        counts[max(i for i, low in enumerate(lows) if score >= low or i == 0)] += 1
    total = len(scores)
    return [Decimal(c) / total if total else Decimal(0) for c in counts]


def stability(expected: Sequence[int], actual: Sequence[int], cfg: LendingConfig) -> tuple[StabilityBin, ...]:
    bins = score_bins(cfg)
    lows = [low for _, low in bins]
    return tuple(StabilityBin(label, low, e, a) for (label, low), e, a
                 in zip(bins, _shares(expected, lows), _shares(actual, lows), strict=True))


def psi(bins: Sequence[StabilityBin]) -> Decimal:
    return sum((b.term for b in bins), Decimal(0))
