"""Storing and reading credit decisions: the snapshot of inputs, the reasons,
and the limits each decision puts in force (rules §6.2).

Reasons and tips are stored as catalogue texts — `{"key": …, "params": {…}}` —
so a stored decision reads in either language."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.eligibility.rules import EligibilityFacts
from app.i18n import Text
from app.money import from_fen, to_fen
from app.scoring.application import DeclaredFinancials
from app.scoring.decision import Assessment
from app.scoring.explain import Contribution
from app.scoring.features import PlatformFeatures
from app.scoring.transforms import factor_values
from db.convert import rate_from_e8, rate_to_e8
from db.models import CreditApplication, CreditDecision, SellerLimit

CENT = Decimal("0.01")


@dataclass(frozen=True)
class DecisionView:
    id: int
    seller_id: int
    decided_on: date
    source: str
    model_version: str
    status: str
    score: int
    band: str
    credit_limit: Decimal
    advance_rate: Decimal
    proposed_credit_limit: Decimal
    average_monthly_sales: Decimal
    ineligible: tuple[Text, ...]
    reasons_up: tuple[Text, ...]
    reasons_down: tuple[Text, ...]
    tips: tuple[Text, ...]

    @property
    def eligible(self) -> bool:
        return not self.ineligible

    @classmethod
    def of(cls, row: CreditDecision) -> DecisionView:
        reasons = json.loads(row.reasons_json)
        return cls(row.id, row.seller_id, row.decided_on, row.source, row.model_version, row.status,
                   row.score, row.band, from_fen(row.credit_limit_fen), rate_from_e8(row.advance_rate_e8),
                   from_fen(row.proposed_credit_limit_fen), from_fen(row.average_monthly_sales_fen),
                   _texts(reasons["ineligible"]), _texts(r["text"] for r in reasons["up"]),
                   _texts(r["text"] for r in reasons["down"]), _texts(reasons["tips"]))


def _texts(stored) -> tuple[Text, ...]:
    """Stored texts back as `Text`s (a plain string, as older rows hold, stays as it is:
    `render` shows it unchanged)."""
    return tuple(Text.from_json(raw) if isinstance(raw, dict) else raw for raw in stored)


def latest_decision_row(session: Session, seller_id: int) -> CreditDecision | None:
    return session.exec(select(CreditDecision).where(CreditDecision.seller_id == seller_id)
                        .order_by(col(CreditDecision.id).desc()).limit(1)).first()


def latest_decisions(session: Session, seller_ids: list[int] | None = None) -> list[CreditDecision]:
    """The latest decision of the given sellers (all when None)."""
    only = [] if seller_ids is None else [col(CreditDecision.seller_id).in_(seller_ids)]
    newest = select(func.max(CreditDecision.id)).where(*only).group_by(CreditDecision.seller_id)
    return list(session.exec(select(CreditDecision).where(col(CreditDecision.id).in_(newest))).all())


def unchanged(row: CreditDecision | None, result: Assessment) -> bool:
    return row is not None and row.model_version == result.model_version and (
        row.status, row.score, row.band, row.credit_limit_fen) == (
        result.status, result.score, result.band, to_fen(result.credit_limit))


def store_application(session: Session, seller_id: int, today: date,
                       declared: DeclaredFinancials | None) -> int | None:
    if declared is None:
        return None
    row = CreditApplication(seller_id=seller_id, submitted_on=today,
                            declared_json=json.dumps(declared.snapshot()))
    session.add(row)
    session.flush()
    return row.id


def store_decision(session: Session, seller_id: int, today: date, source: str, result: Assessment,
           features: PlatformFeatures, facts: EligibilityFacts, declared: DeclaredFinancials | None,
           application_id: int | None) -> CreditDecision:
    """The decision with its input snapshot and reasons, and the limits it puts in force."""
    inputs = {"as_of": today.isoformat(), "category": features.category,
              "monthly_sales": [str(m) for m in features.monthly_sales],
              "factors": {k: str(v) for k, v in factor_values(features).items()},
              "facts": {"real_name_verified": facts.real_name_verified, "blacklisted": facts.blacklisted,
                        "member_since": facts.member_since.isoformat(), "overdue": facts.has_overdue_loan},
              "record": [features.loans_repaid_on_time, features.loans_repaid_late, features.loans_defaulted],
              "declared": declared.snapshot() if declared else None}
    reasons = {"ineligible": [r.message.to_json() for r in result.ineligible],
               "up": [_reason(c) for c in result.reasons_up],
               "down": [_reason(c) for c in result.reasons_down],
               "tips": [t.to_json() for t in result.tips],
               "points": {c.key: str(c.points.quantize(CENT)) for c in result.contributions}}
    row = CreditDecision(seller_id=seller_id, decided_on=today, source=source,
                         model_version=result.model_version, status=result.status.value, score=result.score,
                         band=result.band, credit_limit_fen=to_fen(result.credit_limit),
                         advance_rate_e8=rate_to_e8(result.advance_rate),
                         proposed_credit_limit_fen=to_fen(result.proposed_credit_limit),
                         average_monthly_sales_fen=to_fen(result.average_monthly_sales.quantize(CENT)),
                         application_id=application_id, inputs_json=json.dumps(inputs, sort_keys=True),
                         reasons_json=json.dumps(reasons, sort_keys=True))
    return put_in_force(session, row)


def _reason(c: Contribution) -> dict:
    return {"key": c.key, "points": str(c.points), "text": c.text.to_json()}


def put_in_force(session: Session, row: CreditDecision) -> CreditDecision:
    """Store a decision and make its limits the ones in force for the seller."""
    session.add(row)
    session.flush()
    session.add(SellerLimit(seller_id=row.seller_id, rating=row.band, credit_limit_fen=row.credit_limit_fen,
                            advance_rate_e8=row.advance_rate_e8, decided_on=row.decided_on, source=row.source,
                            decision_id=row.id))
    return row


