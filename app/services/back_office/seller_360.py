"""A seller at a glance for officers (issue 16 item 17): who they are, their limits and the
decision in force, every loan, the monitoring events, the collectors' contacts, the corrections
on their loans, a recovery plan and the documents they keep — one read, one frozen read model.

Every figure is the one the seller's own pages and the other back-office pages show: loans as
`loan_views.loan_row`, limits as `availability.seller_limits`, events as `RiskEventView`,
contacts as `ContactRow`, corrections as `CorrectionView`. Risk officers and admins only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import col, select

from app.eligibility.resident_id import mask_resident_id
from app.errors import SellerNotFound
from app.i18n import text
from app.money import from_fen
from app.services.access.actor import ADMIN, RISK, Actor, require_role
from app.services.access.inputs import checked_id
from app.services.lending.availability import Limits, seller_limits
from app.services.lending.loan_views import LoanRow, loan_row
from app.services.risk_ops.collections import ContactRow
from app.services.risk_ops.recovery import RecoveryPlanView, seller_recovery
from app.services.store import loan_store
from app.services.store.correction_records import CorrectionView, correction_view
from app.services.store.decision_records import DecisionView, latest_decision_row
from app.services.store.risk_records import RiskEventView
from app.services.store.settings import business_date
from db.engine import read_scope
from db.models import CollectionContact, Correction, Loan, Payment, RiskEvent, Seller, Shop, User

AGREEMENT, RECEIPT = "agreement", "receipt"  # SellerDocument.kind


@dataclass(frozen=True)
class SellerDocument:
    """A document the seller keeps: a loan's agreement or a payment's receipt."""

    kind: str  # agreement / receipt
    id: int  # the loan's (agreement) or the payment's (receipt)
    on: date  # drawn on / paid on
    loan_id: int
    amount: Decimal  # principal drawn / amount paid
    version: str | None = None  # the agreement's version


@dataclass(frozen=True)
class Seller360:
    seller_id: int
    name: str
    masked_resident_id: str
    real_name_verified: bool
    blacklisted: bool
    blacklisted_on: date | None
    shops: tuple[tuple[str, str, str], ...]  # (shop id, name, category)
    today: date
    limits: Limits
    decision: DecisionView | None  # the one in force
    loans: tuple[LoanRow, ...]  # open first, newest first
    events: tuple[RiskEventView, ...]  # warnings and recalls, newest first
    contacts: tuple[ContactRow, ...]  # collectors' contacts on any of the loans, newest first
    corrections: tuple[CorrectionView, ...]  # proposed, approved or rejected, newest first
    recovery: RecoveryPlanView | None
    documents: tuple[SellerDocument, ...]  # newest first

    @property
    def open_loans(self) -> tuple[LoanRow, ...]:
        return tuple(loan for loan in self.loans if loan.is_open)

    @property
    def due_now(self) -> Decimal:
        return sum((loan.due_now for loan in self.loans), Decimal("0.00"))

    @property
    def days_past_due(self) -> int:
        return max((loan.days_past_due for loan in self.loans), default=0)


def seller_360(actor: Actor, seller_id: int) -> Seller360:
    """Everything the back office knows of one seller, as of the business date."""
    require_role(actor, RISK, ADMIN)
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
    with read_scope() as session:
        seller = session.get(Seller, seller_id)
        if seller is None:
            raise SellerNotFound(text("seller.not_found", seller_id=seller_id))
        today = business_date(session)
        shops = session.exec(select(Shop.id, Shop.name, Shop.category).where(Shop.seller_id == seller_id)
                             .order_by(col(Shop.id))).all()
        loans = session.exec(select(Loan).where(Loan.seller_id == seller_id)
                             .order_by(col(Loan.status).desc(), col(Loan.id).desc())).all()
        loan_ids = [loan.id for loan in loans]
        rows = tuple(loan_row(record, today) for record in loan_store.records(session, loans))
        events = session.exec(select(RiskEvent).where(RiskEvent.seller_id == seller_id)
                              .order_by(col(RiskEvent.id).desc())).all()
        contacts = session.exec(select(CollectionContact, User.username)
                                .join(User, col(User.id) == CollectionContact.created_by, isouter=True)
                                .where(CollectionContact.seller_id == seller_id)
                                .order_by(col(CollectionContact.id).desc())).all()
        corrections = session.exec(select(Correction).where(col(Correction.loan_id).in_(loan_ids))
                                   .order_by(col(Correction.id).desc())).all()
        payments = session.exec(select(Payment).where(Payment.seller_id == seller_id)
                                .order_by(col(Payment.id).desc())).all()
        decision = latest_decision_row(session, seller_id)
        contact_rows = tuple(ContactRow(c.id, c.loan_id, c.business_date, c.note, c.promise_date, name or "—",
                                        c.created_at) for c, name in contacts)
        return Seller360(
            seller.id, seller.name, mask_resident_id(seller.resident_id), seller.real_name_verified,
            seller.blacklisted, seller.blacklisted_on, tuple((s, n, c) for s, n, c in shops), today,
            seller_limits(session, seller_id, today), None if decision is None else DecisionView.of(decision),
            rows, tuple(RiskEventView.of(e, seller.name) for e in events), contact_rows,
            tuple(correction_view(session, c) for c in corrections), seller_recovery(session, seller_id),
            _documents(loans, payments))


def _documents(loans, payments) -> tuple[SellerDocument, ...]:
    documents = [SellerDocument(AGREEMENT, loan.id, loan.start_date, loan.id, from_fen(loan.principal_fen),
                                loan.agreement_version) for loan in loans if loan.agreement_version]
    documents += [SellerDocument(RECEIPT, p.id, p.paid_on, p.loan_id, from_fen(p.amount_fen))
                  for p in payments]
    return tuple(sorted(documents, key=lambda d: (d.on, d.kind == RECEIPT, d.id), reverse=True))
