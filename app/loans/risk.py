"""Re-planning a loan for risk operations (rules §4, §5, §9), pure.

* `recall`: every installment due after the recall date is merged into one final
  installment due on it (提前收贷); its interest runs on the whole not-yet-due
  balance from the later of its period start and `paid_through` to the new due
  date — the same projection a prepayment's re-sizing makes (rules §5).
* `waive_penalty`: penalty owed is reduced by whole fen, oldest installment first.
* a payment's reversal is no re-plan of its own: the loan's life is replayed without
  the payment (`app.loans.history.reverse_payment`), so it stands as a twin that never
  received it (rules §5).
* `recovery_loan`: an interest-free equal-principal plan over whole months (§4.3).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from app.config import RepaymentMethod
from app.dates import monthly_due_dates
from app.loans.allocation import reproject
from app.loans.state import InstallmentState, LoanState, penalty_exact_on, penalty_owed
from app.money import ZERO, round_fen
from app.schedules import Period, plan_installments


def recall(loan: LoanState, on: date, due_on: date) -> tuple[LoanState, list[int]]:
    """The loan with everything due after `due_on` due on `due_on`; and the periods merged away."""
    later = [i for i in loan.installments if i.due_date > due_on]
    if not later:
        return loan, []
    first = later[0]
    merged = replace(first, due_date=due_on,
                     principal=sum((i.principal for i in later), ZERO),
                     principal_paid=sum((i.principal_paid for i in later), ZERO),
                     interest_paid=sum((i.interest_paid for i in later), ZERO))
    kept = [i for i in loan.installments if i.due_date <= due_on]
    state = replace(loan, installments=(*kept, merged))
    return reproject(state, on), [i.period for i in later[1:]]


def total_penalty_owed(loan: LoanState, on: date) -> Decimal:
    return sum((penalty_owed(loan, i, on) for i in loan.installments), ZERO)


def waive_penalty(loan: LoanState, on: date, amount: Decimal) -> LoanState:
    """Reduce penalty owed on `on` by `amount` (whole fen, at most what is owed), oldest first.

    Each installment's penalty is first folded to `on` (as a payment of principal
    does), then its exact penalty is lowered by whole fen, so its rounded penalty
    falls by exactly that much and later accrual is unchanged."""
    if amount != round_fen(amount) or amount < 0 or amount > total_penalty_owed(loan, on):
        raise ValueError(f"cannot waive {amount}: penalty owed is {total_penalty_owed(loan, on)}")
    remaining = amount
    installments = []
    for inst in loan.installments:
        cut = min(remaining, max(ZERO, penalty_owed(loan, inst, on)))
        if cut > 0:
            inst = replace(inst, penalty_exact=penalty_exact_on(loan, inst, on) - cut,
                           penalty_through=max(on, inst.penalty_from))
            remaining -= cut
        installments.append(inst)
    return replace(loan, installments=tuple(installments))


def recovery_loan(balance: Decimal, start: date, months: int) -> LoanState:
    """An interest-free equal-principal loan of `balance` over `months` monthly installments
    (due dates by rules §3; principal round(B / n), the rest in the last)."""
    dues = monthly_due_dates(start, months)
    periods = [Period(s, d) for s, d in zip([start, *dues[:-1]], dues, strict=True)]
    rows = plan_installments(RepaymentMethod.EQUAL_PRINCIPAL, balance, ZERO, periods)
    installments = tuple(InstallmentState(r.period, p.start, r.due_date, r.principal, r.interest)
                         for r, p in zip(rows, periods, strict=True))
    return LoanState(RepaymentMethod.EQUAL_PRINCIPAL, round_fen(balance), ZERO, ZERO, start, start,
                     installments)
