"""What a loan owes on a date, computed from its state (rules §2, §5, §7).

The state is plain data mirrored from the database rows. Conventions:

* `Installment.principal` is the principal assigned to the installment,
  including principal already prepaid into it, so the parts always sum to the
  loan's principal; `principal_paid` is what has been paid of it.
* `Installment.interest` is the interest the installment charges: for an
  installment not yet due it is a projection — the interest collected early in
  full (`interest_early`) plus round(B × d × days) from `paid_through` to its due
  date — and it becomes final on the due date.
* `LoanState.paid_through` is the date up to which interest on the not-yet-due
  principal has been collected in full (the draw date at first).
* Penalty (rules §7) is kept exact per installment: `penalty_exact` accrued up
  to `penalty_through` (its due date at first), extended by the unpaid
  principal × penalty rate × days since; it is rounded only when charged.
* Once a loan is non-performing (`non_performing_since`), interest and penalty
  stop accruing; what had accrued stays owed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from app.config import RepaymentMethod
from app.money import ZERO, interest_for, round_fen

if TYPE_CHECKING:
    from app.loans.terms import LoanTerms


@dataclass(frozen=True)
class InstallmentState:
    period: int
    start_date: date
    due_date: date
    principal: Decimal
    interest: Decimal
    interest_early: Decimal = ZERO
    principal_paid: Decimal = ZERO
    interest_paid: Decimal = ZERO
    penalty_exact: Decimal = ZERO
    penalty_through: date | None = None  # None: not folded yet, i.e. the due date
    penalty_paid: Decimal = ZERO

    @property
    def principal_unpaid(self) -> Decimal:
        return self.principal - self.principal_paid

    @property
    def interest_unpaid(self) -> Decimal:
        return self.interest - self.interest_paid

    @property
    def penalty_from(self) -> date:
        return self.penalty_through or self.due_date


@dataclass(frozen=True)
class LoanState:
    method: RepaymentMethod
    principal: Decimal
    daily_rate: Decimal
    penalty_rate: Decimal
    start_date: date
    paid_through: date
    installments: tuple[InstallmentState, ...]
    non_performing_since: date | None = None

    def accrual_end(self, on: date) -> date:
        """Accruals stop when the loan turns non-performing."""
        if self.non_performing_since and self.non_performing_since < on:
            return self.non_performing_since
        return on


def outstanding_principal(loan: LoanState) -> Decimal:
    return sum((i.principal_unpaid for i in loan.installments), ZERO)


def not_yet_due(loan: LoanState, on: date) -> list[InstallmentState]:
    return [i for i in loan.installments if i.due_date > on]


def current_installment(loan: LoanState, on: date) -> InstallmentState | None:
    """The installment whose period contains `on` (the first not yet due)."""
    pending = not_yet_due(loan, on)
    return pending[0] if pending else None


def accrual_start(loan: LoanState, on: date) -> date:
    """Later of the last due date before `on`, the draw date and paid_through."""
    current = current_installment(loan, on)
    start = current.start_date if current else on
    return max(start, loan.paid_through)


def chargeable_days(loan: LoanState, on: date) -> int:
    """Days of interest on the not-yet-due principal owed on `on` (算头不算尾).

    Principal repaid on the very day it was drawn is charged one day.
    """
    start = accrual_start(loan, on)
    days = max(0, (loan.accrual_end(on) - start).days)
    if days == 0 and on == loan.start_date and start == loan.start_date:
        return 1
    return days


def open_accrual(loan: LoanState, on: date, *, minimum_day: bool) -> Decimal:
    """Interest on the not-yet-due principal since accrual_start, rounded."""
    balance = sum((i.principal_unpaid for i in not_yet_due(loan, on)), ZERO)
    if minimum_day:
        days = chargeable_days(loan, on)
    else:
        days = max(0, (loan.accrual_end(on) - accrual_start(loan, on)).days)
    return interest_for(balance, loan.daily_rate, days)


def accrued_interest_owed(loan: LoanState, on: date) -> Decimal:
    """Accrued, not yet due interest still unpaid (allocation step 5)."""
    current = current_installment(loan, on)
    if current is None:
        return ZERO
    partial = current.interest_paid - current.interest_early
    return open_accrual(loan, on, minimum_day=True) - partial


def minimum_day_interest(loan: LoanState, on: date) -> Decimal:
    """What of the interest owed on `on` is owed only because of the one-day minimum (rules §2):
    on the draw date, before any day has run, the one day charged on the principal; zero otherwise."""
    no_days = (loan.accrual_end(on) - accrual_start(loan, on)).days <= 0
    return accrued_interest_owed(loan, on) if no_days and chargeable_days(loan, on) == 1 else ZERO


def penalty_exact_on(loan: LoanState, inst: InstallmentState, on: date) -> Decimal:
    """Exact penalty of an installment up to `on` (rules §7), not rounded."""
    days = max(0, (loan.accrual_end(on) - inst.penalty_from).days)
    return inst.penalty_exact + inst.principal_unpaid * loan.penalty_rate * days


def penalty_owed(loan: LoanState, inst: InstallmentState, on: date) -> Decimal:
    return round_fen(penalty_exact_on(loan, inst, on)) - inst.penalty_paid


def recognised_interest(loan: LoanState, on: date) -> Decimal:
    """Interest earned up to the start of `on`: the ledger's cumulative accrual.

    Charged pieces count as charged; the open piece is rounded as it stands,
    so daily postings of the difference sum to what is charged (rules §8).
    """
    earned = sum((i.interest for i in loan.installments if i.due_date <= on), ZERO)
    current = current_installment(loan, on)
    if current is not None:
        # A payment that has begun to collect the open piece (on the draw date: the
        # one-day minimum) has made it chargeable, so it is earned in full.
        started = current.interest_paid > current.interest_early
        earned += current.interest_early + open_accrual(loan, on, minimum_day=started)
    return earned


def recognised_penalty(loan: LoanState, on: date) -> Decimal:
    return sum((round_fen(penalty_exact_on(loan, i, on)) for i in loan.installments), ZERO)


def oldest_unpaid_due_date(loan: LoanState, on: date) -> date | None:
    """Oldest due date (≤ on) with anything unpaid."""
    for inst in loan.installments:
        if inst.due_date <= on and (inst.principal_unpaid > 0 or inst.interest_unpaid > 0):
            return inst.due_date
    return None


def days_past_due(loan: LoanState, on: date) -> int:
    """today − oldest unpaid due date; 0 on the due date itself (rules §7)."""
    oldest = oldest_unpaid_due_date(loan, on)
    return (on - oldest).days if oldest else 0


def is_overdue(loan: LoanState, on: date) -> bool:
    return days_past_due(loan, on) > 0


def new_loan(terms: LoanTerms, principal: Decimal, daily_rate: Decimal, penalty_rate: Decimal,
             start: date) -> LoanState:
    """The state of a loan on its draw date, from its schedule (rules §3, §4)."""
    from app.schedules import plan_installments

    periods = terms.periods(start)
    rows = plan_installments(terms.method, principal, daily_rate, periods)
    installments = tuple(
        InstallmentState(row.period, period.start, row.due_date, row.principal, row.interest)
        for row, period in zip(rows, periods, strict=True)
    )
    return LoanState(terms.method, round_fen(principal), daily_rate, penalty_rate, start, start, installments)
