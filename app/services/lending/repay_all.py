"""The Repay page's second pass (issue #9): a payment's preview with the re-sized schedule, and
"pay everything overdue" — each overdue loan paid its due-now amount through `repay`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import col, select

from app.errors import LoanNotFound
from app.i18n import text
from app.loans.allocation import Allocation, DueKind, apply_payment
from app.loans.history import LoanHistory, Step
from app.loans.state import minimum_day_interest
from app.money import ZERO, parse_amount
from app.services.access.actor import Actor, require_seller
from app.services.access.inputs import checked_id, shown
from app.services.lending.loan_views import PaymentRow, ScheduleRow, loan_history, schedule_rows
from app.services.lending.repayment import preview_allocation, repay
from app.services.store import loan_store
from app.services.store.settings import business_date
from db.engine import read_scope
from db.models import Payment


@dataclass(frozen=True)
class RepaymentPreview:
    allocation: Allocation  # how the payment is split (rules §5)
    schedule_after: tuple[ScheduleRow, ...]  # the installments after it, re-sized if it prepays principal
    minimum_day_interest: Decimal = ZERO  # of its interest, what only the one-day minimum charges (§2)


def preview_repayment(actor: Actor, loan_id: int, amount: Decimal | str) -> RepaymentPreview:
    """What a payment of `amount` today would clear, and the schedule it would leave; refuses
    what `repay` would refuse. On the draw date it also says how much of the interest is the
    one-day minimum (rules §2), so a same-day payoff's interest is never unexplained."""
    value = parse_amount(amount)
    allocation = preview_allocation(actor, loan_id, value)
    with read_scope() as session:
        record = loan_store.get_for(session, actor, loan_id)
        today = business_date(session)
        payments = session.exec(select(Payment).where(Payment.loan_id == loan_id)
                                .order_by(col(Payment.id))).all()
        history = loan_history(record, payments)
        before = record.state(today)
        after, applied = apply_payment(before, today, value)
        step = Step(today, value, applied, after)  # this payment, as the history's next step
        history = LoanHistory((*(history.steps if history else ()), step))
        minimum = min(allocation.total({DueKind.ACCRUED_INTEREST}), minimum_day_interest(before, today))
        return RepaymentPreview(allocation, schedule_rows(after, today, history), minimum)


@dataclass(frozen=True)
class OverduePayments:
    payments: tuple[PaymentRow, ...]

    @property
    def amount(self) -> Decimal:
        return sum((p.amount for p in self.payments), ZERO)


def repay_overdue(actor: Actor, *, amounts: dict[int, Decimal | str],
                  idempotency_key: str) -> OverduePayments:
    """Pay each loan of `amounts` (loan id → its due-now amount) through `repay`, each payment
    with its own key (`<key>-<loan id>`), one after another. A refusal stops there: the loans
    paid before it stay paid, and repeating the request with the same key pays only the rest."""
    require_seller(actor)
    if not isinstance(amounts, dict):
        raise LoanNotFound(text("loan.not_found", loan_id=shown(amounts)))
    for loan_id in amounts:  # every id checked before the first payment
        checked_id(loan_id, LoanNotFound, "loan.not_found", "loan_id")
    paid = [repay(actor, loan_id=loan_id, amount=amount, idempotency_key=f"{idempotency_key}-{loan_id}")
            for loan_id, amount in sorted(amounts.items())]
    return OverduePayments(tuple(paid))
