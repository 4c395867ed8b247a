"""The rating ladder (rules §9): where a decision stands, to tell how far a rating fell."""

from __future__ import annotations

from app.config import DEFAULT_CONFIG, DecisionStatus, LendingConfig


def rating_level(status: str, band: str, cfg: LendingConfig = DEFAULT_CONFIG) -> int:
    """A decision's place on the rating ladder (rules §9): AAA = 0 … BB = 4, manual
    review the band below BB (5), declined or ineligible the one below that (6). Only the
    bands' names and order count, which no product setting changes."""
    names = [b.name for b in cfg.bands]
    if status == DecisionStatus.APPROVED and band in names:
        return names.index(band)
    return len(names) if status == DecisionStatus.MANUAL_REVIEW else len(names) + 1
