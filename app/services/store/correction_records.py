"""Corrections as stored and as read (rules §9, §11): their statuses and the read model
the back office's queue and a loan's history show. Proposing and deciding them is
`app.services.risk_ops.corrections`; a loan's page reads them from here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from app.money import from_fen
from db.models import Correction, User

PROPOSED, APPROVED, REJECTED = "proposed", "approved", "rejected"


@dataclass(frozen=True)
class CorrectionView:
    id: int
    kind: str
    loan_id: int
    payment_id: int | None
    amount: Decimal
    reason: str
    status: str
    proposed_by: str
    proposed_on: date
    decided_by: str | None
    decided_on: date | None
    decision_note: str


def approved_corrections(session: Session, loan_id: int) -> list[CorrectionView]:
    """Approved corrections of a loan, for its history (the caller checked the actor)."""
    query = select(Correction).where(Correction.loan_id == loan_id, Correction.status == APPROVED)
    rows = session.exec(query.order_by(col(Correction.id))).all()
    return [correction_view(session, row) for row in rows]


def correction_view(session: Session, row: Correction) -> CorrectionView:
    names = dict(session.exec(select(User.id, User.username).where(
        col(User.id).in_([i for i in (row.proposed_by, row.decided_by) if i is not None]))).all())
    return CorrectionView(row.id, row.kind, row.loan_id, row.payment_id, from_fen(row.amount_fen), row.reason,
                          row.status, names.get(row.proposed_by, "?"), row.proposed_on,
                          names.get(row.decided_by) if row.decided_by else None, row.decided_on,
                          row.decision_note)
