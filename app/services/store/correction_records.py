"""Corrections as stored and as read (rules §9, §11): their kinds and statuses, the reasons a
seller may be told, and the read models the back office's queue and a loan's history show.
Proposing and deciding them is `app.services.risk_ops.corrections`; a loan's page reads them
from here. The officers' free-text `reason` stays internal; the seller reads the catalogue
reason chosen with it (`seller_reason`, one of `SELLER_REASONS[kind]`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from app.i18n import Text, text
from app.money import from_fen
from db.models import Correction, User

PAYMENT_REVERSAL, PENALTY_WAIVER, WRITE_OFF = "payment_reversal", "penalty_waiver", "write_off"
KINDS = (PAYMENT_REVERSAL, PENALTY_WAIVER, WRITE_OFF)
PROPOSED, APPROVED, REJECTED = "proposed", "approved", "rejected"
OTHER = "other"
# What the seller may be told, per kind: `correction.seller_reason.<code>` in the catalogue.
SELLER_REASONS: dict[str, tuple[str, ...]] = {
    PAYMENT_REVERSAL: ("payment_error", "payment_returned", "duplicate_payment", OTHER),
    PENALTY_WAIVER: ("goodwill", "first_late_payment", "hardship", "our_delay", OTHER),
    WRITE_OFF: ("uncollectable", "hardship", OTHER),
}


def reversed_payment_ids():
    """The ids of the payments an approved reversal took back, as a subquery: the one
    definition for the reversal's replay and the loan page (a reversed payment stays on record)."""
    return select(Correction.payment_id).where(Correction.kind == PAYMENT_REVERSAL,
                                               Correction.status == APPROVED,
                                               col(Correction.payment_id).is_not(None))


def seller_reason_text(code: str) -> Text:
    """A catalogue reason in the seller's words (an unknown code reads as "other")."""
    known = {reason for reasons in SELLER_REASONS.values() for reason in reasons}
    return text(f"correction.seller_reason.{code if code in known else OTHER}")


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
    seller_reason: str = OTHER  # the catalogue reason the seller reads (`reason` is internal)


@dataclass(frozen=True)
class SellerCorrection:
    """An approved correction as the seller sees it: no internal note, no officers' names."""

    kind: str
    loan_id: int
    payment_id: int | None
    amount: Decimal
    on: date
    reason: Text  # a catalogue reason, rendered in the reader's language


def approved_corrections(session: Session, loan_id: int) -> list[SellerCorrection]:
    """Approved corrections of a loan, for its history as the seller reads it (the caller checked
    the actor): the catalogue reason, never the officers' note or names."""
    query = select(Correction).where(Correction.loan_id == loan_id, Correction.status == APPROVED)
    rows = session.exec(query.order_by(col(Correction.id))).all()
    return [SellerCorrection(row.kind, row.loan_id, row.payment_id, from_fen(row.amount_fen), row.decided_on,
                             seller_reason_text(row.seller_reason)) for row in rows]


def correction_view(session: Session, row: Correction) -> CorrectionView:
    names = dict(session.exec(select(User.id, User.username).where(
        col(User.id).in_([i for i in (row.proposed_by, row.decided_by) if i is not None]))).all())
    return CorrectionView(row.id, row.kind, row.loan_id, row.payment_id, from_fen(row.amount_fen), row.reason,
                          row.status, names.get(row.proposed_by, "?"), row.proposed_on,
                          names.get(row.decided_by) if row.decided_by else None, row.decided_on,
                          row.decision_note, row.seller_reason)
