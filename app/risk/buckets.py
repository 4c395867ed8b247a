"""Days-past-due buckets (rules §7): 1–30, 31–60, 61–90, >90 (non-performing).

`dpd_bucket` is the one place a bucket is worked out; every page and report
that shows a bucket calls it. The limits come from `LendingConfig.dpd_buckets`.
"""

from __future__ import annotations

from app.config import DEFAULT_CONFIG, DecisionStatus, LendingConfig

CURRENT = "current"


def dpd_bucket(dpd: int, cfg: LendingConfig = DEFAULT_CONFIG) -> str:
    """"current" (0 DPD), "1-30", "31-60", "61-90" or ">90"."""
    if dpd <= 0:
        return CURRENT
    for low, high in cfg.dpd_buckets:
        if low <= dpd <= high:
            return f"{low}-{high}"
    return f">{cfg.dpd_buckets[-1][1]}"


def bucket_names(cfg: LendingConfig = DEFAULT_CONFIG) -> tuple[str, ...]:
    """Every bucket in order, current first."""
    return (CURRENT, *(f"{low}-{high}" for low, high in cfg.dpd_buckets), f">{cfg.dpd_buckets[-1][1]}")


def rating_level(status: str, band: str, cfg: LendingConfig = DEFAULT_CONFIG) -> int:
    """A decision's place on the rating ladder (rules §9): AAA = 0 … BB = 4, manual
    review the band below BB (5), declined or ineligible the one below that (6)."""
    names = [b.name for b in cfg.bands]
    if status == DecisionStatus.APPROVED and band in names:
        return names.index(band)
    return len(names) if status == DecisionStatus.MANUAL_REVIEW else len(names) + 1
