"""What a seller sees of their loans: the list, one loan in full, draw quotes.

Read-only use cases for the portal; every figure comes from the engine, so a
page only formats. A seller only ever sees their own loans.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from app.config import DEFAULT_CONFIG, Product, RepaymentMethod
from app.errors import InvalidTerm
from app.i18n import text
from app.loans.allocation import as_of, payoff_amount
from app.loans.state import LoanState, days_past_due
from app.money import ZERO, from_fen, parse_amount
from app.schedules import Schedule, build_schedule
from app.services.actor import Actor, require_own_seller
from app.services.repayment import load_loan
from app.services.settings import business_date
from db.convert import loan_state
from db.engine import read_scope, session_scope
from db.models import Loan, LoanInstallment, Order, Payment


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
    id: int
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


@dataclass(frozen=True)
class PaymentRow:
    id: int
    paid_on: date
    source: str
    amount: Decimal
    penalty: Decimal
    interest: Decimal
    principal: Decimal


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


def my_loans(actor: Actor, seller_id: int) -> list[LoanRow]:
    require_own_seller(actor, seller_id)
    with read_scope() as session:
        today = business_date(session)
        loans = session.exec(select(Loan).where(Loan.seller_id == seller_id)
                             .order_by(col(Loan.status).desc(), col(Loan.id).desc())).all()
        rows = _installments_by_loan(session, [loan.id for loan in loans])
        return [_loan_row(loan, rows[loan.id], today) for loan in loans]


def loan_detail(actor: Actor, loan_id: int) -> LoanDetail:
    with read_scope() as session:
        loan, rows = load_loan(session, actor, loan_id)
        today = business_date(session)
        state = as_of(loan_state(loan, rows), today)
        payments = session.exec(select(Payment).where(Payment.loan_id == loan_id)
                                .order_by(col(Payment.id))).all()
        repaid_by_order = {p.order_id: from_fen(p.amount_fen) for p in payments if p.order_id}
        orders = session.exec(select(Order).where(Order.pledged_loan_id == loan_id)
                              .order_by(col(Order.id))).all()
        return LoanDetail(
            loan=_loan_row(loan, rows, today),
            payoff_today=payoff_amount(state, today) if loan.status == "open" else ZERO,
            schedule=schedule_rows(state, today),
            payments=tuple(_payment_row(p) for p in payments),
            pledged_orders=tuple(PledgedOrder(o.id, o.buyer, from_fen(o.amount_fen), o.status, o.shipped_on,
                                              o.settled_on, repaid_by_order.get(o.id, ZERO))
                                 for o in orders),
            agreement_version=loan.agreement_version)


def _payment_row(p: Payment) -> PaymentRow:
    return PaymentRow(p.id, p.paid_on, p.source, from_fen(p.amount_fen), from_fen(p.penalty_fen),
                      from_fen(p.interest_fen), from_fen(p.principal_fen))


def schedule_rows(state: LoanState, today: date) -> tuple[ScheduleRow, ...]:
    balance = state.principal
    result = []
    for inst in state.installments:
        balance -= inst.principal
        paid = inst.principal_paid + inst.interest_paid
        settled = inst.principal_unpaid == 0 and inst.interest_unpaid == 0
        status = ("paid" if settled and (inst.due_date <= today or balance == 0) else
                  "overdue" if inst.due_date < today else "due" if inst.due_date == today else "scheduled")
        result.append(ScheduleRow(inst.period, inst.due_date, inst.principal, inst.interest,
                                  inst.principal + inst.interest, balance, paid, status))
    return tuple(result)


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

    @property
    def total_interest(self) -> Decimal:
        return self.schedule.total_interest

    @property
    def first_payment(self) -> Decimal:
        return self.schedule.installments[0].total


def credit_draw_quote(amount: Decimal | str, months: int, method: RepaymentMethod | str) -> DrawQuote:
    """The schedule a credit draw would have if drawn today, and all four methods' cost."""
    cfg = DEFAULT_CONFIG
    principal = parse_amount(amount)
    if months not in cfg.credit_term_months:
        raise InvalidTerm(text("quote.term.credit_months", terms=", ".join(map(str, cfg.credit_term_months))))
    chosen = RepaymentMethod(method)
    rate = cfg.daily_rate(Product.CREDIT)
    with session_scope() as session:
        today = business_date(session)
    compare = tuple((m.value, build_schedule(m, principal, rate, today, months=months).total_interest)
                    for m in RepaymentMethod)
    return DrawQuote(Product.CREDIT.value, chosen.value, principal, today, rate, cfg.annual_rate(rate),
                     build_schedule(chosen, principal, rate, today, months=months), compare)


def order_draw_quote(amount: Decimal | str) -> DrawQuote:
    """The 30-day cost of an order loan drawn today (repaid earlier if its orders settle)."""
    cfg = DEFAULT_CONFIG
    principal = parse_amount(amount)
    rate = cfg.daily_rate(Product.ORDER)
    with session_scope() as session:
        today = business_date(session)
    schedule = build_schedule(RepaymentMethod.BULLET, principal, rate, today, days=cfg.order_term_days)
    bullet = RepaymentMethod.BULLET.value
    return DrawQuote(Product.ORDER.value, bullet, principal, today, rate, cfg.annual_rate(rate), schedule,
                     ((bullet, schedule.total_interest),))


def _installments_by_loan(session: Session, loan_ids: list[int]) -> dict[int, list[LoanInstallment]]:
    rows: dict[int, list[LoanInstallment]] = {loan_id: [] for loan_id in loan_ids}
    if loan_ids:
        for row in session.exec(select(LoanInstallment).where(col(LoanInstallment.loan_id).in_(loan_ids))):
            rows[row.loan_id].append(row)
    return rows


def _loan_row(loan: Loan, rows: list[LoanInstallment], today: date) -> LoanRow:
    state = as_of(loan_state(loan, rows), today)
    upcoming = [i for i in state.installments if i.principal_unpaid > 0 or i.interest_unpaid > 0]
    next_due = upcoming[0] if upcoming and loan.status == "open" else None
    return LoanRow(loan.id, loan.shop_id, loan.product, loan.method, from_fen(loan.principal_fen),
                   from_fen(loan.outstanding_fen), state.daily_rate, loan.start_date, loan.maturity_date,
                   loan.status, next_due.due_date if next_due else None,
                   next_due.principal_unpaid + next_due.interest_unpaid if next_due else ZERO,
                   days_past_due(state, today) if loan.status == "open" else 0)
