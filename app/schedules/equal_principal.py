"""Equal principal 等额本金 (rules §4.3): round(B / n) a period, the rest last.

When a prepayment leaves only a few fen, round(B / n) × (n − 1) can exceed B;
no part is then allowed to go past what remains, so no installment is ever
negative (0.09 over 6 → 0.02, 0.02, 0.02, 0.02, 0.01, 0.00).
"""

from __future__ import annotations

from decimal import Decimal

from app.money import round_fen
from app.schedules.types import Period


def principal_parts(balance: Decimal, daily_rate: Decimal, periods: list[Period]) -> list[Decimal]:
    n = len(periods)
    part = round_fen(balance / n)
    parts = []
    remaining = balance
    for _ in range(n - 1):
        parts.append(min(part, remaining))
        remaining -= parts[-1]
    return [*parts, remaining]
