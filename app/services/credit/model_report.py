"""The model report on this database's realised loans (product §3, §5), and the page's
version of it with the population stability of today's scores."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session

from app.config import DecisionStatus, LendingConfig
from app.scoring.decision import score_points
from app.scoring.report import ModelReport, build_report
from app.scoring.scorecard import Scorecard, load_scorecard
from app.scoring.stability import StabilityBin, psi, stability
from app.services.access.actor import ADMIN, RISK, Actor, require_role
from app.services.credit.calibration import realised_sample
from app.services.store.decision_records import latest_decisions
from app.services.store.product_settings import effective_config
from db.engine import read_scope


def model_report(session: Session, card: Scorecard, cfg: LendingConfig) -> ModelReport:
    """Score every realised loan as of its draw date with `card` and report on the scores."""
    return _report_and_scores(session, card, cfg)[0]


def _report_and_scores(session: Session, card: Scorecard,
                       cfg: LendingConfig) -> tuple[ModelReport, list[int]]:
    """The report, and the scores of its training sample (the fit-time population)."""
    sample = realised_sample(session)
    scores = {o.loan_id: score_points(card, cfg, o.features, None)[0] for o in sample}
    return build_report(sample, scores, card, cfg), [scores[o.loan_id] for o in sample if not o.holdout]


@dataclass(frozen=True)
class ModelReportPage:
    report: ModelReport
    stability: tuple[StabilityBin, ...]
    psi: Decimal
    fit_scores: int  # how many scores the fit-time distribution has
    current_scores: int  # how many of today's latest decisions were compared


def model_report_page(actor: Actor) -> ModelReportPage:
    """The model report, plus the PSI of today's scores (each seller's latest decision, the
    ineligible left out) against the training sample's scores, in the rating bands' bins
    (`app.scoring.stability`). Risk officers and admins."""
    require_role(actor, RISK, ADMIN)
    with read_scope() as session:
        cfg = effective_config(session)
        report, fitted = _report_and_scores(session, load_scorecard(), cfg)
        today = [d.score for d in latest_decisions(session) if d.status != DecisionStatus.INELIGIBLE]
    bins = stability(fitted, today, cfg)
    return ModelReportPage(report, bins, psi(bins), len(fitted), len(today))
