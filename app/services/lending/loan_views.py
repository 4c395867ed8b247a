"""What a seller sees of their loans: the list, one loan in full, payments, draw quotes.

Read-only use cases for the portal, and the read models every loan service
returns (`LoanRow` for a loan, `PaymentRow` for a payment): frozen, Decimal
money, no ORM rows. Every figure comes from the engine, so a page only
formats. A seller only ever sees their own loans.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlmodel import col, select

from app.config import LATE_STANDINGS, InstallmentStatus, LoanStanding, LoanStatus, RepaymentMethod
from app.errors import LendingError, SellerNotFound
from app.i18n import Text, counted, text
from app.loans.allocation import Allocation, allocate, amount_due, payoff_amount
from app.loans.history import LoanHistory, replay
from app.loans.state import LoanState, days_past_due, new_loan, oldest_unpaid_due_date
from app.loans.terms import LoanTerms
from app.money import ZERO, from_fen, interest_for, parse_amount
from app.schedules import Schedule, build_schedule
from app.services.access.actor import Actor, require_own_seller
from app.services.access.inputs import checked_id
from app.services.store import loan_store
from app.services.store.correction_records import approved_corrections, reversed_payment_ids
from app.services.store.loan_store import LoanRecord
from app.services.store.product_settings import check_offered_term, effective_config
from app.services.store.settings import business_date
from db.convert import rate_from_e8
from db.engine import read_scope, session_scope
from db.models import Loan, Order, OrderRelease, Payment


@dataclass(frozen=True)
class ScheduleRow:
    period: int
    due_date: date
    principal: Decimal
    interest: Decimal
    total: Decimal
    balance_after: Decimal
    paid: Decimal  # principal and interest paid of this installment (an early payment: its own row)
    status: str  # paid / partly_paid / due / overdue / scheduled; an early payment's row: prepaid
    remaining: Decimal = ZERO  # principal and interest still to pay of it
    kind: str = "installment"  # installment / prepayment (a payment before the installment fell due)


@dataclass(frozen=True)
class TimelinePoint:
    """The loan on a day: outstanding principal and interest (with penalty) paid so far; `actual`
    up to today, planned after it."""

    on: date
    outstanding: Decimal
    interest: Decimal
    actual: bool


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
    next_due_date: date | None  # the next installment due today or later: never a date in the past
    next_due_amount: Decimal
    days_past_due: int
    due_now: Decimal = ZERO  # overdue installments + penalty + what falls due today (engine's amount_due)
    overdue_since: date | None = None  # the oldest unpaid due date before today
    non_performing_since: date | None = None  # > 90 DPD: interest and penalty stopped (rules §7)
    closed_as: str | None = None  # a closed loan not simply repaid: written_off / recovery (`ClosedAs`)

    @property
    def is_open(self) -> bool:
        return self.status == LoanStatus.OPEN

    @property
    def is_non_performing(self) -> bool:
        return self.non_performing_since is not None

    @property
    def state(self) -> str:
        """What the loan is now, one word for every page and table: a `LoanStanding`, or for a
        loan closed otherwise than repaid its `ClosedAs` (written_off / recovery / cancelled)."""
        if not self.is_open:
            return self.closed_as or LoanStanding.REPAID.value
        if self.days_past_due <= 0:
            return LoanStanding.OPEN.value
        return (LoanStanding.NON_PERFORMING if self.is_non_performing else LoanStanding.OVERDUE).value

    @property
    def state_text(self) -> Text:
        """`state` in words, with the days past due where it is late ("Overdue 14 days")."""
        if self.state in LATE_STANDINGS:
            return text(counted(f"loan_state.{self.state}", self.days_past_due), days=self.days_past_due)
        return text(f"loan_state.{self.state}")


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
    order_id: int | None = None  # the settled order whose proceeds paid it
    reversed: bool = False  # taken back by an approved reversal: on record, no longer counted

    @property
    def payment_id(self) -> int:
        return self.id

    @classmethod
    def of(cls, p: Payment, *, loan_closed: bool = False, reversed: bool = False) -> PaymentRow:
        return cls(p.id, p.loan_id, p.paid_on, p.source, from_fen(p.amount_fen), from_fen(p.penalty_fen),
                   from_fen(p.interest_fen), from_fen(p.principal_fen), loan_closed, p.order_id, reversed)


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
    corrections: tuple = ()  # approved corrections (`correction_records.SellerCorrection`), oldest first
    today: date | None = None
    timeline: tuple[TimelinePoint, ...] = ()  # what happened up to today, then what is planned
    due_now_split: Allocation = Allocation(())  # how paying `loan.due_now` today would be used


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
        every_payment = session.exec(select(Payment).where(Payment.loan_id == loan_id)
                                     .order_by(col(Payment.id))).all()
        reversed_ids = set(session.exec(reversed_payment_ids()).all())
        payments = [p for p in every_payment if p.id not in reversed_ids]  # what the loan now counts
        history = loan_history(record, payments)
        repaid_by_order = {p.order_id: from_fen(p.amount_fen) for p in payments if p.order_id}
        orders = pledged_orders(session, loan_id)
        rows = schedule_rows(state, today, history, closed=not record.is_open)
        row = loan_row(record, today)
        return LoanDetail(
            loan=row,
            payoff_today=payoff_amount(state, today) if record.is_open else ZERO,
            schedule=rows,
            payments=tuple(PaymentRow.of(p, reversed=p.id in reversed_ids) for p in every_payment),
            pledged_orders=tuple(PledgedOrder(o.id, o.buyer, from_fen(o.amount_fen), status, o.shipped_on,
                                              o.settled_on, repaid_by_order.get(o.id, ZERO))
                                 for o, status in orders),
            agreement_version=loan.agreement_version, today=today,
            timeline=timeline(state, payments, rows, today, is_open=record.is_open),
            corrections=tuple(approved_corrections(session, loan_id)),
            due_now_split=allocate(state, today, row.due_now) if row.due_now > 0 else Allocation(()))


def pledged_orders(session, loan_id: int) -> list[tuple[Order, str]]:
    """The orders pledged to a loan, with their status; those released when it closed unsettled
    read "released" (their link is kept in `order_releases`)."""
    pledged = session.exec(select(Order).where(Order.pledged_loan_id == loan_id)).all()
    released = session.exec(select(Order).join(OrderRelease, col(OrderRelease.order_id) == Order.id)
                            .where(OrderRelease.loan_id == loan_id)).all()
    seen = {o.id for o in pledged}
    orders = [(o, o.status) for o in pledged] + [(o, "released") for o in released if o.id not in seen]
    return sorted(orders, key=lambda pair: pair[0].id)


def loan_history(record: LoanRecord, payments) -> LoanHistory | None:
    """The loan's payments replayed from its draw (`app.loans.history`), or None."""
    loan = record.loan
    try:
        terms = LoanTerms(loan.product, loan.method, months=loan.term_months, days=loan.term_days)
    except LendingError:
        return None
    initial = new_loan(terms, from_fen(loan.principal_fen), rate_from_e8(loan.daily_rate_e8),
                       rate_from_e8(loan.penalty_rate_e8), loan.start_date)
    return replay(initial, [(p.paid_on, from_fen(p.amount_fen)) for p in payments], record.state())


