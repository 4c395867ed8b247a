"""Equal installment 等额本息 (rules §4.4) on actual-day periods.

With g_k = d × days_k the level amount that repays B exactly is
    A = B · Π_k(1+g_k) / Σ_j Π_{k>j}(1+g_k)
which is the textbook annuity when all periods are equally long. Installment k
(< n) pays interest round(B_k × g_k) and principal A − interest; the last one
pays whatever principal is left, so the parts always sum to B.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from app.money import interest_for, round_fen
from app.schedules.types import Period


def level_amount(balance: Decimal, daily_rate: Decimal, periods: list[Period]) -> Decimal:
    """A, rounded half-up to the fen."""
    with localcontext() as ctx:
        ctx.prec = 50  # products of (1+g) over 12 periods stay exact enough
        growth = [1 + daily_rate * p.days for p in periods]
        total_growth = Decimal(1)
        for g in growth:
            total_growth *= g
        denominator = Decimal(0)
        tail = Decimal(1)  # Π_{k>j}(1+g_k), built from the last period backwards
        for g in reversed(growth):
            denominator += tail
            tail *= g
        amount = balance * total_growth / denominator
    return round_fen(amount)


def principal_parts(balance: Decimal, daily_rate: Decimal, periods: list[Period]) -> list[Decimal]:
    amount = level_amount(balance, daily_rate, periods)
    parts: list[Decimal] = []
    remaining = balance
    for period in periods[:-1]:
        interest = interest_for(remaining, daily_rate, period.days)
        # Never let rounding push a part below zero or past the balance.
        part = min(max(amount - interest, Decimal("0.00")), remaining)
        parts.append(part)
        remaining -= part
    parts.append(remaining)
    return parts
