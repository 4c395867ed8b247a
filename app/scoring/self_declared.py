"""Self-declared answers confirm a rating but do not lift it (rules §6.2 items 5-6).

The declared financials and the questionnaire are what the seller says; the
platform cannot check most of it, and the form is pre-filled with the
platform's own figures. So their points are treated unevenly: everything they
take away counts, and what they add counts only within the band (or status) the
platform data alone gives. The rule in words: docs/scoring.md.
"""

from __future__ import annotations

from decimal import Decimal

from app.config import LendingConfig
from app.i18n import text
from app.money import ZERO
from app.scoring.explain import Contribution

CAP_KEY = "self_declared_cap"


def band_top(cfg: LendingConfig, score: int) -> int:
    """The highest score with the same band or status as `score`: one below the next
    cut-off above it (a band's minimum or the manual-review minimum), else the maximum."""
    cutoffs = [b.min_score for b in cfg.bands] + [cfg.manual_review_min_score]
    above = [c for c in cutoffs if c > score]
    return min(above) - cfg.scoring.self_declared_margin_below_cutoff if above else cfg.scoring.max_score


def self_declared_cap(cfg: LendingConfig, platform_points: Decimal, platform_score: int,
                      declared: list[Contribution]) -> Contribution | None:
    """The rule: the positive points of the self-declared answers count only up to
    `band_top` of the score without them; their negative points always count in full.

    `platform_points` is the unrounded score from platform data alone and
    `platform_score` that score as rated. Returns the contribution that takes back the
    excess (key `self_declared_cap`, text "reason.self_declared_cap"), or None when
    nothing is taken back. With it, the final score is at most `band_top`, so it never
    lands in a better band or status than without the application; the negatives may
    then lower it below that."""
    positive = sum((c.points for c in declared if c.points > 0), ZERO)
    room = max(ZERO, band_top(cfg, platform_score) - platform_points)
    if positive <= room:
        return None
    excess = positive - room
    return Contribution(CAP_KEY, -excess, text("reason.self_declared_cap", capped=f"{excess:.0f}",
                                               points=f"{positive:.0f}"))
