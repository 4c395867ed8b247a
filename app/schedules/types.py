"""Schedule records: plain, frozen data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.dates import days_between


@dataclass(frozen=True)
class Period:
    """An interest period: from `start` (counted) to `due` (not counted)."""

    start: date
    due: date

    @property
    def days(self) -> int:
        return days_between(self.start, self.due)


@dataclass(frozen=True)
class Installment:
    period: int
    due_date: date
    principal: Decimal
    interest: Decimal
    total: Decimal
    balance_after: Decimal


@dataclass(frozen=True)
class Schedule:
    principal: Decimal
    daily_rate: Decimal
    installments: tuple[Installment, ...]

    @property
    def total_interest(self) -> Decimal:
        return sum((i.interest for i in self.installments), Decimal("0.00"))

    @property
    def total_repayment(self) -> Decimal:
        return self.principal + self.total_interest
