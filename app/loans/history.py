"""A loan's life replayed from its draw and its events (rules §4, §5, §7, §9): pure, no database.

The stored rows hold a loan as it stands now: a prepayment is folded into the
installment it re-sized, and nothing says when an installment was paid. Replaying
the loan's events in order through the same engine (`apply_payment`, `waive_penalty`,
`recall`, each on the loan `as_of` its day) gives each payment's allocation item by
item, so a page can show what actually happened: each prepayment as its own row,
when each installment was paid, when one became overdue, and the outstanding
principal day by day. `replay` returns None when the replay does not end where the
stored loan is (a change made outside payments), and the caller then shows the loan
as it stands, without the history.

A payment's reversal is the same replay without the payment (`reverse_payment`):
the loan then stands exactly as a twin that never received it (rules §5) — its
schedule, its payments' allocations, interest for the days in between and penalty
for an installment overdue meanwhile — by construction, not by undoing the payment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from app.loans.allocation import Allocation, DueKind, apply_payment, as_of, payoff_amount
from app.loans.risk import recall, waive_penalty
from app.loans.state import LoanState
from app.money import ZERO

EARLY_KINDS = {DueKind.ACCRUED_INTEREST, DueKind.PREPAID_PRINCIPAL}


@dataclass(frozen=True)
class Paid:
    """A payment of `amount` on `on` (rules §5)."""

    on: date
    amount: Decimal


@dataclass(frozen=True)
class Waived:
    """Penalty of `amount` waived on `on` (a correction, or a recovery plan's waiver)."""

    on: date
    amount: Decimal


@dataclass(frozen=True)
class Recalled:
    """提前收贷 (rules §9), at the start of `on`: what falls due after `due_on` falls due on it.
    It recalls the loan only if the loan is still open then."""

    on: date
    due_on: date


Event = Paid | Waived | Recalled


def apply_event(state: LoanState, event: Event) -> tuple[LoanState, Allocation | None]:
    """The loan after `event`, taken on the loan as it stands on the event's day (as the
    services take it); a payment's allocation. ValueError when the event cannot apply."""
    on = event.on
    current = as_of(state, on)
    if isinstance(event, Paid):
        return apply_payment(current, on, event.amount)
    if isinstance(event, Waived):
        return waive_penalty(current, on, event.amount), None
    if payoff_amount(current, on) == 0:
        return state, None  # closed before the recall: nothing to recall
    return recall(current, on, event.due_on)[0], None


def rebuild(initial: LoanState, events: Sequence[Event], on: date) -> LoanState:
    """The loan as drawn (`initial`) after `events`, in order, as it stands on `on`."""
    state = initial
    for event in events:
        state, _ = apply_event(state, event)
    return as_of(state, on)


def reverse_payment(initial: LoanState, events: Sequence[Event], index: int, on: date,
                    stored: LoanState) -> LoanState:
    """The loan on `on` as a twin that never received the payment `events[index]` (rules §5):
    its life replayed from the draw without it. The same installments and schedule (a
    reversed prepayment's re-sizing undone to the fen), the other payments allocated as
    the twin's were, interest for the days in between and penalty for an installment
    overdue meanwhile included — everything the twin owes on `on` and after.

    `events` must rebuild `stored` (the loan as it stands on `on`); ValueError when they
    do not (the loan changed by something the events do not tell) or when the twin
    cannot take an event that came after the payment."""
    if not isinstance(events[index], Paid):
        raise ValueError(f"event {index} is not a payment")
    if rebuild(initial, events, on) != stored:
        raise ValueError("the loan's events do not rebuild the loan as it stands")
    return rebuild(initial, [e for k, e in enumerate(events) if k != index], on)


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
