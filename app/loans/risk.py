"""Re-planning a loan for risk operations (rules §4, §5, §9), pure.

* `recall`: every installment due after the recall date is merged into one final
  installment due on it (提前收贷); its interest runs on the whole not-yet-due
  balance from the later of its period start and `paid_through` to the new due
  date — the same projection a prepayment's re-sizing makes (rules §5).
* `waive_penalty`: penalty owed is reduced by whole fen, oldest installment first.
* `reverse_payment`: a payment's penalty, interest and principal are owed again,
  from the reversal date on (no interest or penalty for the days it stood paid).
* `recovery_loan`: an interest-free equal-principal plan over whole months (§4.3).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from app.config import RepaymentMethod
from app.dates import monthly_due_dates
from app.loans.allocation import _reproject, reproject
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


def reverse_payment(loan: LoanState, on: date, *, penalty: Decimal, interest: Decimal,
                    principal: Decimal) -> LoanState:
    """The loan as if the last payment's parts were unpaid again from `on`.

    Parts come off the newest installments that hold them (a payment clears oldest
    first). Penalty of overdue installments is folded to `on` before their principal
    grows; principal back on not-yet-due installments is spread again by the loan's
    method, which also projects its interest from `paid_through`."""
    items = list(loan.installments)
    items = _take_back(items, penalty, "penalty_paid")
    items = _take_back(items, interest, "interest_paid")
    folded = [replace(i, penalty_exact=penalty_exact_on(loan, i, on), penalty_through=max(on, i.penalty_from))
              if i.due_date < on else i for i in items]
    items = _take_back(folded, principal, "principal_paid")
    state = replace(loan, installments=tuple(items))
    pending_back = any(i.due_date > on and i.principal_paid < old.principal_paid
                       for i, old in zip(items, loan.installments, strict=True))
    return _reproject(state, loan.accrual_end(on), resize=pending_back)


def _take_back(items: list[InstallmentState], amount: Decimal, field: str) -> list[InstallmentState]:
    remaining = amount
    result = list(items)
    for index in range(len(result) - 1, -1, -1):
        paid = getattr(result[index], field)
        cut = min(paid, remaining)
        if cut > 0:
            result[index] = replace(result[index], **{field: paid - cut})
            remaining -= cut
    if remaining > 0:
        raise ValueError(f"the loan holds less {field} than the payment to reverse")
    return result


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
