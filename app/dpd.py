"""Days-past-due buckets (rules §7): 1–30, 31–60, 61–90 and > 90 (non-performing).

Pure: the bucket edges come from `LendingConfig.dpd_buckets`; a loan not past due
(0 DPD) is in no bucket.
"""

from __future__ import annotations

from app.config import DEFAULT_CONFIG, LendingConfig

CURRENT = "current"  # 0 days past due: in no collections bucket


def bucket_labels(cfg: LendingConfig = DEFAULT_CONFIG) -> tuple[str, ...]:
    """The buckets in order, worst last: ("1-30", "31-60", "61-90", ">90")."""
    return (*(f"{low}-{high}" for low, high in cfg.dpd_buckets), f">{cfg.dpd_buckets[-1][1]}")


def dpd_bucket(dpd: int, cfg: LendingConfig = DEFAULT_CONFIG) -> str:
    """The bucket of a loan `dpd` days past due; `CURRENT` when it is not past due."""
    if dpd <= 0:
        return CURRENT
    for (low, high), label in zip(cfg.dpd_buckets, bucket_labels(cfg), strict=False):
        if low <= dpd <= high:
            return label
    return bucket_labels(cfg)[-1]
