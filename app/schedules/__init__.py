"""Repayment schedules (rules §3, §4): one module per method, chosen by enum.

A schedule is data: `build_schedule(...) -> Schedule`, with no database in
sight. Every method shares one interest rule — period k charges
round(B_k × d × days_k) on the balance outstanding in it — and differs only in
how principal is spread, which is what each method module decides.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from app.config import RepaymentMethod
from app.dates import monthly_due_dates
from app.money import interest_for, round_fen
from app.schedules import bullet, equal_installment, equal_principal, interest_only
from app.schedules.types import Installment, Period, Schedule

if TYPE_CHECKING:
    from app.loans.terms import LoanTerms

PrincipalRule = Callable[[Decimal, Decimal, list[Period]], list[Decimal]]

PRINCIPAL_RULES: dict[RepaymentMethod, PrincipalRule] = {
    RepaymentMethod.BULLET: bullet.principal_parts,
    RepaymentMethod.INTEREST_ONLY: interest_only.principal_parts,
    RepaymentMethod.EQUAL_PRINCIPAL: equal_principal.principal_parts,
    RepaymentMethod.EQUAL_INSTALLMENT: equal_installment.principal_parts,
}

__all__ = ["Installment", "Period", "Schedule", "build_schedule", "loan_periods", "plan_installments"]


def loan_periods(terms: LoanTerms, start: date) -> list[Period]:
    """The interest periods of a new loan on `terms` (already checked when built).

    A bullet has one period to maturity (`days` for order loans, or `months`);
    the monthly methods have one period per month, due dates from rules §3.
    """
    if terms.days is not None:
        return [Period(start, start + timedelta(days=terms.days))]
    dues = monthly_due_dates(start, terms.months)
    if terms.method is RepaymentMethod.BULLET:
        return [Period(start, dues[-1])]
    starts = [start, *dues[:-1]]
    return [Period(s, d) for s, d in zip(starts, dues, strict=True)]


def plan_installments(method: RepaymentMethod, balance: Decimal, daily_rate: Decimal,
                      periods: list[Period], first_period: int = 1) -> list[Installment]:
    """Installments repaying `balance` over `periods` by `method`.

    Also used to re-size the rest of a loan after a prepayment (rules §5): the
    first period then starts on the prepayment date.
    """
    balance = round_fen(balance)
    parts = PRINCIPAL_RULES[method](balance, daily_rate, periods)
    rows: list[Installment] = []
    remaining = balance
    for offset, (period, part) in enumerate(zip(periods, parts, strict=True)):
        interest = interest_for(remaining, daily_rate, period.days)
        remaining -= part
        rows.append(Installment(first_period + offset, period.due, part, interest,
                                part + interest, remaining))
    return rows


def build_schedule(terms: LoanTerms, principal: Decimal, daily_rate: Decimal, start: date) -> Schedule:
    periods = loan_periods(terms, start)
    rows = plan_installments(terms.method, principal, daily_rate, periods)
    return Schedule(principal, daily_rate, tuple(rows))