def schedule_rows(state: LoanState, today: date, history: LoanHistory | None = None, *,
                  closed: bool = False) -> tuple[ScheduleRow, ...]:
    """Each installment with what was paid of it and what remains, and — from the history — each
    payment made before its installment fell due as a row of its own, in date order."""
    dated: list[tuple[date, int, ScheduleRow]] = []
    for inst in state.installments:
        early_principal, early_interest = history.early_into(inst.period) if history else (ZERO, ZERO)
        principal, interest = inst.principal - early_principal, inst.interest - early_interest
        paid = inst.principal_paid - early_principal + inst.interest_paid - early_interest
        remaining = inst.principal_unpaid + inst.interest_unpaid
        status = _installment_status(inst.due_date, today, settled=remaining == 0 and (
            closed or inst.due_date <= today or principal + interest == paid), paid=paid)
        if remaining == 0 and principal + interest == 0:
            status = "prepaid"  # nothing left of it: early payments repaid it all
        dated.append((inst.due_date, 0, ScheduleRow(inst.period, inst.due_date, principal, interest,
                                                    principal + interest, ZERO, paid, status, remaining)))
    for step in history.steps if history else ():
        if step.early_period is not None:
            total = step.early_principal + step.early_interest
            dated.append((step.paid_on, 1, ScheduleRow(step.early_period, step.paid_on, step.early_principal,
                                                       step.early_interest, total, ZERO, total, "prepaid",
                                                       ZERO, "prepayment")))
    balance, result = state.principal, []
    for _, _, row in sorted(dated, key=lambda item: (item[0], item[1])):
        balance -= row.principal
        result.append(replace(row, balance_after=balance))
    return tuple(result)


def _installment_status(due_date: date, today: date, *, settled: bool, paid: Decimal = ZERO) -> str:
    if settled:
        return InstallmentStatus.PAID.value
    if due_date < today:
        return InstallmentStatus.OVERDUE.value
    if due_date == today:
        return "due"
    return "partly_paid" if paid > 0 else InstallmentStatus.SCHEDULED.value


def timeline(state: LoanState, payments, rows: tuple[ScheduleRow, ...], today: date, *,
             is_open: bool) -> tuple[TimelinePoint, ...]:
    """Outstanding principal and interest paid: actual at the draw and each payment up to today,
    then planned at each installment still to pay."""
    outstanding, interest = state.principal, ZERO
    points = [TimelinePoint(state.start_date, outstanding, interest, True)]
    for p in payments:
        outstanding -= from_fen(p.principal_fen)
        interest += from_fen(p.interest_fen) + from_fen(p.penalty_fen)
        points.append(TimelinePoint(p.paid_on, outstanding, interest, True))
    if not is_open:
        return tuple(points)
    points.append(TimelinePoint(today, outstanding, interest, True))
    by_period = {i.period: i for i in state.installments}
    for row in rows:
        if row.kind == "installment" and row.remaining > 0:
            inst = by_period[row.period]
            outstanding -= inst.principal_unpaid
            interest += inst.interest_unpaid
            points.append(TimelinePoint(max(row.due_date, today), outstanding, interest, False))
    return tuple(points)


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

    @property
    def one_day_interest(self) -> Decimal:
        """A day's interest on the whole amount: what repaying it on the draw date costs (rules §2)."""
        return interest_for(self.principal, self.daily_rate, 1)


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
    is_open = record.is_open
    upcoming = [i for i in state.installments
                if i.due_date >= today and (i.principal_unpaid > 0 or i.interest_unpaid > 0)]
    next_due = upcoming[0] if upcoming and is_open else None
    dpd = days_past_due(state, today) if is_open else 0
    return LoanRow(loan.id, loan.seller_id, loan.shop_id, loan.product, loan.method,
                   from_fen(loan.principal_fen), from_fen(loan.outstanding_fen), state.daily_rate,
                   loan.start_date, loan.maturity_date,
                   loan.status, next_due.due_date if next_due else None,
                   next_due.principal_unpaid + next_due.interest_unpaid if next_due else ZERO,
                   dpd, amount_due(state, today) if is_open else ZERO,
                   oldest_unpaid_due_date(state, today) if dpd > 0 else None,
                   state.non_performing_since if is_open else None, loan.closed_as)
