"""The model report (product §3, §5): how the scorecard ranks realised outcomes.

Every realised loan is scored as of its draw date with the current model
(`app.services.credit.model_report` gathers and scores them); the report gives the
score distribution, approval rate and bad rate per rating band, and AUC and
KS on the hold-out sellers (the training side too, for comparison).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from app.config import BAD_DPD, LendingConfig
from app.scoring.calibration import Observation, auc, ks
from app.scoring.decision import band_name
from app.scoring.scorecard import Scorecard


@dataclass(frozen=True)
class BandRow:
    band: str
    loans: int
    approved: bool
    bad: int

    @property
    def bad_rate(self) -> Decimal:
        return Decimal(self.bad) / self.loans if self.loans else Decimal(0)


@dataclass(frozen=True)
class ModelReport:
    model_version: str
    loans: int
    bads: int
    holdout_loans: int
    holdout_bads: int
    holdout_auc: Decimal
    holdout_ks: Decimal
    train_auc: Decimal
    train_ks: Decimal
    approval_rate: Decimal
    bands: tuple[BandRow, ...]
    distribution: tuple[tuple[int, int], ...]  # (bucket start, loans) in steps of 50

    def text(self) -> str:
        lines = [f"Model {self.model_version}: {self.loans} realised loans, {self.bads} bad "
                 f"(ever > {BAD_DPD} days past due)",
                 f"Hold-out: {self.holdout_loans} loans, {self.holdout_bads} bad: "
                 f"AUC {self.holdout_auc:.3f}, KS {self.holdout_ks:.3f}",
                 f"Training: AUC {self.train_auc:.3f}, KS {self.train_ks:.3f}",
                 f"Approval rate (score ≥ BB): {self.approval_rate * 100:.1f} %", "",
                 f"{'band':<8}{'loans':>7}{'approved':>10}{'bad':>6}{'bad rate':>10}"]
        lines += [f"{r.band:<8}{r.loans:>7}{'yes' if r.approved else 'no':>10}{r.bad:>6}"
                  f"{r.bad_rate * 100:>9.1f}%" for r in self.bands]
        lines += ["", "score distribution:"]
        lines += [f"{start:>4}-{start + 49:<4} {'#' * max(1, n // 4) if n else '':<40} {n}"
                  for start, n in self.distribution]
        return "\n".join(lines)


def build_report(sample: list[Observation], scores: dict[int, int], card: Scorecard,
                 cfg: LendingConfig) -> ModelReport:
    def metrics(part: list[Observation]) -> tuple[Decimal, Decimal]:
        s, b = [scores[o.loan_id] for o in part], [o.bad for o in part]
        return auc(s, b), ks(s, b)

    holdout = [o for o in sample if o.holdout]
    train = [o for o in sample if not o.holdout]
    order = [b.name for b in cfg.bands] + ["REVIEW", "DECLINE"]
    by_band = Counter(band_name(cfg, scores[o.loan_id]) for o in sample)
    bad_by_band = Counter(band_name(cfg, scores[o.loan_id]) for o in sample if o.bad)
    rows = tuple(BandRow(name, by_band[name], name in order[:len(cfg.bands)], bad_by_band[name])
                 for name in order if by_band[name])
    approved = sum(r.loans for r in rows if r.approved)
    buckets = Counter(min(900, max(350, s // 50 * 50)) for s in scores.values())
    return ModelReport(card.version, len(sample), sum(o.bad for o in sample), len(holdout),
                       sum(o.bad for o in holdout), *metrics(holdout), *metrics(train),
                       Decimal(approved) / len(sample) if sample else Decimal(0), rows,
                       tuple(sorted(buckets.items())))
