"""Payoff and allocation of a payment (rules §5).

`dues(loan, on)` lists what is owed on a date in the order a payment clears it;
`payoff_amount` is their sum, and `apply_payment` walks the same list, so a
payment of the payoff amount always clears exactly the quote.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from app.config import DEFAULT_CONFIG
from app.loans.state import (
    InstallmentState,
    LoanState,
    accrued_interest_owed,
    current_installment,
    oldest_unpaid_due_date,
    penalty_exact_on,
    penalty_owed,
)
from app.money import ZERO, interest_for
from app.schedules import Period, plan_installments


class DueKind(str, enum.Enum):
    """Allocation order (rules §5)."""

    PENALTY = "penalty"
    OVERDUE_INTEREST = "overdue_interest"
    OVERDUE_PRINCIPAL = "overdue_principal"
    INTEREST_DUE_TODAY = "interest_due_today"
    PRINCIPAL_DUE_TODAY = "principal_due_today"
    ACCRUED_INTEREST = "accrued_interest"
    PREPAID_PRINCIPAL = "prepaid_principal"


INTEREST_KINDS = {DueKind.OVERDUE_INTEREST, DueKind.INTEREST_DUE_TODAY, DueKind.ACCRUED_INTEREST}
PRINCIPAL_KINDS = {DueKind.OVERDUE_PRINCIPAL, DueKind.PRINCIPAL_DUE_TODAY, DueKind.PREPAID_PRINCIPAL}


@dataclass(frozen=True)
class Due:
    kind: DueKind
    period: int  # the installment it belongs to (prepaid principal: the current one)
    amount: Decimal


@dataclass(frozen=True)
class Allocation:
    """How a payment was (or would be) split, in allocation order."""

    parts: tuple[Due, ...]

    def total(self, kinds: set[DueKind] | None = None) -> Decimal:
        return sum((p.amount for p in self.parts if kinds is None or p.kind in kinds), ZERO)

    @property
    def penalty(self) -> Decimal:
        return self.total({DueKind.PENALTY})

    @property
    def interest(self) -> Decimal:
        return self.total(INTEREST_KINDS)

    @property
    def principal(self) -> Decimal:
        return self.total(PRINCIPAL_KINDS)


def dues(loan: LoanState, on: date) -> list[Due]:
    """Everything owed on `on`, in the order a payment clears it."""
    overdue = [i for i in loan.installments if i.due_date < on]
    today = [i for i in loan.installments if i.due_date == on]
    items = [Due(DueKind.PENALTY, i.period, penalty_owed(loan, i, on)) for i in loan.installments]
    items += [Due(DueKind.OVERDUE_INTEREST, i.period, i.interest_unpaid) for i in overdue]
    items += [Due(DueKind.OVERDUE_PRINCIPAL, i.period, i.principal_unpaid) for i in overdue]
    for inst in today:
        items.append(Due(DueKind.INTEREST_DUE_TODAY, inst.period, inst.interest_unpaid))
        items.append(Due(DueKind.PRINCIPAL_DUE_TODAY, inst.period, inst.principal_unpaid))
    current = current_installment(loan, on)
    if current is not None:
        items.append(Due(DueKind.ACCRUED_INTEREST, current.period, accrued_interest_owed(loan, on)))
        later = sum((i.principal_unpaid for i in loan.installments if i.due_date > on), ZERO)
        items.append(Due(DueKind.PREPAID_PRINCIPAL, current.period, later))
    return [d for d in items if d.amount > 0]


def payoff_amount(loan: LoanState, on: date) -> Decimal:
    """Everything owed on `on`, not-yet-due principal in full (rules §5)."""
    return sum((d.amount for d in dues(loan, on)), ZERO)


def amount_due(loan: LoanState, on: date) -> Decimal:
    """What is due or overdue on `on` (what auto-debit collects): no prepayment."""
    early = {DueKind.ACCRUED_INTEREST, DueKind.PREPAID_PRINCIPAL}
    return sum((d.amount for d in dues(loan, on) if d.kind not in early), ZERO)


def allocate(loan: LoanState, on: date, amount: Decimal) -> Allocation:
    """Split `amount` (≤ payoff) over the dues in order; pure, no state change."""
    remaining = amount
    parts: list[Due] = []
    for due in dues(loan, on):
        if remaining <= 0:
            break
        paid = min(remaining, due.amount)
        parts.append(Due(due.kind, due.period, paid))
        remaining -= paid
    if remaining > 0:
        raise ValueError("payment exceeds the payoff amount")
    return Allocation(tuple(parts))


def apply_payment(loan: LoanState, on: date, amount: Decimal) -> tuple[LoanState, Allocation]:
    """The loan after a payment of `amount` on `on`, and how it was allocated."""
    allocation = allocate(loan, on, amount)
    installments = {i.period: i for i in loan.installments}
    paid_through = loan.paid_through
    prepaid = ZERO
    for part in allocation.parts:
        inst = installments[part.period]
        if part.kind is DueKind.PENALTY:
            inst = replace(inst, penalty_paid=inst.penalty_paid + part.amount)
        elif part.kind in (DueKind.OVERDUE_INTEREST, DueKind.INTEREST_DUE_TODAY):
            inst = replace(inst, interest_paid=inst.interest_paid + part.amount)
        elif part.kind in (DueKind.OVERDUE_PRINCIPAL, DueKind.PRINCIPAL_DUE_TODAY):
            inst = _pay_principal(loan, inst, on, part.amount)
        elif part.kind is DueKind.ACCRUED_INTEREST:
            owed = accrued_interest_owed(loan, on)
            inst = replace(inst, interest_paid=inst.interest_paid + part.amount)
            if part.amount == owed:  # collected in full: the accrual restarts
                inst = replace(inst, interest_early=inst.interest_paid)
                paid_through = _collected_through(loan, on)
        else:
            prepaid = part.amount
            inst = replace(inst, principal_paid=inst.principal_paid + part.amount)
        installments[part.period] = inst
    updated = replace(loan, installments=tuple(installments[k] for k in sorted(installments)),
                      paid_through=paid_through)
    return _reproject(updated, on, resize=prepaid > 0), allocation


def _collected_through(loan: LoanState, on: date) -> date:
    """Interest collected in full on `on` covers the days before it — or, on
    the draw date, the one minimum day (rules §2)."""
    if on == loan.start_date:
        return on + timedelta(days=1)
    return max(on, loan.paid_through)


def _pay_principal(loan: LoanState, inst: InstallmentState, on: date, amount: Decimal) -> InstallmentState:
    """Pay principal; fold the penalty so far at the old unpaid principal first."""
    folded = replace(inst, penalty_exact=penalty_exact_on(loan, inst, on),
                     penalty_through=max(on, inst.penalty_from))
    return replace(folded, principal_paid=folded.principal_paid + amount)


def _reproject(loan: LoanState, on: date, *, resize: bool) -> LoanState:
    """Re-size (after a prepayment) and re-project the not-yet-due installments.

    Due dates stay. After a prepayment the remaining principal is spread again
    by the loan's method over the remaining periods, the first running from
    paid_through (rules §5). Either way the interest of each not-yet-due
    installment is projected again on the balance it will actually carry.
    """
    pending = [i for i in loan.installments if i.due_date > on]
    if not pending:
        return loan
    first_start = max(pending[0].start_date, loan.paid_through)
    periods = [Period(first_start, pending[0].due_date)]
    periods += [Period(i.start_date, i.due_date) for i in pending[1:]]
    if resize:
        balance = sum((i.principal_unpaid for i in pending), ZERO)
        parts = [row.principal for row in
                 plan_installments(loan.method, balance, loan.daily_rate, periods)]
    else:
        parts = [i.principal_unpaid for i in pending]
    interests = projected_interest(loan, parts, periods)
    by_period = {i.period: i for i in loan.installments}
    for index, inst in enumerate(pending):
        early = inst.interest_early if index == 0 else ZERO
        by_period[inst.period] = replace(inst, principal=inst.principal_paid + parts[index],
                                         interest=early + interests[index])
    return replace(loan, installments=tuple(by_period[k] for k in sorted(by_period)))


def projected_interest(loan: LoanState, parts: list[Decimal], periods: list[Period]) -> list[Decimal]:
    """round(B_k × d × days_k) for each period, days cut at non-performance."""
    balance = sum(parts, ZERO)
    interests = []
    for part, period in zip(parts, periods, strict=True):
        days = max(0, (loan.accrual_end(period.due) - period.start).days)
        interests.append(interest_for(balance, loan.daily_rate, days))
        balance -= part
    return interests


def as_of(loan: LoanState, on: date,
          non_performing_dpd: int = DEFAULT_CONFIG.non_performing_dpd) -> LoanState:
    """The loan as it stands on `on`: marked non-performing from the day its DPD
    first exceeded the threshold, if end of day has not marked it yet (the book
    moved forward in a jump), so nothing after that day is ever charged (rules §7)."""
    oldest = oldest_unpaid_due_date(loan, on)
    if loan.non_performing_since is not None or oldest is None:
        return loan
    since = oldest + timedelta(days=non_performing_dpd + 1)
    if since > on:
        return loan
    return reproject(replace(loan, non_performing_since=since), on)


def reproject(loan: LoanState, on: date) -> LoanState:
    """Projections after a change outside payments (e.g. turning non-performing).

    For a non-performing loan this starts from the non-performing date even if
    `on` is later (the book moved forward in a jump), so installments that fell
    due in between charge nothing past that date either (rules §7)."""
    return _reproject(loan, loan.accrual_end(on), resize=False)
