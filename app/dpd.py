"""Days-past-due buckets (rules §7): 1–30, 31–60, 61–90 and > 90 (non-performing) — the one home.

Pure: the bucket edges come from `LendingConfig.dpd_buckets` (fixed by the rules, not a product
setting an admin changes); a loan not past due (0 DPD) is `CURRENT`, in no bucket. Python code
asks `dpd_bucket`; SQL that groups loans by bucket builds its CASE from the same
`bucket_bounds` (`app.services.back_office.portfolio.bucket_case`), so both follow one table.
"""

from __future__ import annotations

from app.config import DEFAULT_CONFIG, LendingConfig

CURRENT = "current"  # 0 days past due: in no collections bucket


def bucket_labels(cfg: LendingConfig = DEFAULT_CONFIG) -> tuple[str, ...]:
    """The buckets in order, worst last: ("1-30", "31-60", "61-90", ">90")."""
    return (*(f"{low}-{high}" for low, high in cfg.dpd_buckets), f">{cfg.dpd_buckets[-1][1]}")


def bucket_names(cfg: LendingConfig = DEFAULT_CONFIG) -> tuple[str, ...]:
    """`CURRENT`, then every bucket in order, worst last."""
    return (CURRENT, *bucket_labels(cfg))


def bucket_bounds(cfg: LendingConfig = DEFAULT_CONFIG) -> tuple[tuple[int, str], ...]:
    """(the highest DPD in it, name) of `CURRENT` and of every bucket but the worst, in order:
    ((0, "current"), (30, "1-30"), (60, "31-60"), (90, "61-90")). A DPD above them all is in
    the worst bucket, `bucket_labels(cfg)[-1]`."""
    return ((0, CURRENT), *((high, label) for (_, high), label in zip(cfg.dpd_buckets, bucket_labels(cfg),
                                                                       strict=False)))


def dpd_bucket(dpd: int, cfg: LendingConfig = DEFAULT_CONFIG) -> str:
    """The bucket of a loan `dpd` days past due; `CURRENT` when it is not past due."""
    return next((name for high, name in bucket_bounds(cfg) if dpd <= high), bucket_labels(cfg)[-1])
