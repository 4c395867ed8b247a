"""Rows ↔ the pure loan state of `app.loans.state` (exact conversions only)."""

from __future__ import annotations

from decimal import Decimal

from app.config import RepaymentMethod
from app.loans.state import InstallmentState, LoanState
from app.money import from_fen, to_fen
from db.models import Loan, LoanInstallment

RATE_SCALE = 10**8  # rates stored as integers of 1e-8
PENALTY_SCALE = 10**10  # exact penalty stored as integers of 1e-10 yuan


def rate_from_e8(value: int) -> Decimal:
    return Decimal(value) / RATE_SCALE


def rate_to_e8(rate: Decimal) -> int:
    scaled = rate * RATE_SCALE
    if scaled != scaled.to_integral_value():
        raise ValueError(f"rate {rate} has more than 8 decimals")
    return int(scaled)


def exact_to_e10(amount: Decimal) -> int:
    scaled = amount * PENALTY_SCALE
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} has more than 10 decimals")
    return int(scaled)


def installment_state(row: LoanInstallment) -> InstallmentState:
    return InstallmentState(
        period=row.period, start_date=row.start_date, due_date=row.due_date,
        principal=from_fen(row.principal_fen), interest=from_fen(row.interest_fen),
        interest_early=from_fen(row.interest_early_fen), principal_paid=from_fen(row.principal_paid_fen),
        interest_paid=from_fen(row.interest_paid_fen),
        penalty_exact=Decimal(row.penalty_exact_e10) / PENALTY_SCALE,
        penalty_through=row.penalty_through, penalty_paid=from_fen(row.penalty_paid_fen),
    )


def loan_state(loan: Loan, rows: list[LoanInstallment]) -> LoanState:
    return LoanState(
        method=RepaymentMethod(loan.method), principal=from_fen(loan.principal_fen),
        daily_rate=rate_from_e8(loan.daily_rate_e8), penalty_rate=rate_from_e8(loan.penalty_rate_e8),
        start_date=loan.start_date, paid_through=loan.paid_through,
        installments=tuple(installment_state(r) for r in sorted(rows, key=lambda r: r.period)),
        non_performing_since=loan.non_performing_since,
    )


def write_installment(row: LoanInstallment, inst: InstallmentState) -> None:
    row.principal_fen = to_fen(inst.principal)
    row.interest_fen = to_fen(inst.interest)
    row.interest_early_fen = to_fen(inst.interest_early)
    row.principal_paid_fen = to_fen(inst.principal_paid)
    row.interest_paid_fen = to_fen(inst.interest_paid)
    row.penalty_exact_e10 = exact_to_e10(inst.penalty_exact)
    row.penalty_through = inst.penalty_through
    row.penalty_paid_fen = to_fen(inst.penalty_paid)


def write_loan_state(loan: Loan, rows: list[LoanInstallment], state: LoanState) -> None:
    """Copy a state back onto its rows (the caller sets statuses)."""
    by_period = {r.period: r for r in rows}
    for inst in state.installments:
        write_installment(by_period[inst.period], inst)
    loan.paid_through = state.paid_through
    loan.non_performing_since = state.non_performing_since
    loan.outstanding_fen = sum(to_fen(i.principal_unpaid) for i in state.installments)
