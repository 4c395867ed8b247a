"""A loan's life replayed from its draw and its payments (rules §4, §5, §7): pure, no database.

The stored rows hold a loan as it stands now: a prepayment is folded into the
installment it re-sized, and nothing says when an installment was paid. Replaying
the payments in order through the same engine (`apply_payment`, `as_of`) gives each
payment's allocation item by item, so a page can show what actually happened:
each prepayment as its own row, when each installment was paid, when one became
overdue, and the outstanding principal day by day. `replay` returns None when the
replay does not end where the stored loan is (a change made outside payments), and
the caller then shows the loan as it stands, without the history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from app.loans.allocation import Allocation, DueKind, apply_payment, as_of
from app.loans.state import LoanState
from app.money import ZERO

EARLY_KINDS = {DueKind.ACCRUED_INTEREST, DueKind.PREPAID_PRINCIPAL}


@dataclass(frozen=True)
class Step:
    """One payment as the engine applied it."""

    paid_on: date
    amount: Decimal
    allocation: Allocation
    after: LoanState

    @property
    def early_principal(self) -> Decimal:
        return self.allocation.total({DueKind.PREPAID_PRINCIPAL})

    @property
    def early_interest(self) -> Decimal:
        return self.allocation.total({DueKind.ACCRUED_INTEREST})

    @property
    def early_period(self) -> int | None:
        """The installment an early payment went into (the current one), if any."""
        return next((p.period for p in self.allocation.parts if p.kind in EARLY_KINDS), None)


@dataclass(frozen=True)
class LoanHistory:
    steps: tuple[Step, ...]

    def early_into(self, period: int) -> tuple[Decimal, Decimal]:
        """(principal, interest) paid early into installment `period`, before it fell due."""
        steps = [s for s in self.steps if s.early_period == period]
        return (sum((s.early_principal for s in steps), ZERO), sum((s.early_interest for s in steps), ZERO))

    def settled_on(self, period: int) -> date | None:
        """The day installment `period` was paid in full (principal and interest), if it was."""
        for step in self.steps:
            inst = next(i for i in step.after.installments if i.period == period)
            if inst.principal_unpaid == 0 and inst.interest_unpaid == 0 and (
                    inst.due_date <= step.paid_on or _closed(step.after)):
                return step.paid_on
        return None

    def overdue_from(self, period: int, due_date: date, today: date) -> date | None:
        """The day installment `period` became overdue (the day after its due date, rules §7), if it did."""
        settled = self.settled_on(period)
        if (settled is None or settled > due_date) and due_date < today:
            return due_date + timedelta(days=1)
        return None


def _closed(state: LoanState) -> bool:
    return all(i.principal_unpaid == 0 and i.interest_unpaid == 0 for i in state.installments)


def replay(initial: LoanState, payments: Sequence[tuple[date, Decimal]],
           stored: LoanState) -> LoanHistory | None:
    """Apply `payments` (day, amount), in order, to the loan as drawn; None if that does not
    end where the stored loan is."""
    state, steps = initial, []
    try:
        for paid_on, amount in payments:
            state, allocation = apply_payment(as_of(state, paid_on), paid_on, amount)
            steps.append(Step(paid_on, amount, allocation, state))
    except (ValueError, StopIteration):
        return None
    return LoanHistory(tuple(steps)) if _same(state, stored) else None


def _same(replayed: LoanState, stored: LoanState) -> bool:
    def key(state: LoanState):
        return [(i.period, i.due_date, i.principal, i.principal_paid, i.interest_paid, i.penalty_paid)
                for i in state.installments]
    return key(replayed) == key(stored)
