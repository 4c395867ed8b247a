"""What a seller sees of their loans: the list, one loan in full, payments, draw quotes.

Read-only use cases for the portal, and the read models every loan service
returns (`LoanRow` for a loan, `PaymentRow` for a payment): frozen, Decimal
money, no ORM rows. Every figure comes from the engine, so a page only
formats. A seller only ever sees their own loans.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import col, select

from app.config import InstallmentStatus, LoanStatus, RepaymentMethod
from app.errors import SellerNotFound
from app.loans.allocation import payoff_amount
from app.loans.state import LoanState, days_past_due
from app.loans.terms import LoanTerms
from app.money import ZERO, from_fen, parse_amount
from app.schedules import Schedule, build_schedule
from app.services import loan_store
from app.services.actor import Actor, require_own_seller
from app.services.inputs import checked_id
from app.services.loan_store import LoanRecord
from app.services.product_settings import check_offered_term, effective_config
from app.services.settings import business_date
from db.engine import read_scope, session_scope
from db.models import Loan, Order, Payment


@dataclass(frozen=True)
class ScheduleRow:
    period: int
    due_date: date
    principal: Decimal
    interest: Decimal
    total: Decimal
    balance_after: Decimal
    paid: Decimal  # principal and interest paid of this installment
    status: str  # paid / due / overdue / scheduled


@dataclass(frozen=True)
class LoanRow:
    """A loan as it stands today: what draws return and what lists show."""

    id: int
    seller_id: int
    shop_id: str
    product: str
    method: str
    principal: Decimal
    outstanding: Decimal
    daily_rate: Decimal
    start_date: date
    maturity_date: date
    status: str
    next_due_date: date | None
    next_due_amount: Decimal
    days_past_due: int

    @property
    def is_open(self) -> bool:
        return self.status == LoanStatus.OPEN


@dataclass(frozen=True)
class PaymentRow:
    """A payment and how it was allocated: the receipt of a repayment, a row of a loan's history."""

    id: int
    loan_id: int
    paid_on: date
    source: str
    amount: Decimal
    penalty: Decimal
    interest: Decimal
    principal: Decimal
    loan_closed: bool = False  # the payment closed the loan

    @property
    def payment_id(self) -> int:
        return self.id

    @classmethod
    def of(cls, p: Payment, *, loan_closed: bool = False) -> PaymentRow:
        return cls(p.id, p.loan_id, p.paid_on, p.source, from_fen(p.amount_fen), from_fen(p.penalty_fen),
                   from_fen(p.interest_fen), from_fen(p.principal_fen), loan_closed)


@dataclass(frozen=True)
class PledgedOrder:
    id: int
    buyer: str
    amount: Decimal
    status: str
    shipped_on: date | None
    settled_on: date | None
    repaid: Decimal  # what its proceeds paid on the loan


@dataclass(frozen=True)
class LoanDetail:
    loan: LoanRow
    payoff_today: Decimal
    schedule: tuple[ScheduleRow, ...]
    payments: tuple[PaymentRow, ...]
    pledged_orders: tuple[PledgedOrder, ...]
    agreement_version: str | None
    corrections: tuple = ()  # approved corrections (`corrections.CorrectionView`), oldest first


def my_loans(actor: Actor, seller_id: int) -> list[LoanRow]:
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
    require_own_seller(actor, seller_id)
    with read_scope() as session:
        today = business_date(session)
        loans = session.exec(select(Loan).where(Loan.seller_id == seller_id)
                             .order_by(col(Loan.status).desc(), col(Loan.id).desc())).all()
        return [loan_row(record, today) for record in loan_store.records(session, loans)]


def loan_detail(actor: Actor, loan_id: int) -> LoanDetail:
    with read_scope() as session:
        record = loan_store.get_for(session, actor, loan_id)
        loan = record.loan
        today = business_date(session)
        state = record.state(today)
        payments = session.exec(select(Payment).where(Payment.loan_id == loan_id)
                                .order_by(col(Payment.id))).all()
        repaid_by_order = {p.order_id: from_fen(p.amount_fen) for p in payments if p.order_id}
        orders = session.exec(select(Order).where(Order.pledged_loan_id == loan_id)
                              .order_by(col(Order.id))).all()
        return LoanDetail(
            loan=loan_row(record, today),
            payoff_today=payoff_amount(state, today) if record.is_open else ZERO,
            schedule=schedule_rows(state, today),
            payments=tuple(PaymentRow.of(p) for p in payments),
            pledged_orders=tuple(PledgedOrder(o.id, o.buyer, from_fen(o.amount_fen), o.status, o.shipped_on,
                                              o.settled_on, repaid_by_order.get(o.id, ZERO))
                                 for o in orders),
            agreement_version=loan.agreement_version,
            corrections=tuple(loan_corrections(session, loan_id)))


