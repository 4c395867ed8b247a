"""The model report on this database's realised loans (product §3, §5), and the page's
version of it with the population stability of today's scores.

Scoring every realised loan as of its draw date takes seconds (each draw date's features are
read from the sales history), so the report is computed once per business date and stored
(`model_reports`, issue #16 item 16): end of day stores the new date's report
(`store_model_report`), and the page reads it. A stored report counts only for the inputs it
was computed from — the business date, the scorecard's version and the settings in force
(an admin who moves the band cut-offs gets a report with the new bands): otherwise, or when
no end of day has stored one yet, the page's read computes it (and writes nothing: the page
keeps it per `model_report_version` for the next visits, `components.cache`). Today's scores
(each seller's latest decision) change during the day and are read live: one query.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.config import DecisionStatus, LendingConfig
from app.scoring.decision import score_points
from app.scoring.report import BandRow, ModelReport, build_report
from app.scoring.scorecard import Scorecard, load_scorecard
from app.scoring.stability import StabilityBin, psi, stability
from app.services.access.actor import ADMIN, RISK, Actor, require_role
from app.services.credit.calibration import realised_sample
from app.services.store.decision_records import latest_decisions
from app.services.store.product_settings import effective_config
from app.services.store.settings import business_date
from db.engine import database_url, read_scope, session_scope
from db.models import CreditDecision, ModelReportSnapshot


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
    card = load_scorecard()
    with read_scope() as session:
        cfg = effective_config(session)
        on = business_date(session)
        stored = _stored(session, on, _inputs(card, cfg))
        today = [d.score for d in latest_decisions(session) if d.status != DecisionStatus.INELIGIBLE]
        report, fitted = stored or _report_and_scores(session, card, cfg)
    bins = stability(fitted, today, cfg)
    return ModelReportPage(report, bins, psi(bins), len(fitted), len(today))


def model_report_version(actor: Actor) -> tuple:
    """What the model report page is a function of: the database, its business date, the
    report's inputs, the stored report's time (end of day stores a new one) and the last credit
    decision (today's scores). Risk officers and admins."""
    require_role(actor, RISK, ADMIN)
    with read_scope() as session:
        on = business_date(session)
        stored = session.get(ModelReportSnapshot, on)
        last_decision = session.exec(select(func.max(CreditDecision.id))).one()
        return (database_url(), on.isoformat(), _inputs(load_scorecard(), effective_config(session)),
                stored.computed_at.isoformat() if stored else None, last_decision)


def _inputs(card: Scorecard, cfg: LendingConfig) -> str:
    """What a report depends on besides the loans of its business date: the scorecard's version
    and the settings in force (a fingerprint)."""
    return hashlib.sha256(f"{card.version}|{cfg!r}".encode()).hexdigest()


def _stored(session: Session, on: date, inputs: str) -> tuple[ModelReport, list[int]] | None:
    row = session.get(ModelReportSnapshot, on)
    if row is None or row.inputs != inputs:
        return None
    return _report_from_json(json.loads(row.report)), json.loads(row.fit_scores)


def store_model_report() -> tuple[ModelReport, list[int]]:
    """Compute the model report of the current business date and store it (end of day calls
    this after moving the date; the page when none is stored for its inputs). Returns it with
    the training sample's scores."""
    card = load_scorecard()
    with read_scope() as session:  # the slow part reads one snapshot and holds no lock
        cfg = effective_config(session)
        on = business_date(session)
        report, fitted = _report_and_scores(session, card, cfg)
    row = ModelReportSnapshot(business_date=on, inputs=_inputs(card, cfg),
                              report=json.dumps(_report_json(report)), fit_scores=json.dumps(fitted))
    try:
        with session_scope() as session:
            session.merge(row)
    except IntegrityError:  # another reader stored the same report first
        pass
    return report, fitted


def _report_json(report: ModelReport) -> dict:
    return json.loads(json.dumps(asdict(report), default=str))  # Decimals as exact strings


def _report_from_json(data: dict) -> ModelReport:
    decimals = ("holdout_auc", "holdout_ks", "train_auc", "train_ks", "approval_rate")
    return ModelReport(**{**data, **{k: Decimal(data[k]) for k in decimals},
                          "bands": tuple(BandRow(**b) for b in data["bands"]),
                          "distribution": tuple(tuple(pair) for pair in data["distribution"])})
