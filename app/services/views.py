"""Read models returned by services: frozen, Decimal money, no ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.money import from_fen
from db.models import Loan, Payment


@dataclass(frozen=True)
class LoanSummary:
    id: int
    seller_id: int
    shop_id: str
    product: str
    method: str
    principal: Decimal
    outstanding: Decimal
    start_date: date
    maturity_date: date
    status: str
    dpd: int

    @classmethod
    def of(cls, loan: Loan) -> LoanSummary:
        return cls(loan.id, loan.seller_id, loan.shop_id, loan.product, loan.method,
                   from_fen(loan.principal_fen), from_fen(loan.outstanding_fen), loan.start_date,
                   loan.maturity_date, loan.status, loan.dpd)


@dataclass(frozen=True)
class PaymentReceipt:
    payment_id: int
    loan_id: int
    paid_on: date
    source: str
    amount: Decimal
    penalty: Decimal
    interest: Decimal
    principal: Decimal
    loan_closed: bool

    @classmethod
    def of(cls, payment: Payment, loan: Loan) -> PaymentReceipt:
        return cls(payment.id, payment.loan_id, payment.paid_on, payment.source,
                   from_fen(payment.amount_fen), from_fen(payment.penalty_fen),
                   from_fen(payment.interest_fen), from_fen(payment.principal_fen), loan.status == "closed")