def loan_corrections(session, loan_id: int) -> list:
    from app.services.corrections import loan_corrections as approved

    return approved(session, loan_id)


def schedule_rows(state: LoanState, today: date) -> tuple[ScheduleRow, ...]:
    balance = state.principal
    result = []
    for inst in state.installments:
        balance -= inst.principal
        paid = inst.principal_paid + inst.interest_paid
        settled = inst.principal_unpaid == 0 and inst.interest_unpaid == 0
        status = _installment_status(inst.due_date, today, settled=settled and (
            inst.due_date <= today or balance == 0))
        result.append(ScheduleRow(inst.period, inst.due_date, inst.principal, inst.interest,
                                  inst.principal + inst.interest, balance, paid, status))
    return tuple(result)


def _installment_status(due_date: date, today: date, *, settled: bool) -> str:
    if settled:
        return InstallmentStatus.PAID.value
    if due_date < today:
        return InstallmentStatus.OVERDUE.value
    return "due" if due_date == today else InstallmentStatus.SCHEDULED.value


@dataclass(frozen=True)
class DrawQuote:
    product: str
    method: str
    principal: Decimal
    start: date
    daily_rate: Decimal
    annual_rate: Decimal
    schedule: Schedule
    method_interest: tuple[tuple[str, Decimal], ...]  # total interest of each method, same amount and term
    penalty_rate: Decimal  # the daily penalty rate the loan would carry (rules §7)

    @property
    def total_interest(self) -> Decimal:
        return self.schedule.total_interest

    @property
    def first_payment(self) -> Decimal:
        return self.schedule.installments[0].total


def credit_draw_quote(amount: Decimal | str, months: int, method: RepaymentMethod | str) -> DrawQuote:
    """The schedule a credit draw would have if drawn today, and all four methods' cost."""
    terms = LoanTerms.credit(method, months)
    compare = tuple((m, LoanTerms.credit(m, months)) for m in RepaymentMethod)
    return _quote(terms, parse_amount(amount), compare)


def order_draw_quote(amount: Decimal | str) -> DrawQuote:
    """The 30-day cost of an order loan drawn today (repaid earlier if its orders settle)."""
    terms = LoanTerms.order()
    return _quote(terms, parse_amount(amount), ((terms.method, terms),))


def _quote(terms: LoanTerms, principal: Decimal, compare) -> DrawQuote:
    """At the rates and terms a draw today would get (`effective_config`)."""
    with session_scope() as session:
        today, cfg = business_date(session), effective_config(session)
    check_offered_term(cfg, terms)
    rate = cfg.daily_rate(terms.product)
    costs = tuple((method.value, build_schedule(other, principal, rate, today).total_interest)
                  for method, other in compare)
    return DrawQuote(terms.product.value, terms.method.value, principal, today, rate, cfg.annual_rate(rate),
                     build_schedule(terms, principal, rate, today), costs, cfg.penalty_rate(rate))


def loan_row(record: LoanRecord, today: date) -> LoanRow:
    """The read model of a loan as it stands on `today`."""
    loan, state = record.loan, record.state(today)
    upcoming = [i for i in state.installments if i.principal_unpaid > 0 or i.interest_unpaid > 0]
    next_due = upcoming[0] if upcoming and record.is_open else None
    return LoanRow(loan.id, loan.seller_id, loan.shop_id, loan.product, loan.method,
                   from_fen(loan.principal_fen), from_fen(loan.outstanding_fen), state.daily_rate,
                   loan.start_date, loan.maturity_date,
                   loan.status, next_due.due_date if next_due else None,
                   next_due.principal_unpaid + next_due.interest_unpaid if next_due else ZERO,
                   days_past_due(state, today) if record.is_open else 0)
