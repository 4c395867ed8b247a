"""The model report on this database's realised loans (product §3, §5)."""

from __future__ import annotations

from sqlmodel import Session

from app.config import LendingConfig
from app.scoring.decision import score_points
from app.scoring.report import ModelReport, build_report
from app.scoring.scorecard import Scorecard
from app.services.calibration import realised_sample


def model_report(session: Session, card: Scorecard, cfg: LendingConfig) -> ModelReport:
    """Score every realised loan as of its draw date with `card` and report on the scores."""
    sample = realised_sample(session)
    scores = {o.loan_id: score_points(card, cfg, o.features, None)[0] for o in sample}
    return build_report(sample, scores, card, cfg)
