"""The payment instructions' outbox (rules §14, issue 17 item 4): money out to a seller's payment
account for every draw, money in from it for every repayment the seller makes, each written in
the transaction of the loan or payment it belongs to. The provider's side is
`app.services.payouts` (export, then confirm); an instruction's id is the provider's
idempotency key, so sending it twice never pays twice."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from db.models import Loan, Payment, PaymentInstruction, PlatformSeller

DISBURSEMENT, COLLECTION = "disbursement", "collection"  # PaymentInstruction.kind
PENDING, SENT, CONFIRMED, FAILED = "pending", "sent", "confirmed", "failed"  # PaymentInstruction.status


def disbursement_id(loan_id: int) -> str:
    return f"D-{loan_id}"


def collection_id(payment_id: int) -> str:
    return f"C-{payment_id}"


def _account(session: Session, seller_id: int) -> str:
    """The seller's payment account as the platform feed named it ("" when it never did)."""
    account = session.exec(select(PlatformSeller.payment_account)
                           .where(PlatformSeller.seller_id == seller_id)).first()
    return account or ""


def add_disbursement(session: Session, loan: Loan, today: date) -> PaymentInstruction:
    """Pay the loan's principal out to the seller (a draw's instruction)."""
    instruction = PaymentInstruction(id=disbursement_id(loan.id), kind=DISBURSEMENT, seller_id=loan.seller_id,
                                     loan_id=loan.id, amount_fen=loan.principal_fen,
                                     account=_account(session, loan.seller_id), created_on=today)
    session.add(instruction)
    return instruction


def add_collection(session: Session, payment: Payment, today: date) -> PaymentInstruction:
    """Take a repayment from the seller's payment account."""
    instruction = PaymentInstruction(id=collection_id(payment.id), kind=COLLECTION,
                                     seller_id=payment.seller_id,
                                     loan_id=payment.loan_id, payment_id=payment.id,
                                     amount_fen=payment.amount_fen,
                                     account=_account(session, payment.seller_id), created_on=today)
    session.add(instruction)
    return instruction
