"""Equal principal 等额本金 (rules §4.3): round(B / n) a period, the rest last."""

from __future__ import annotations

from decimal import Decimal

from app.money import round_fen
from app.schedules.types import Period


def principal_parts(balance: Decimal, daily_rate: Decimal, periods: list[Period]) -> list[Decimal]:
    n = len(periods)
    part = round_fen(balance / n)
    return [part] * (n - 1) + [balance - part * (n - 1)]
